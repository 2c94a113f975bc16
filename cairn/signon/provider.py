"""Talking to a council's OpenID Connect provider, through Authlib's Django client (decision 14).

Each council has its own provider, so a client is made for the council at each step from its configuration and the
provider's discovery document, never registered globally. Authlib does the protocol: the authorisation code flow
with PKCE (S256), the state and nonce kept in the person's session under the council's name, the code exchanged at
the token endpoint, and the ID token's signature checked against the provider's published keys, with its issuer,
audience (our client id), expiry and nonce.
"""

import ipaddress
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.urls import reverse
from joserfc.errors import JoseError

from .models import SecretUnreadable, SingleSignOn

SCOPE = "openid email profile"
DISCOVERY = "/.well-known/openid-configuration"
NEEDED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderError(Exception):
    """Signing in through the provider did not work; the message says why, in words a person can act on."""


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + DISCOVERY


def redirect_uri(organisation) -> str:
    """Where the provider sends people back to: registered with the provider, under CAIRN_BASE_URL."""
    return settings.CAIRN_BASE_URL.rstrip("/") + reverse("signon:callback", args=[organisation.slug])


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def discover(issuer: str) -> dict:
    """The provider's discovery document, checked: it must name this issuer and the endpoints the code flow needs."""
    try:
        response = requests.get(discovery_url(issuer), timeout=settings.CAIRN_SSO_TIMEOUT, allow_redirects=False)
        response.raise_for_status()
        metadata = response.json()
    except requests.RequestException as error:
        raise ProviderError(f"The council's sign-in service at {issuer} could not be reached ({_short(error)}).") from None
    except ValueError:
        raise ProviderError(f"The council's sign-in service at {issuer} did not answer with a discovery document.") from None
    if not isinstance(metadata, dict) or any(not isinstance(metadata.get(key), str) for key in NEEDED):
        raise ProviderError(f"The discovery document at {discovery_url(issuer)} lacks {', '.join(NEEDED)}.")
    if metadata["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise ProviderError(
            f"The discovery document at {discovery_url(issuer)} names another issuer ({metadata['issuer']}): use that "
            "one, the tenant's own (a multi-tenant address such as /common/ is refused)."
        )
    # Never an unsigned ID token, whatever the document offers.
    algorithms = [a for a in metadata.get("id_token_signing_alg_values_supported") or ["RS256"] if a.lower() != "none"]
    metadata["id_token_signing_alg_values_supported"] = algorithms or ["RS256"]
    return metadata


def client_for(sign_on: SingleSignOn, metadata: dict | None = None) -> DjangoOAuth2App:
    """An Authlib client for this council's provider (state kept in the session under the council's name)."""
    metadata = metadata or discover(sign_on.issuer)
    try:
        secret = sign_on.client_secret()
    except SecretUnreadable as error:
        raise ProviderError(str(error)) from None
    name = f"cairn-sso-{sign_on.organisation.slug}"
    client = DjangoOAuth2App(
        DjangoIntegration(name),
        name=name,
        client_id=sign_on.client_id,
        client_secret=secret,
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "default_timeout": settings.CAIRN_SSO_TIMEOUT},
    )
    client.server_metadata.update(metadata)
    return client


def start(request, sign_on: SingleSignOn, *, login_hint: str):
    """The redirect to the provider's sign-in page, with PKCE, state and nonce kept in the session."""
    client = client_for(sign_on)
    try:
        return client.authorize_redirect(request, redirect_uri(sign_on.organisation), login_hint=login_hint)
    except (OAuthError, RuntimeError) as error:
        raise ProviderError(f"The council's sign-in service cannot be used: {_short(error)}.") from None


def finish(request, sign_on: SingleSignOn) -> dict:
    """The provider's answer checked (state, code exchanged with the PKCE verifier, ID token verified): its claims."""
    if request.GET.get("error"):
        description = request.GET.get("error_description") or request.GET["error"]
        raise ProviderError(f"The council's sign-in service did not sign you in: {description[:300]}")
    metadata = discover(sign_on.issuer)
    client = client_for(sign_on, metadata)
    # Authlib checks the audience only through "azp" when the token names another audience: name ours outright.
    claims_options = {
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": sign_on.client_id},
    }
    try:
        token = client.authorize_access_token(request, claims_options=claims_options)
    except OAuthError as error:
        if error.error == "mismatching_state":
            raise ProviderError(
                "This sign-in was not started here, or it was finished already. Start again from the sign-in page."
            ) from None
        raise ProviderError(f"The council's sign-in service refused to finish signing you in ({_short(error)}).") from None
    except (JoseError, AuthlibBaseError, ValueError) as error:
        # A signature, issuer, audience, expiry or nonce that does not check out, or a refused code exchange.
        raise ProviderError(f"The council's sign-in service sent an answer Cairn cannot trust ({_short(error)}).") from None
    except requests.RequestException as error:
        raise ProviderError(f"The council's sign-in service could not be reached ({_short(error)}).") from None
    claims = token.get("userinfo")
    if not claims:
        raise ProviderError("The council's sign-in service sent no ID token, so Cairn cannot tell who you are.")
    return dict(claims)


def _short(error: Exception) -> str:
    if isinstance(error, requests.Timeout):
        return f"no answer within {settings.CAIRN_SSO_TIMEOUT} seconds"
    if isinstance(error, requests.ConnectionError):
        return "the connection was refused or the address was not found"
    text = getattr(error, "description", None) or str(error) or type(error).__name__
    return str(text).strip()[:300]
