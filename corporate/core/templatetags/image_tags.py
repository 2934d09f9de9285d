"""``{% responsive_image image "card" %}``: a <picture> with AVIF and WebP sources beside a JPEG
fallback, at the widths of the preset (corporate/core/images.py), with width, height, sizes,
decoding="async" and loading="lazy" (``eager=True`` for the first image of a page:
fetchpriority="high" instead). Extra keyword arguments become attributes of the <img>."""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from corporate.core.images import PRESETS, preset_filters

register = template.Library()


@register.simple_tag
def responsive_image(image, preset, alt=None, eager=False, **attrs):
    if not image:
        return ""
    _spec, sizes = PRESETS[preset]
    renditions = get_renditions_or_not_found(image, preset_filters(preset))
    attributes = {
        "alt": image.default_alt_text if alt is None else alt,
        "sizes": sizes,
        "decoding": "async",
    }
    if eager:
        attributes["fetchpriority"] = "high"
    else:
        attributes["loading"] = "lazy"
    attributes.update({key.replace("_", "-"): value for key, value in attrs.items()})
    return Picture(renditions, attributes).__html__()
