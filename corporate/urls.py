from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from corporate.core.seo import push as seo_push
from corporate.core.seo import sitemaps as seo_views
from search import views as search_views

# No Django admin (/django-admin/ was a second login without the sign-in throttle):
# everything is in Wagtail's admin.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path("sitemap-<str:language>.xml", seo_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    re_path(r"^(?P<key>[A-Za-z0-9-]{8,128})\.txt$", seo_push.indexnow_key_file),
]
# /en/sitemap.xml and the like: the one index.
urlpatterns += [
    path(f"{code}/sitemap.xml", seo_views.sitemap_in_language_prefix)
    for code, _name in settings.LANGUAGES
    if code != settings.LANGUAGE_CODE
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese (the default language) at "/", English at "/en/".
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A request the site cannot read (e.g. a body in another charset than UTF-8) gets a 400 page
# that reads neither the body nor the host again (corporate/core/bad_requests.py).
handler400 = "corporate.core.bad_requests.bad_request"
