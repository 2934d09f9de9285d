"""Requests the site cannot read are answered 400, never 500.

- ``RefuseForeignCharsetMiddleware``: the site's forms are UTF-8. A body that declares another
  charset (``application/x-www-form-urlencoded; charset=latin-1``, an unknown charset) would be
  decoded into text other than what the visitor typed, or fail to decode deep inside a view:
  it is refused before anything reads it.
- ``bad_request`` (``handler400`` in corporate/urls.py): the 400 page. It reads neither the body
  (which may be what was wrong) nor the Host header (a DisallowedHost is a 400 too), and makes
  no database query, so rendering it cannot fail the way the request did."""

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, QueryDict
from django.template import loader
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
UTF8 = {"utf-8", "utf8"}


def declared_charset(content_type):
    for parameter in content_type.split(";")[1:]:
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


class RefuseForeignCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS:
            charset = declared_charset(request.META.get("CONTENT_TYPE", ""))
            if charset is not None and charset not in UTF8:
                raise BadRequest(f"Request body in charset {charset[:40]!r}, not UTF-8")
        return self.get_response(request)


def bad_request(request, exception=None, template_name="400.html"):
    # Whatever the body held, nothing here reads it again.
    request._post, request._files = QueryDict(), MultiValueDict()
    context = {
        "message": gettext(
            "The site could not read what your browser sent. Please go back, reload the "
            "page and try again; forms here are sent as UTF-8."
        ),
    }
    try:
        body = loader.get_template(template_name).render(context)
    except Exception:  # noqa: BLE001 - the 400 page must not become a 500
        body = context["message"]
    return HttpResponseBadRequest(body)
