"""Signing in with a council account (the work e-mail address finds the council's provider), the provider's return,
and the council's single sign-on settings for administrators."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cairn.accounts.middleware import PROVIDER_SECOND_FACTOR
from cairn.accounts.permissions import can_manage_organisation
from cairn.accounts.signals import PROVIDER_BACKEND
from cairn.core.forms import submitted

from . import operations, parsing, provider
from .forms import CouncilEmailForm, SignOnForm
from .models import SignOnDomain, SingleSignOn

log = logging.getLogger(__name__)
NEXT = "cairn.sso_next"


def _form_action_origins() -> list[str]:
    """The e-mail form is sent on to a provider's sign-in page, and browsers hold a form's redirects to the page's
    form-action: allow the providers councils have set, and nowhere else."""
    origins = set()
    for issuer, authorization in SingleSignOn.objects.values_list("issuer", "authorization_origin"):
        origins.add(provider.origin(issuer))
        if authorization:
            origins.add(authorization)
    return sorted(origins)


@never_cache
@login_not_required
def start(request):
    """Ask for the work e-mail address and send the person to their council's provider."""
    if request.user.is_authenticated:
        return redirect("home:home")
    form = CouncilEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        domain = email.rsplit("@", 1)[1]
        found = SignOnDomain.objects.select_related("sign_on__organisation").filter(domain=domain).first()
        if found is None:
            form.add_error("email", f"No council signs in to Cairn with addresses at {domain}. Sign in with your "
                                    "username and password instead.")
        else:
            sign_on = found.sign_on
            try:
                response = provider.start(request, sign_on, login_hint=email)
            except provider.ProviderError as error:
                log.warning("single sign-on for %s could not start: %s", sign_on.organisation.slug, error)
                form.add_error("email", f"{sign_on.organisation.name}'s sign-in service cannot be used just now. "
                                        "Try again later, or sign in with your username and password.")
            else:
                _remember_origin(sign_on, response["Location"])
                target = request.GET.get("next", "")
                if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                    request.session[NEXT] = target
                return response
    response = render(request, "signon/start.html", {"form": form})
    policy = dict(settings.SECURE_CSP)
    policy["form-action"] = [*policy["form-action"], *_form_action_origins()]
    response._csp_config = policy
    return response


def _remember_origin(sign_on: SingleSignOn, location: str) -> None:
    where = provider.origin(location)
    if where != sign_on.authorization_origin:
        SingleSignOn.objects.filter(pk=sign_on.pk).update(authorization_origin=where)


@never_cache
@login_not_required
def callback(request, slug: str):
    """The provider sends the person back here: check its answer, then sign them in and send them home."""
    if request.user.is_authenticated:
        return redirect("home:home")
    sign_on = get_object_or_404(SingleSignOn.objects.select_related("organisation"), organisation__slug=slug)
    try:
        claims = provider.finish(request, sign_on)
        user = operations.sign_in_through_provider(sign_on, claims)
    except (provider.ProviderError, operations.SignOnRefused) as error:
        log.warning("single sign-on to %s refused: %s", slug, error)
        return render(request, "signon/refused.html", {"reason": str(error), "organisation": sign_on.organisation},
                      status=403)
    if not user.roles:
        return render(request, "signon/refused.html", {
            "reason": f"You have no role in Cairn at {sign_on.organisation.name}: your council's sign-in service does "
                      "not put you in a group that gives one. Ask your council's Cairn administrator.",
            "organisation": sign_on.organisation,
        }, status=403)
    target = request.session.pop(NEXT, "")
    login(request, user, backend=PROVIDER_BACKEND)
    if sign_on.provider_checks_second_factor:
        request.session[PROVIDER_SECOND_FACTOR] = True
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home:home")
    return redirect(target or "home:home")


def _require_admin(request) -> None:
    if not can_manage_organisation(request.user) or request.organisation is None:
        raise PermissionDenied


def settings_page(request):
    """The council's single sign-on, for administrators: the secret is never shown back."""
    _require_admin(request)
    organisation = request.organisation
    sign_on = SingleSignOn.objects.filter(organisation=organisation).first()
    initial = {"groups_claim": "groups"}
    if sign_on is not None:
        initial = {
            "issuer": sign_on.issuer, "client_id": sign_on.client_id, "domains": ", ".join(sign_on.domain_names),
            "groups_claim": sign_on.groups_claim, "create_accounts": sign_on.create_accounts,
            "provider_checks_second_factor": sign_on.provider_checks_second_factor,
            "role_mapping": "\n".join(
                f"{group}={role_label}" for group, roles in sign_on.role_mapping.items()
                for role_label in (_label(role) for role in roles)
            ),
        }
    form = SignOnForm(request.POST or None, initial=initial)

    def save(data: dict):
        return operations.configure_sign_on(
            organisation, by=request.user, issuer=data["issuer"], client_id=data["client_id"],
            client_secret=data["client_secret"] or None, domains=data["domains"], groups_claim=data["groups_claim"],
            role_mapping=parsing.parse_role_mapping(data["role_mapping"].splitlines()),
            create_accounts=data["create_accounts"],
            provider_checks_second_factor=data["provider_checks_second_factor"],
        )

    if request.method == "POST":
        try:
            saved = submitted(request, form, save, record=sign_on)
        except ValidationError as error:  # raised while reading the form's own lines
            form.add_error(None, error)
            saved = None
        if saved:
            messages.success(request, "Single sign-on has been saved.")
            return redirect("signon:settings")
    return render(request, "signon/settings.html", {
        "form": form, "sign_on": sign_on, "redirect_uri": provider.redirect_uri(organisation),
    })


@require_POST
def remove(request):
    _require_admin(request)
    if SingleSignOn.objects.filter(organisation=request.organisation).exists():
        operations.remove_sign_on(request.organisation, by=request.user)
        messages.success(request, "Single sign-on is off. People sign in with their usernames and passwords.")
    return redirect("signon:settings")


def _label(role: str) -> str:
    from cairn.accounts.models import Role

    return Role(role).label
