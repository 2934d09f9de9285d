"""The ``watermark`` image operation: a visible, tiled, diagonal text across a rendition
(``{% image cert.scan width-900 watermark %}``). Renditions only: the uploaded original is
never changed. Registered with Wagtail's ``register_image_operations`` hook."""

import math
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont
from wagtail.images.image_operations import FilterOperation
from willow.plugins.pillow import PillowImage

DEFAULT_TEXT = "山东国评检测 · 仅供网站展示 · GUOPING TESTING · WEBSITE COPY"
LATIN_TEXT = "GUOPING TESTING · WEBSITE COPY ONLY"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@cache
def _font_path():
    configured = getattr(settings, "CERTIFICATES_WATERMARK_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _font(size):
    path = _font_path()
    if path:
        return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size=size), False


def watermark(image):
    """A copy of the PIL ``image`` with the watermark drawn over it."""
    base = image.convert("RGBA")
    width, height = base.size
    size = max(12, int(min(width, height) / 18))
    font, has_cjk = _font(size)
    text = getattr(settings, "CERTIFICATES_WATERMARK_TEXT", DEFAULT_TEXT) if has_cjk else LATIN_TEXT
    diagonal = int(math.hypot(width, height))
    layer = Image.new("RGBA", (diagonal * 2, diagonal * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    text_width = draw.textlength(text, font=font) + size * 3
    step_y = size * 4
    for row, y in enumerate(range(0, diagonal * 2, step_y)):
        offset = (row % 2) * text_width / 2
        x = -offset
        while x < diagonal * 2:
            draw.text(
                (x, y),
                text,
                font=font,
                fill=(150, 20, 20, 96),
                stroke_width=1,
                stroke_fill=(255, 255, 255, 70),
            )
            x += text_width
    layer = layer.rotate(30, resample=Image.BICUBIC)
    left = (layer.width - width) // 2
    top = (layer.height - height) // 2
    layer = layer.crop((left, top, left + width, top + height))
    marked = Image.alpha_composite(base, layer)
    return marked.convert(image.mode if image.mode in ("RGB", "RGBA", "L") else "RGB")


class WatermarkOperation(FilterOperation):
    def construct(self):
        pass

    def run(self, willow, image, env):
        pil = willow.get_pillow_image() if hasattr(willow, "get_pillow_image") else willow.image
        return PillowImage(watermark(pil))
