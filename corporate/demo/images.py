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
        "示例图片:检测实验室",
        "Laboratory benches with instruments (sample image)",
        ("#0b4f3a", "#2f8f6b"),
        "waves",
    ),
    "lab-bench": (
        "示例图片:实验台",
        "A laboratory bench (sample image)",
        ("#164863", "#427d9d"),
        "flasks",
    ),
    "field-sampling": (
        "示例图片:现场采样",
        "Field sampling of soil (sample image)",
        ("#4f6f52", "#86a789"),
        "layers",
    ),
    "instruments": (
        "示例图片:分析仪器",
        "Analytical instruments (sample image)",
        ("#2c3e50", "#4b6584"),
        "bars",
    ),
    "map": (
        "示例图片:位置示意图",
        "Map of the laboratory's location (sample image)",
        ("#e8efe9", "#c9d8cc"),
        "map",
    ),
}


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
        existing = Image.objects.filter(title=title).first()
        if existing is None:
            buffer = io.BytesIO()
            _draw(colours, motif).save(buffer, format="JPEG", quality=82)
            existing = Image(title=title, description=alt)
            existing.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{key}.jpg")
            existing.save()
        images[key] = existing
    return images
