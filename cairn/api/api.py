"""The API object: bearer tokens acting as their person, problem details for every refusal, and an OpenAPI
description that lists every status an endpoint can answer."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.security import HttpBearer

from cairn.core.concurrency import StaleEdit
from cairn.reviews.fingerprints import TamperedRound

from .problems import PROBLEM_TYPE, errors_of, problem
from .tokens import RateLimited, count_request, find_token


class Conflict(Exception):
    """The record changed since the version the client read: read it again, then change it."""


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = find_token(token)
        if found is None:
            return None
        # The request acts as the token's person, exactly as if they were signed in: access.py and permissions.py
        # see this user and their council.
        request.user = found.user
        request.organisation = found.user.organisation
        request.api_token = found
        count_request(found)
        return found


class CairnAPI(NinjaAPI):
    # Statuses any endpoint may answer, besides its own: no token, wrong role, not in this council, bad parameters,
    # over the rate limit.
    COMMON = {
        400: "The body is not JSON.",
        401: "No valid token: send `Authorization: Bearer <token>`.",
        403: "The token's person may not do this (their roles do not allow it).",
        404: "No such record in the token's council.",
        422: "A parameter or the body is not valid; `errors` says which and why.",
        429: "Too many requests with this token in a minute; `Retry-After` says how long to wait.",
    }
    # Answered by the web server before Cairn sees the request (gunicorn refuses a request line over 4 KB), so not
    # as a problem document.
    BEFORE_CAIRN = {414: "The address (with its query) is too long: the web server refuses it."}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = {str(status): response for status, response in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status, description in self.COMMON.items():
                    responses.setdefault(str(status), {"description": description})
                for status, response in responses.items():
                    if status.startswith(("4", "5")):
                        response["content"] = {PROBLEM_TYPE: {"schema": problem_ref}}
                for status, description in self.BEFORE_CAIRN.items():
                    responses.setdefault(str(status), {"description": description})
        return schema


api = CairnAPI(
    title="Cairn API",
    version="1",
    description=(
        "Read and change a council's reviews, recommendations, progress rounds, programmes, projects and indicators, "
        "as the person whose token is sent may in the browser. Errors are RFC 9457 problem details."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    openapi_url=None,
    docs_url=None,
)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(request, 404, "There is no such record in your council.")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return problem(request, 403, "Your roles do not allow this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem(request, 401, "Send a valid API token: Authorization: Bearer <token>.",
                   headers={"WWW-Authenticate": 'Bearer realm="cairn"'})


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    return problem(request, 429, str(exc), headers={"Retry-After": str(exc.retry_after)})


@api.exception_handler(RequestValidationError)
def _invalid_request(request, exc):
    errors = [
        {"field": ".".join(str(part) for part in error.get("loc", ())[1:]) or "body", "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return problem(request, 422, "The request is not valid.", errors=errors)


@api.exception_handler(ModelValidationError)
def _refused(request, exc):
    return problem(request, 422, " ".join(message for message in exc.messages), errors=errors_of(exc))


@api.exception_handler(Conflict)
def _conflict(request, exc):
    return problem(request, 409, str(exc))


@api.exception_handler(StaleEdit)
def _stale(request, exc):
    by = ", ".join(exc.changed_by) or "Someone else"
    return problem(request, 409, f"{by} changed this record after you read it. Nothing was saved: read it again.")


@api.exception_handler(TamperedRound)
def _tampered(request, exc):
    return problem(request, 500, str(exc))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problem(request, exc.status_code, str(exc))


# The endpoints, one router per part of Cairn (imported last: they use what is defined above).
from .endpoints import benchmarks, programmes, reviews, rounds, trail, writes  # noqa: E402, F401  (writes adds to the others)

for _module in (reviews, rounds, programmes, benchmarks, trail):
    api.add_router("", _module.router)
