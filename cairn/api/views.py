"""The API's description and docs (public: they describe the API, never a council's records), and the pages where
people manage their tokens and administrators their council's tokens and webhooks."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import can_manage_organisation
from cairn.core.forms import apply_model_errors

from . import operations
from .api import api
from .forms import TokenForm, WebhookForm
from .models import ApiToken, Webhook, WebhookDelivery

PREFIX = "/api/v1/"


@login_not_required
def openapi_json(request):
    """The OpenAPI 3 description, generated from the endpoints' code."""
    return JsonResponse(api.get_openapi_schema(path_prefix=PREFIX), json_dumps_params={"ensure_ascii": False})


@login_not_required
def docs(request):
    """Browsable docs (Swagger UI, served from Cairn itself: nothing is loaded from elsewhere)."""
    settings = {"url": "/api/openapi.json", "layout": "BaseLayout", "deepLinking": True, "persistAuthorization": False}
    return render(request, "api/docs.html", {"swagger_settings": json.dumps(settings)})


# A person's own tokens (from their account page)


def token_list(request):
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, key = operations.create_api_token(request.user, by=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            form = TokenForm()
    return render(request, "api/token_list.html", {"tokens": tokens, "form": form, "key": key})


@require_POST
def token_revoke(request, pk: int):
    """A person revokes their own token; an administrator any token in their council."""
    token = get_object_or_404(ApiToken.objects.filter(organisation=request.organisation), pk=pk)
    own = token.user_id == request.user.pk
    if not own and not can_manage_organisation(request.user):
        raise PermissionDenied
    try:
        operations.revoke_api_token(token, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The token “{token.name}” has been revoked: it no longer works.")
    return redirect("api_pages:token_list" if own else "api_pages:council_tokens")


def council_tokens(request):
    """Every token in the council, for its administrators."""
    if not can_manage_organisation(request.user):
        raise PermissionDenied
    tokens = ApiToken.objects.filter(organisation=request.organisation).select_related("user", "revoked_by")
    return render(request, "api/council_tokens.html", {"tokens": tokens.order_by("revoked_at", "-created_at")})


def webhook_list(request):
    """The council's webhooks and their latest deliveries; an administrator registers a new one here."""
    if not can_manage_organisation(request.user):
        raise PermissionDenied
    webhooks = Webhook.objects.filter(organisation=request.organisation).order_by("-is_active", "url")
    form = WebhookForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = operations.register_webhook(request.organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            form = WebhookForm()
    deliveries = (
        WebhookDelivery.objects.filter(organisation=request.organisation).select_related("webhook").order_by("-created_at")[:50]
    )
    return render(request, "api/webhook_list.html",
                  {"webhooks": webhooks, "form": form, "secret": secret, "deliveries": deliveries})


@require_POST
def webhook_remove(request, pk: int):
    if not can_manage_organisation(request.user):
        raise PermissionDenied
    webhook = get_object_or_404(Webhook.objects.filter(organisation=request.organisation), pk=pk)
    try:
        operations.remove_webhook(webhook, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Nothing more will be sent to {webhook.url}.")
    return redirect("api_pages:webhook_list")
