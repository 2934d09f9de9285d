"""Third-party scripts the site may load, and the origins a Content Security Policy must allow
for them: exactly what site settings configure, nothing when they configure nothing.

- Analytics (SeoSettings.analytics_provider): Baidu Tongji (https://hm.baidu.com) or another
  provider's script by address; loaded by corporate/consent.js only after the visitor accepts
  it in the consent banner.
- The WeChat JS-SDK share card (SeoSettings.wechat_app_id + wechat_signature_url): the SDK
  from https://res.wx.qq.com, loaded by corporate/wechat-share.js only inside WeChat, and a
  fetch of the signature endpoint.

``csp_sources(request)`` is the hook for the CSP middleware: {directive: [origins]}."""

from urllib.parse import urlencode, urlsplit

from django.utils.translation import gettext as _

from corporate.core.models import AnalyticsProvider

from . import config

BAIDU_TONGJI_SCRIPT = "https://hm.baidu.com/hm.js?{site_id}"
# Baidu Tongji's script reports with image beacons and requests to its own origin.
BAIDU_TONGJI_ORIGIN = "https://hm.baidu.com"
WECHAT_JSSDK_SCRIPT = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"
WECHAT_JSSDK_ORIGIN = "https://res.wx.qq.com"
CONSENT_STORAGE_KEY = "guoping-analytics-consent"


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def analytics(seo_settings):
    """{'provider', 'name', 'src', 'origin', 'storage_key'} of the configured analytics, or
    None when analytics is off (the default)."""
    if seo_settings is None:
        return None
    provider = seo_settings.analytics_provider
    if provider == AnalyticsProvider.BAIDU and seo_settings.baidu_tongji_id:
        src = BAIDU_TONGJI_SCRIPT.format(site_id=seo_settings.baidu_tongji_id)
        name = _("Baidu Tongji")
    elif provider == AnalyticsProvider.SCRIPT and seo_settings.analytics_script_url:
        src = seo_settings.analytics_script_url
        name = origin(src).split("//", 1)[-1]
    else:
        return None
    return {
        "provider": provider,
        "name": name,
        "src": src,
        "origin": origin(src),
        "storage_key": CONSENT_STORAGE_KEY,
    }


def wechat_configured(seo_settings):
    return bool(
        seo_settings is not None
        and seo_settings.wechat_app_id
        and seo_settings.wechat_signature_url
    )


def wechat_share(seo_settings, card):
    """The data corporate/wechat-share.js needs for a custom share card, or None."""
    if not wechat_configured(seo_settings):
        return None
    image = card.get("square_image") or card.get("image") or {}
    return {
        "sdk": WECHAT_JSSDK_SCRIPT,
        "app_id": seo_settings.wechat_app_id,
        "signature_url": seo_settings.wechat_signature_url,
        "title": card.get("title", ""),
        "description": card.get("description", ""),
        "link": card.get("url", ""),
        "image": image.get("url", ""),
    }


def signature_request_url(seo_settings, page_url):
    """Where wechat-share.js asks for the signature of ``page_url`` (for tests and docs)."""
    return f"{seo_settings.wechat_signature_url}?{urlencode({'url': page_url})}"


def csp_sources(request=None, seo_settings=None):
    """{CSP directive: [origins]} the configured third parties need; {} when none is on.

    For the CSP middleware (django-csp): merge these into the policy of each response."""
    if seo_settings is None:
        seo_settings = config.seo_settings(request)
    sources = {}

    def allow(directive, value):
        if value and value not in sources.setdefault(directive, []):
            sources[directive].append(value)

    found = analytics(seo_settings)
    if found:
        for directive in ("script-src", "img-src", "connect-src"):
            allow(directive, found["origin"])
    if wechat_configured(seo_settings):
        allow("script-src", WECHAT_JSSDK_ORIGIN)
        allow("connect-src", origin(seo_settings.wechat_signature_url))
    return sources
