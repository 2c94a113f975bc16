"""The browser script's endpoints for security keys, named as django-otp-webauthn's script expects them."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import security_keys

app_name = "otp_webauthn"
urlpatterns = [
    path("registration/begin/", security_keys.begin_registration, name="credential-registration-begin"),
    path("registration/complete/", security_keys.complete_registration, name="credential-registration-complete"),
    path("authentication/begin/", security_keys.begin_authentication, name="credential-authentication-begin"),
    path("authentication/complete/", security_keys.complete_authentication,
         name="credential-authentication-complete"),
    path("messages.js", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
