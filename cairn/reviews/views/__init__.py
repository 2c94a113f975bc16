from .recommendations import recommendation_detail
from .reviews import review_detail, review_list

__all__ = ["recommendation_detail", "review_detail", "review_list"]
