from django.urls import path

from . import branding, security_keys, set_password, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password_change"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("set-password/<str:uidb64>/<str:token>/", set_password.set_password, name="set_password"),
    path("password-reset/", set_password.password_reset, name="password_reset"),
    path("password-reset/sent/", set_password.password_reset_sent, name="password_reset_sent"),
    path("two-factor/recovery/", views.two_factor_recovery, name="two_factor_recovery"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("security-keys/", security_keys.security_keys, name="security_keys"),
    path("security-keys/<int:pk>/remove/", security_keys.remove_security_key, name="remove_security_key"),
    path("council-logo/<int:pk>/", branding.council_logo, name="council_logo"),
]
