"""Organisations (councils), their users, and the roles a user holds in their organisation."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    public_pages_enabled = models.BooleanField(
        default=False, help_text="Show published progress to the public without signing in."
    )
    open_data_consent = models.BooleanField(
        default=False, help_text="Publish published rounds as open data under the Open Government Licence."
    )
    publish_unchecked = models.BooleanField(
        default=False,
        help_text="Allow a round to be published before every update is accepted; the paper then names those not checked.",
    )
    # What the accessibility statement and the privacy notice (public pages) tell people: who to contact.
    website = models.URLField(blank=True, help_text="The council's own website.")
    accessibility_email = models.EmailField(
        blank=True, help_text="Where people report an accessibility problem or ask for a page in another format."
    )
    accessibility_phone = models.CharField(max_length=40, blank=True)
    data_protection_email = models.EmailField(blank=True, help_text="The council's data protection officer.")
    ico_registration = models.CharField(
        max_length=20, blank=True, help_text="The council's registration number with the Information Commissioner's Office."
    )
    # The roles whose holders must confirm each sign-in with a second factor (an empty list: nobody must).
    two_factor_roles = models.JSONField(default=list, blank=True)
    # What its papers and pages carry, set by its administrator: the name shown (its name when blank), its logo, and
    # the contact a new cover report starts with (each blank field: the officer writing the report).
    paper_name = models.CharField("Name on papers and pages", max_length=200, blank=True)
    logo = models.ForeignKey(
        "CouncilLogo", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="Logo"
    )
    contact_name = models.CharField("Contact officer's name", max_length=200, blank=True)
    contact_post = models.CharField("Contact officer's post", max_length=200, blank=True)
    contact_phone = models.CharField("Contact telephone", max_length=40, blank=True)
    contact_email = models.EmailField("Contact e-mail", blank=True)
    statement_reviewed_on = models.DateField(
        "Accessibility statement last reviewed", null=True, blank=True,
        help_text="When the council last reviewed its accessibility statement.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The name on the council's papers and pages."""
        return self.paper_name or self.name


class CouncilLogo(models.Model):
    """A logo a council's administrator uploaded (PNG or JPEG, checked by reading it). Never changed or deleted: a
    published round names the logo its papers carry by id and SHA-256, so its papers are made again the same."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="logos")
    image = models.BinaryField()
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        kind = "PNG" if self.content_type == "image/png" else "JPEG"
        return f"{self.file_name or 'A logo'} ({kind}, {self.width} × {self.height} pixels)"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    SCRUTINY_OFFICER = "scrutiny_officer", "Scrutiny officer"
    LEAD_OFFICER = "lead_officer", "Lead officer"
    FINANCE_MANAGER = "finance_manager", "Finance manager"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    COUNCILLOR = "councillor", "Councillor"


class User(AbstractUser):
    # A person works for one council; platform operators (superusers) may have none.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # Raising it signs the user out of every session ("sign out everywhere").
    session_generation = models.PositiveIntegerField(default=0)
    # An invitation: when it was last sent, and when the person first set a password or signed in through it.
    invited_at = models.DateTimeField(null=True, blank=True)
    invitation_accepted_at = models.DateTimeField(null=True, blank=True)

    def get_session_auth_hash(self) -> str:
        """Sessions hold this hash; it changes with the password or when all sessions are ended."""
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            "cairn.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            algorithm="sha256",
        ).hexdigest()

    @property
    def must_use_two_factor(self) -> bool:
        """The council requires a second factor of one of this person's roles."""
        return bool(self.organisation and self.has_role(*self.organisation.two_factor_roles))

    @property
    def invitation_pending(self) -> bool:
        return self.invited_at is not None and self.invitation_accepted_at is None

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"


class KnownDevice(models.Model):
    """A browser a person has signed in from before, known by a cookie only it holds.

    Failed sign-ins from it are counted for it alone, so an attacker's failures (from anywhere, even the same office
    address) never lock a person out of the browser they use; failures from it lock it alone."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_devices")
    key_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"A browser {self.user} signed in from"
