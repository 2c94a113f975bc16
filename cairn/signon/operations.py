"""Named changes to a council's single sign-on, and signing a person in through it; each records one audit event."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from cairn.accounts import operations as accounts
from cairn.accounts.models import Organisation, RoleAssignment, User
from cairn.audit.events import record_event

from .models import SignOnDomain, SignOnIdentity, SingleSignOn
from .parsing import mapped_roles, parse_domains
from .provider import is_loopback


class SignOnRefused(Exception):
    """The provider signed the person in, but Cairn will not: the message says why and what to do."""


def _check_issuer(issuer: str) -> str:
    issuer = (issuer or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(issuer)
    except ValidationError:
        raise ValidationError({"issuer": "Enter the provider's issuer as a full address, starting https://"}) from None
    if issuer.startswith("http://") and not is_loopback(issuer):
        raise ValidationError({"issuer": "The issuer must be an https:// address"})
    return issuer


@transaction.atomic
def configure_sign_on(
    organisation: Organisation, *, by, issuer: str, client_id: str, client_secret: str | None, domains: list[str],
    groups_claim: str = "groups", role_mapping: dict | None = None, create_accounts: bool = False,
    provider_checks_second_factor: bool = False,
) -> SingleSignOn:
    """Set a council's OpenID Connect sign-in (a secret of None keeps the one saved); the secret is never audited."""
    sign_on = SingleSignOn.objects.select_for_update().filter(organisation=organisation).first()
    creating = sign_on is None
    if creating:
        sign_on = SingleSignOn(organisation=organisation)
    before = None if creating else _described(sign_on)
    sign_on.issuer = _check_issuer(issuer)
    sign_on.client_id = (client_id or "").strip()
    if not sign_on.client_id:
        raise ValidationError({"client_id": "Enter the client (application) id the provider gave Cairn"})
    if client_secret is not None:
        if not client_secret.strip():
            raise ValidationError({"client_secret": "Enter the client secret the provider gave Cairn"})
        sign_on.seal_secret(client_secret.strip())
    elif creating:
        raise ValidationError({"client_secret": "Enter the client secret the provider gave Cairn"})
    sign_on.groups_claim = (groups_claim or "groups").strip()
    sign_on.role_mapping = role_mapping or {}
    sign_on.create_accounts = create_accounts
    sign_on.provider_checks_second_factor = provider_checks_second_factor
    domains = parse_domains(domains)
    taken = SignOnDomain.objects.filter(domain__in=domains).exclude(sign_on__organisation=organisation)
    if clash := taken.select_related("sign_on__organisation").first():
        raise ValidationError(
            {"domains": f"{clash.domain} already signs in to {clash.sign_on.organisation.name}: a domain belongs to one council"}
        )
    sign_on.full_clean(exclude=["client_secret_sealed"] if client_secret is None and not creating else None)
    sign_on.save()
    sign_on.domains.exclude(domain__in=domains).delete()
    for domain in set(domains) - set(sign_on.domains.values_list("domain", flat=True)):
        SignOnDomain.objects.create(sign_on=sign_on, domain=domain)
    record_event(
        organisation, "organisation.sign_on_set", by=by, before=before,
        after=_described(sign_on) | {"secret_changed": client_secret is not None},
    )
    return sign_on


@transaction.atomic
def remove_sign_on(organisation: Organisation, *, by) -> None:
    """Stop a council's single sign-on; people sign in with their passwords (or are sent a link to set one)."""
    sign_on = SingleSignOn.objects.select_for_update().get(organisation=organisation)
    before = _described(sign_on)
    sign_on.delete()
    record_event(organisation, "organisation.sign_on_removed", by=by, before=before)


def _described(sign_on: SingleSignOn) -> dict:
    return {
        "issuer": sign_on.issuer, "client_id": sign_on.client_id, "domains": sign_on.domain_names if sign_on.pk else [],
        "groups_claim": sign_on.groups_claim, "role_mapping": sign_on.role_mapping,
        "create_accounts": sign_on.create_accounts,
        "provider_checks_second_factor": sign_on.provider_checks_second_factor,
    }


def _email_from(claims: dict) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise SignOnRefused(
            "Your council's sign-in service did not tell Cairn your e-mail address. Ask your council's IT team to "
            "send the “email” claim to Cairn."
        )
    if claims.get("email_verified") in (False, "false"):
        raise SignOnRefused("Your council's sign-in service says your e-mail address is not verified.")
    return email.strip().lower()


def _unique_username(email: str) -> str:
    base = email[:140]
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


@transaction.atomic
def sign_in_through_provider(sign_on: SingleSignOn, claims: dict) -> User:
    """Match the provider's verified claims to a person of the council (or create them where the council allows),
    make their roles follow their groups where the council maps groups to roles, and record the sign-in."""
    organisation = sign_on.organisation
    email = _email_from(claims)
    domain = email.rsplit("@", 1)[1]
    if domain not in sign_on.domain_names:
        raise SignOnRefused(
            f"Addresses at {domain} do not sign in to {organisation.name}. Sign in with your own council's account."
        )
    subject = str(claims.get("sub") or "")
    identity = SignOnIdentity.objects.select_related("user").filter(issuer=sign_on.issuer, subject=subject).first()
    created = False
    if identity is not None and identity.user.organisation_id == organisation.pk:
        user = identity.user
    else:
        matches = list(User.objects.filter(organisation=organisation, email__iexact=email)[:2])
        if len(matches) > 1:
            raise SignOnRefused(
                f"More than one person at {organisation.name} has the address {email}. Ask your council's Cairn "
                "administrator to give each person their own address."
            )
        if matches:
            user = matches[0]
        elif sign_on.create_accounts:
            user = accounts.create_user(
                organisation, by=None, username=_unique_username(email), email=email,
                first_name=str(claims.get("given_name") or "")[:150], last_name=str(claims.get("family_name") or "")[:150],
                roles=mapped_roles(sign_on, claims) if sign_on.role_mapping else [],
            )
            created = True
        else:
            raise SignOnRefused(
                f"There is no Cairn account for {email} at {organisation.name}. Ask your council's Cairn administrator "
                "to invite you."
            )
    if not user.is_active:
        raise SignOnRefused("Your Cairn account has been turned off. Ask your council's Cairn administrator.")
    roles_before = sorted(user.role_assignments.values_list("role", flat=True))
    roles = roles_before
    if sign_on.role_mapping:
        roles = mapped_roles(sign_on, claims)
        user.role_assignments.exclude(role__in=roles).delete()
        for role in set(roles) - set(roles_before):
            RoleAssignment.objects.create(user=user, role=role)
        user.__dict__.pop("roles", None)
    if identity is None or identity.user_id != user.pk:
        SignOnIdentity.objects.filter(issuer=sign_on.issuer, subject=subject).delete()
        SignOnIdentity.objects.create(user=user, issuer=sign_on.issuer, subject=subject)
    else:
        identity.save(update_fields=["last_used_at"])
    if user.invitation_pending:
        user.invitation_accepted_at = timezone.now()
        user.save(update_fields=["invitation_accepted_at"])
    after = {"issuer": sign_on.issuer, "email": email, "account_created": created}
    if roles != roles_before:
        after |= {"roles_before": roles_before, "roles": roles}
    record_event(user, "user.signed_in_through_provider", by=user, after=after)
    return user
