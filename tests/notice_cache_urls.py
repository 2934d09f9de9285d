"""The site's URLs plus a page that states its own cache lifetime (an hour), for the test that
the notice middleware caps it (tests/test_site_feature_models.py)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from corporate.urls import urlpatterns as site_urlpatterns


@cache_control(public=True, max_age=3600, s_maxage=7200)
def cached_page(request):
    return HttpResponse("<!DOCTYPE html><title>cached</title>", content_type="text/html")


urlpatterns = [path("cached-for-an-hour/", cached_page), *site_urlpatterns]
