"""Signing in and out."""

from django.contrib.auth import views as auth_views


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()
