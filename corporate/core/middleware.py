"""The admin speaks the editor's language."""

from django.utils import translation


class AdminLanguageMiddleware:
    """Follow the browser (or the language cookie) in the admin.

    Chinese is served without a prefix, so Django's LocaleMiddleware gives every unprefixed path
    Chinese, /admin/ included. Editors' own preference (account settings) still wins: Wagtail
    applies it inside the admin views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class NoAcceptLanguageVaryMiddleware:
    """No ``Vary: Accept-Language`` outside the admin.

    The language of a page comes from its address (Chinese at /, English at /en/), but Django's
    LocaleMiddleware adds the header to every unprefixed (Chinese) page, which would make a
    shared cache (Varnish) keep one copy per browser language. Placed before LocaleMiddleware,
    so it sees the response after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/") or not response.has_header("Vary"):
            return response
        kept = [
            value.strip()
            for value in response["Vary"].split(",")
            if value.strip() and value.strip().lower() != "accept-language"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
        return response
