"""A council's single sign-on: its OpenID Connect provider, the e-mail domains it signs in, and how groups map to
roles; and the provider identities people have signed in with."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

from cairn.accounts.models import Organisation, User


class SecretUnreadable(Exception):
    """The client secret was sealed with a secret key this installation no longer has."""


def _fernet(key: str) -> Fernet:
    digest = hashlib.sha256(f"cairn.signon.client-secret:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class SingleSignOn(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="single_sign_on")
    issuer = models.URLField(max_length=500, help_text="The provider's issuer; its discovery document is under it.")
    client_id = models.CharField(max_length=300)
    # Sealed with a key derived from CAIRN_SECRET_KEY, so a copy of the database (a backup) does not give it away.
    client_secret_sealed = models.TextField()
    groups_claim = models.CharField(max_length=100, default="groups")
    # Group name (or id) -> the roles it gives. Empty: the roles an administrator gives are kept.
    role_mapping = models.JSONField(default=dict, blank=True)
    create_accounts = models.BooleanField(default=False)
    # The council says its provider asks for a second factor, so Cairn does not ask for its own code as well.
    provider_checks_second_factor = models.BooleanField(default=False)
    # Where the provider's sign-in page is (from its discovery document): the e-mail form may be sent on to it.
    authorization_origin = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "single sign-on"

    def __str__(self) -> str:
        return f"Single sign-on for {self.organisation}"

    def seal_secret(self, secret: str) -> None:
        self.client_secret_sealed = _fernet(settings.SECRET_KEY).encrypt(secret.encode()).decode()

    def client_secret(self) -> str:
        for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
            try:
                return _fernet(key).decrypt(self.client_secret_sealed.encode()).decode()
            except InvalidToken:
                continue
        raise SecretUnreadable(
            "The client secret was saved under another CAIRN_SECRET_KEY and cannot be read: set it again."
        )

    @property
    def domain_names(self) -> list[str]:
        return sorted(domain.domain for domain in self.domains.all())


class SignOnDomain(models.Model):
    """An e-mail domain whose people sign in through one council's provider (a domain belongs to one council)."""

    sign_on = models.ForeignKey(SingleSignOn, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return self.domain


class SignOnIdentity(models.Model):
    """The provider's lasting name for a person (issuer and subject), linked at their first sign-in through it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_on_identities")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_provider_subject")]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
