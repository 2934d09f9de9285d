"""Responsive images: every image of the public site is a <picture> with AVIF and WebP sources
beside a JPEG fallback, a srcset of widths per format, width and height (no layout shift), and
loading="lazy" unless it is the first thing on the page (``{% responsive_image %}`` in
``templatetags/image_tags.py``).

PRESETS names the crop and the widths of each place an image is shown, and the ``sizes`` the
layout gives it, in one place, so that the demo builder can make the renditions ahead
(``build_demo_site --renditions``) and the benchmark can weigh them."""

from django.conf import settings
from wagtail.images.models import Filter

FORMATS = "format-{avif,webp,jpeg}"

# name: (filter spec with a brace expansion of the widths, sizes attribute)
PRESETS = {
    # Full-width home page slide (fill-1920x760 before).
    "hero": ("fill-{640x253,1280x506,1920x760}-c50", "100vw"),
    # Card of a card grid (fill-640x300 before): three columns from 64rem, two from 40rem.
    "card": (
        "fill-{320x150,640x300}",
        "(min-width: 64rem) 23rem, (min-width: 40rem) 45vw, 100vw",
    ),
    # News list thumbnail (fill-320x200 before), 10rem wide.
    "thumb": ("fill-{160x100,320x200}", "10rem"),
    # An article's main image (fill-1200x520 before), the container's width.
    "article": ("fill-{600x260,900x390,1200x520}", "(min-width: 75rem) 75rem, 100vw"),
    # A service's or case study's main image (fill-1200x560 before).
    "feature": ("fill-{600x280,900x420,1200x560}", "(min-width: 75rem) 75rem, 100vw"),
    # Image blocks: text width (width-900 before) and wide (width-1400 before).
    "figure": ("width-{450,900}", "(min-width: 44rem) 44rem, 100vw"),
    "figure_wide": ("width-{700,1400}", "(min-width: 75rem) 75rem, 100vw"),
    # A map or plan beside text (width-1000 before).
    "map": ("width-{500,1000}", "(min-width: 64rem) 50vw, 100vw"),
    # Client logos in a logo wall (max-240x120 before).
    "logo": ("max-{120x60,240x120}", "8rem"),
}
# What each preset replaced (a single JPEG rendition): the benchmark's "before".
BEFORE = {
    "hero": "fill-1920x760-c50",
    "card": "fill-640x300",
    "thumb": "fill-320x200",
    "article": "fill-1200x520",
    "feature": "fill-1200x560",
    "figure": "width-900",
    "figure_wide": "width-1400",
    "map": "width-1000",
    "logo": "max-240x120",
}


def preset_filters(preset):
    """The Filters of one preset: every width in every format."""
    spec, _sizes = PRESETS[preset]
    return [Filter(spec=spec) for spec in Filter.expand_spec([spec, FORMATS])]


def make_renditions(image, presets):
    """Create the renditions of ``image`` for ``presets`` that do not exist yet."""
    filters = [f for preset in presets for f in preset_filters(preset)]
    return image.get_renditions(*filters)


def register_faster_avif():
    """AVIF at libavif speed AVIF_ENCODER_SPEED (default 8) instead of Pillow's 6: several
    times faster to encode for a file about 10 % larger, so that a rendition made while a
    visitor waits takes a fraction of a second (a 1920-pixel slide: 2.4 s → 0.3 s here).

    Willow has no option for it: its PillowImage.save_as_avif is replaced (and registered as
    the operation) by one that passes ``speed``; lossless and CMYK images keep Willow's own."""
    from willow.image import AvifImageFile
    from willow.plugins.pillow import PillowImage
    from willow.registry import registry

    original = getattr(PillowImage.save_as_avif, "_corporate_original", PillowImage.save_as_avif)
    speed = int(getattr(settings, "AVIF_ENCODER_SPEED", 8))

    def save_as_avif(self, f, quality=80, lossless=False, apply_optimizers=True):
        if lossless or self.image.mode == "CMYK":
            return original(self, f, quality, lossless, apply_optimizers)
        kwargs = {"quality": quality, "speed": speed}
        icc_profile = self.get_icc_profile()
        if icc_profile is not None:
            kwargs["icc_profile"] = icc_profile
        self.image.save(f, "AVIF", **kwargs)
        if apply_optimizers:
            self.optimize(f, "heic")  # as Willow does
        return AvifImageFile(f)

    save_as_avif._corporate_original = original
    save_as_avif._willow_operation = True
    PillowImage.save_as_avif = save_as_avif
    registry.register_operation(PillowImage, "save_as_avif", save_as_avif)
