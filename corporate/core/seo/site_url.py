"""The one public address of the site, from which every absolute URL is built.

Wagtail builds a page's full URL from the Site record (hostname and port), so the Site is the
single source: ``make run`` sets it to the address it serves (``ensure_demo_admin
--site-url``), production sets it from ``SITE_URL`` on every ``migrate`` (and with
``manage.py set_site_url``). Everything that is not a page URL (robots.txt, the sitemap index,
the IndexNow key location, images in share cards) goes through ``absolute_url``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corporate.core import site_cache


def parse_site_url(url):
    """(hostname, port) of an address such as https://www.example.com or
    http://127.0.0.1:8123, as Wagtail's Site stores it (port 80 means http, 443 https)."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(
            _("%(url)s is not a site address such as https://www.example.com") % {"url": url}
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ValidationError(
            _("%(url)s: the site address has no path, query or fragment") % {"url": url}
        )
    default_port = 443 if parts.scheme == "https" else 80
    port = parts.port or default_port
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site.root_url writes http:// for every port but 443.
        raise ValidationError(_("%(url)s: HTTPS is only supported on port 443") % {"url": url})
    if parts.scheme == "http" and port == 443:
        raise ValidationError(_("%(url)s: port 443 is HTTPS") % {"url": url})
    return parts.hostname, port


def apply_site_url(url, site=None):
    """Point the (default) Site at ``url``; returns the Site, or None when there is none yet.
    Saving the Site clears Wagtail's cache of site root paths."""
    hostname, port = parse_site_url(url)
    site = site or site_cache.default_site()
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def apply_configured_site_url(**kwargs):
    """post_migrate: in a deployment that sets SITE_URL, the Site follows it."""
    if getattr(settings, "SITE_URL", ""):
        apply_site_url(settings.SITE_URL)


def site_root_url(request=None):
    """'https://www.example.com' (no trailing slash): the Site of the request, else the
    default Site, else SITE_URL, else WAGTAILADMIN_BASE_URL."""
    site = site_cache.site_for(request)
    if site is not None:
        return site.root_url
    return (getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(path, request=None):
    """``path`` ('/robots.txt', '/media/…') on the site's public address; full URLs pass."""
    if not path or "://" in path:
        return path
    if path.startswith("//"):  # protocol-relative (a storage's URL)
        return site_root_url(request).split("//", 1)[0] + path
    if not path.startswith("/"):
        path = "/" + path
    return site_root_url(request) + path
