"""The site's URLs with a constant view in front (/bench/constant/): the yardstick of
tests/bench/http.py, served by the same gunicorn, middleware and Varnish as the pages. Only
the bench's settings (tests/bench/http_settings.py) use it, never production."""

from django.http import HttpResponse
from django.urls import path

from corporate import urls as site_urls


def constant(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/constant/", constant), *site_urls.urlpatterns]
handler400 = site_urls.handler400
