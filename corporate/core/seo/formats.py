"""How search engines want language codes and times written."""

from django.utils import timezone


def hreflang(code):
    """BCP 47 form of a Django language code (zh-hans → zh-Hans), for hreflang and lang."""
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}.get(code, code)


def iso(moment):
    """ISO 8601 in the site's time zone, to the second ('' for None)."""
    if moment is None:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
