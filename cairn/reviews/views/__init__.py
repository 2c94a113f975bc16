from .recommendations import recommendation_detail
from .reviews import review_detail, review_list, review_papers

__all__ = ["recommendation_detail", "review_detail", "review_list", "review_papers"]
