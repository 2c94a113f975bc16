from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cairn.jobs"
    verbose_name = "Background work"
