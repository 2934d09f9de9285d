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
