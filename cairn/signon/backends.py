"""The authentication back end of sessions begun through a council's provider: it never checks a password (the
provider's ID token was checked in `provider.finish`), and it ends the session of a person who is turned off."""

from django.contrib.auth.backends import ModelBackend


class ProviderBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None
