"""The site's URLs plus the uploaded files (images, documents' files), which the site itself
serves only with DEBUG on: browser tests that look at pictures use this URL configuration."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from corporate.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
