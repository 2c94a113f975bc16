from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "cairn.reviews"

    def ready(self) -> None:
        from . import summaries

        summaries.connect()
