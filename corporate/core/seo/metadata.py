"""What a page tells search engines and share cards: its title, description and images.

Page types are read by duck typing (``summary``, ``intro``, ``body``, ``hero_image``), so the
core app names no feature app."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from .site_url import absolute_url

DESCRIPTION_LENGTH = 160
# Share cards: Open Graph / Twitter want 1200×630 (1.91:1); WeChat, Weibo and QQ read a square
# of at least 300×300 (itemprop="image"). JPEG, which every client shows.
LANDSCAPE_FILTER = "fill-1200x630-c50|format-jpeg|jpegquality-82"
SQUARE_FILTER = "fill-600x600-c50|format-jpeg|jpegquality-82"
# Text fields a page may summarise itself with, in the order tried after search_description.
SUMMARY_FIELDS = ("summary", "intro", "hero_intro")
TEXT_BLOCKS = ("paragraph", "rich_text", "text")

# Open Graph locales (language_TERRITORY).
OG_LOCALES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW", "en": "en_US"}


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


def _clean(text):
    return " ".join(strip_tags(str(text or "")).split())


def first_paragraph(page):
    """The text of the first paragraph block of the page's body, or ''."""
    body = getattr(page, "body", None)
    if not body:
        return ""
    for block in body:
        if block.block_type in TEXT_BLOCKS:
            text = _clean(getattr(block.value, "source", block.value))
            if text:
                return text
    return ""


def page_description(page, length=DESCRIPTION_LENGTH):
    """search_description, else the summary (or introduction), else the first paragraph;
    shortened to ``length`` characters."""
    if not isinstance(page, Page):
        return ""
    text = _clean(page.search_description)
    for name in SUMMARY_FIELDS:
        if text:
            break
        text = _clean(getattr(page, name, ""))
    if not text:
        text = first_paragraph(page)
    return Truncator(text).chars(length, truncate="…") if text else ""


def share_image(page, seo_settings=None):
    """The image a page is shared with: its sharing image, else its main image, else the
    site's default (SeoSettings.default_share_image), else None."""
    for name in ("og_image", "hero_image"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return getattr(seo_settings, "default_share_image", None)


def rendition_info(image, filter_spec, request=None):
    """{'url': absolute URL, 'width', 'height', 'alt', 'type'} of a rendition, or None when
    the original file is missing."""
    try:
        rendition = image.get_rendition(filter_spec)
    except (OSError, ValueError):
        return None
    return {
        "url": absolute_url(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or image.title,
        "type": "image/jpeg",
    }


def share_images(page, seo_settings=None, request=None):
    """(landscape, square) rendition infos of the share image (each may be None)."""
    image = share_image(page, seo_settings)
    if image is None:
        return None, None
    return rendition_info(image, LANDSCAPE_FILTER, request), rendition_info(
        image, SQUARE_FILTER, request
    )


def title_parts(page, company):
    """(page part, company part) of the <title>: "page – company"; the home page of a
    language is "company – tagline" unless editors set its SEO title."""
    company_name = getattr(company, "name", "") or str(settings.WAGTAIL_SITE_NAME)
    short_name = getattr(company, "short_name", "") or company_name
    if not isinstance(page, Page):
        return "", short_name
    if page.depth <= 2:
        if page.seo_title:
            return page.seo_title, company_name
        return company_name, getattr(company, "tagline", "")
    return page.seo_title or page.title, short_name
