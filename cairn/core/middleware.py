"""Sets request.organisation: the one council whose records this request may see."""


class OrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.organisation = user.organisation if user is not None and user.is_authenticated else None
        return self.get_response(request)
