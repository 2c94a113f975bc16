from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cairn.api"
    verbose_name = "API"

    def ready(self) -> None:
        from . import webhooks  # noqa: F401  (connects the audit trail to webhook deliveries)
