from django.urls import path

from . import statements

app_name = "statements"
urlpatterns = [
    path("accessibility/", statements.accessibility_statement, name="accessibility"),
    path("privacy/", statements.privacy_notice, name="privacy"),
    path("<slug:slug>/accessibility/", statements.accessibility_statement, name="council_accessibility"),
    path("<slug:slug>/privacy/", statements.privacy_notice, name="council_privacy"),
]
