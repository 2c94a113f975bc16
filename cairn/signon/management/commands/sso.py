"""`cairn sso set|show|remove --council SLUG`: a council's single sign-on through its OpenID Connect provider."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import Organisation, Role
from cairn.signon import operations, parsing, provider
from cairn.signon.models import SingleSignOn


class Command(BaseCommand):
    help = (
        "Set, show or remove a council's single sign-on (OpenID Connect). `set` prints the redirect URI to register "
        "with the provider (under CAIRN_BASE_URL); `show` never prints the client secret."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="set|show|remove")
        set_ = actions.add_parser("set", help="configure (or change) the council's provider")
        set_.add_argument("--council", required=True, help="the council's slug")
        set_.add_argument("--issuer", required=True, help="the provider's issuer, e.g. "
                          "https://login.microsoftonline.com/TENANT-ID/v2.0")
        set_.add_argument("--client-id", required=True, help="the client (application) id the provider gave Cairn")
        set_.add_argument("--client-secret-file", required=True, type=Path,
                          help="a file holding the client secret (kept out of the command line and shell history)")
        set_.add_argument("--domains", required=True, help="the council's e-mail domains, separated by commas")
        set_.add_argument("--groups-claim", default="groups", help="the ID token claim listing groups (default: groups)")
        set_.add_argument("--role", action="append", default=[], metavar="GROUP=ROLE",
                          help="people in GROUP get ROLE (a role's name as the administration pages show it, or its "
                               "value, e.g. scrutiny_officer); repeat for more. With any, roles follow groups at "
                               "every sign-in.")
        set_.add_argument("--create-accounts", action="store_true",
                          help="create an account for a person of these domains the first time they sign in")
        set_.add_argument("--provider-mfa", action="store_true",
                          help="the provider asks for a second factor itself, so Cairn does not ask for its own code")
        for name, text in (("show", "print the council's single sign-on (never the secret)"),
                           ("remove", "turn the council's single sign-on off")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("--council", required=True, help="the council's slug")

    def handle(self, *, action: str, council: str, **options) -> None:
        organisation = Organisation.objects.filter(slug=council).first()
        if organisation is None:
            raise CommandError(f"There is no council with the slug {council!r}.")
        getattr(self, f"_{action}")(organisation, **options)

    def _set(self, organisation, *, issuer, client_id, client_secret_file, domains, groups_claim, role,
             create_accounts, provider_mfa, **options) -> None:
        try:
            secret = client_secret_file.read_text().strip()
        except OSError as error:
            raise CommandError(f"The client secret file cannot be read: {error.strerror} ({client_secret_file}).")
        try:
            sign_on = operations.configure_sign_on(
                organisation, by=None, issuer=issuer, client_id=client_id, client_secret=secret, domains=domains,
                groups_claim=groups_claim, role_mapping=parsing.parse_role_mapping(role),
                create_accounts=create_accounts, provider_checks_second_factor=provider_mfa,
            )
        except ValidationError as error:
            raise CommandError(_plain(error)) from None
        self.stdout.write(f"Single sign-on is set for {organisation.name}.")
        self._describe(sign_on)
        self.stdout.write(f"Register this redirect URI with the provider: {provider.redirect_uri(organisation)}")
        try:
            provider.discover(sign_on.issuer)
        except provider.ProviderError as error:
            self.stderr.write(f"Warning: {error} Cairn tries again each time someone signs in.")
        else:
            self.stdout.write(f"The provider's discovery document at {provider.discovery_url(sign_on.issuer)} checks out.")

    def _show(self, organisation, **options) -> None:
        sign_on = SingleSignOn.objects.filter(organisation=organisation).first()
        if sign_on is None:
            self.stdout.write(f"{organisation.name} has no single sign-on.")
            return
        self._describe(sign_on)

    def _remove(self, organisation, **options) -> None:
        if not SingleSignOn.objects.filter(organisation=organisation).exists():
            raise CommandError(f"{organisation.name} has no single sign-on to remove.")
        operations.remove_sign_on(organisation, by=None)
        self.stdout.write(f"Single sign-on is off for {organisation.name}: people sign in with their passwords.")

    def _describe(self, sign_on: SingleSignOn) -> None:
        mapping = "; ".join(
            f"{group} = {', '.join(Role(role).label for role in roles)}" for group, roles in sign_on.role_mapping.items()
        )
        lines = [
            ("Issuer", sign_on.issuer),
            ("Client id", sign_on.client_id),
            ("Client secret", "set (never shown)"),
            ("E-mail domains", ", ".join(sign_on.domain_names)),
            ("Groups claim", sign_on.groups_claim),
            ("Roles from groups", mapping or "none: the roles administrators give stay"),
            ("Creates accounts", "yes" if sign_on.create_accounts else "no: people must be invited first"),
            ("Provider asks for a second factor", "yes" if sign_on.provider_checks_second_factor else "no"),
            ("Redirect URI", provider.redirect_uri(sign_on.organisation)),
        ]
        for label, value in lines:
            self.stdout.write(f"{label + ':':<36}{value}")


def _plain(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(f"{field.replace('_', ' ')}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)
