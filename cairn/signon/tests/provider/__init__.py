"""A real OpenID Connect provider (django-oidc-provider) for the single sign-on tests, run in a process of its own."""

CLIENT_ID = "cairn-tests"
CLIENT_SECRET = "cairn-tests-secret"
PASSWORD = "provider-pass-1234"
