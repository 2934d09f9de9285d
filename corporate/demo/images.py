"""Demo images drawn with Pillow, so the demo needs no download and no binary files in git."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

# key: (title, alt text, two colours of the gradient, motif)
DEMO_IMAGES = {
    "lab-hero": (
        "示例图片：检测实验室",
        "Laboratory benches with instruments (sample image)",
        ("#0b4f3a", "#2f8f6b"),
        "waves",
    ),
    "lab-bench": (
        "示例图片：实验台",
        "A laboratory bench (sample image)",
        ("#164863", "#427d9d"),
        "flasks",
    ),
    "field-sampling": (
        "示例图片：现场采样",
        "Field sampling of soil (sample image)",
        ("#4f6f52", "#86a789"),
        "layers",
    ),
    "instruments": (
        "示例图片：分析仪器",
        "Analytical instruments (sample image)",
        ("#2c3e50", "#4b6584"),
        "bars",
    ),
    "map": (
        "示例图片：位置示意图",
        "Map of the laboratory's location (sample image)",
        ("#e8efe9", "#c9d8cc"),
        "map",
    ),
    "logo": (
        "示例图片：公司标志",
        "Guoping Testing logo (sample image)",
        ("#0e6b5c", "#0e6b5c"),
        "logo",
    ),
}
# Square images (the logo); the others are 16:9.
SQUARE = {"logo"}


def _draw(colours, motif, size=(1600, 900)):
    width, height = size
    image = PILImage.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(image)
    top = PILImage.new("RGB", (1, 1), colours[0]).getpixel((0, 0))
    bottom = PILImage.new("RGB", (1, 1), colours[1]).getpixel((0, 0))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    light = (255, 255, 255)
    if motif == "waves":
        for k in range(6):
            points = [
                (x, height * 0.55 + k * 40 + 30 * math.sin(x / 120 + k))
                for x in range(0, width + 20, 20)
            ]
            draw.line(points, fill=light, width=3)
    elif motif == "flasks":
        for k in range(5):
            x = 200 + k * 280
            draw.polygon(
                [(x, 300), (x + 60, 300), (x + 60, 480), (x + 140, 700), (x - 80, 700), (x, 480)],
                outline=light,
                width=5,
            )
    elif motif == "layers":
        for k in range(5):
            y = 380 + k * 90
            draw.rectangle([(0, y), (width, y + 60)], outline=light, width=3)
    elif motif == "bars":
        for k in range(10):
            h = 120 + (k * 97) % 420
            draw.rectangle(
                [(150 + k * 130, height - 100 - h), (230 + k * 130, height - 100)],
                outline=light,
                width=4,
            )
    elif motif == "logo":
        # The site's mark (static/corporate/img/logo-mark.svg), drawn on a 48-unit grid.
        unit = width / 48
        flask = [(21, 10), (21, 20.5), (12.6, 34.6), (15.2, 39), (32.8, 39), (35.4, 34.6)]
        flask += [(27, 20.5), (27, 10)]
        stroke = int(unit * 2.6)
        draw.line([(x * unit, y * unit) for x, y in flask], fill=light, width=stroke, joint="curve")
        draw.line([(19 * unit, 10 * unit), (29 * unit, 10 * unit)], fill=light, width=stroke)
        liquid = [(15.6, 30.2), (23.6, 30.2), (31.6, 30.2), (34.2, 34.6), (31.6, 39), (16.4, 39)]
        liquid += [(13.8, 34.6)]
        draw.polygon([(x * unit, y * unit) for x, y in liquid], fill=(143, 224, 201))
    elif motif == "map":
        dark = (90, 120, 100)
        for k in range(0, width, 160):
            draw.line([(k, 0), (k, height)], fill=dark, width=2)
        for k in range(0, height, 160):
            draw.line([(0, k), (width, k)], fill=dark, width=2)
        draw.ellipse(
            [(width / 2 - 40, height / 2 - 40), (width / 2 + 40, height / 2 + 40)],
            fill=(200, 40, 40),
        )
    return image


def ensure_demo_images():
    """{key: Image}; creates the images that do not exist yet (matched by title)."""
    Image = get_image_model()
    images = {}
    for key, (title, alt, colours, motif) in DEMO_IMAGES.items():
        # Titles before the punctuation fix had a half-width colon: find those too.
        legacy = title.replace("：", ":")
        existing = Image.objects.filter(title__in=[title, legacy]).order_by("pk").first()
        if existing is None:
            buffer = io.BytesIO()
            size = (600, 600) if key in SQUARE else (1600, 900)
            _draw(colours, motif, size).save(buffer, format="JPEG", quality=82)
            existing = Image(title=title, description=alt)
            existing.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{key}.jpg")
            existing.save()
        images[key] = existing
    return images
