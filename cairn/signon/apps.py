from django.apps import AppConfig


class SignonConfig(AppConfig):
    name = "cairn.signon"
    label = "signon"
    verbose_name = "Single sign-on"
