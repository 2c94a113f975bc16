"""Errors as RFC 9457 problem details (application/problem+json), the same shape for every refusal."""

from django.http import JsonResponse
from ninja import Schema

PROBLEM_TYPE = "application/problem+json"
# What each status means, as the "title" of its problem.
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Changed by someone else",
    422: "Not valid",
    429: "Too many requests",
    500: "Server error",
}


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None


def problem(request, status: int, detail: str, *, errors: list[dict] | None = None, headers: dict | None = None):
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail,
            "instance": request.path}
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=PROBLEM_TYPE, json_dumps_params={"ensure_ascii": False})
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def errors_of(error) -> list[dict]:
    """A Django ValidationError as [{field, message}], "" for what concerns the whole record."""
    if hasattr(error, "error_dict"):
        return [
            {"field": "" if field == "__all__" else field, "message": message}
            for field, messages in error.message_dict.items() for message in messages
        ]
    return [{"field": "", "message": message} for message in error.messages]
