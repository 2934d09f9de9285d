"""Demo images of the slides, contact and case features, drawn with Pillow (and the WeChat QR
code with qrcode): a location map, the official account's QR code and sample client logos.

No text is drawn in Chinese, so no CJK font is needed to build the demo."""

import io

import qrcode
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

# The QR code of a sample official account: it leads to the demo site, never to a real account.
WECHAT_QR_TARGET = "https://www.guoping-testing.example/?from=wechat-sample"

LOGO_COLOURS = [
    ("#0e6b5c", "circle"),
    ("#1d4e89", "square"),
    ("#8a4b08", "triangle"),
    ("#5b2a86", "diamond"),
    ("#2f6b2f", "leaf"),
    ("#9b1c31", "bars"),
]


# key: (title, description)
FEATURE_IMAGES = {
    "location-map": ("示例图片：公司位置示意图", "Location map of the laboratory (sample image)"),
    "wechat-qr": ("示例图片：微信公众号二维码", "QR code of the sample WeChat official account"),
    **{
        f"client-logo-{n + 1}": (f"示例图片：客户标志 {n + 1}", f"Sample client logo {n + 1}")
        for n in range(len(LOGO_COLOURS))
    },
}


def _rgb(colour):
    return PILImage.new("RGB", (1, 1), colour).getpixel((0, 0))


def draw_location_map(size=(1600, 1000)):
    """A clean street plan: blocks, a river, a park, main roads, and a marker in the middle."""
    width, height = size
    image = PILImage.new("RGB", size, "#f3f1ea")
    draw = ImageDraw.Draw(image)
    # Blocks between the streets (every 220 × 180 px), a park over two blocks.
    for x in range(0, width, 220):
        for y in range(0, height, 180):
            draw.rounded_rectangle([(x + 12, y + 12), (x + 208, y + 168)], 10, fill="#e6e2d6")
    draw.rounded_rectangle([(1112, 192), (1528, 348)], 18, fill="#cfe6c6")
    for x in range(0, width, 220):
        draw.line([(x, 0), (x, height)], fill="#ffffff", width=14)
    for y in range(0, height, 180):
        draw.line([(0, y), (width, y)], fill="#ffffff", width=14)
    # A river under the streets' bridges, then the two main roads.
    draw.line(
        [(0, 880), (300, 820), (620, 860), (900, 790), (1250, 830), (1600, 760)],
        fill="#b9d7ee",
        width=46,
        joint="curve",
    )
    draw.line([(0, 540), (width, 540)], fill="#f6c667", width=30)
    draw.line([(880, 0), (880, height)], fill="#f6c667", width=30)
    # The marker: a pin with a white centre and a soft shadow.
    cx, cy = 800, 470
    draw.ellipse([(cx - 34, cy + 58), (cx + 34, cy + 74)], fill="#c9c3b3")
    draw.polygon([(cx - 40, cy - 8), (cx + 40, cy - 8), (cx, cy + 66)], fill="#c0392b")
    draw.ellipse([(cx - 46, cy - 92), (cx + 46, cy)], fill="#c0392b")
    draw.ellipse([(cx - 18, cy - 64), (cx + 18, cy - 28)], fill="#ffffff")
    # A north arrow.
    draw.polygon([(1520, 880), (1545, 950), (1520, 935), (1495, 950)], fill="#33444f")
    return image


def draw_wechat_qr():
    code = qrcode.QRCode(border=2, box_size=12, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(WECHAT_QR_TARGET)
    code.make(fit=True)
    return code.make_image(fill_color="#111111", back_color="#ffffff").convert("RGB")


def draw_logo(colour, shape, size=(480, 240)):
    width, height = size
    image = PILImage.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    fill = _rgb(colour)
    box = [(40, 50), (180, 190)]
    if shape == "circle":
        draw.ellipse(box, fill=fill)
    elif shape == "square":
        draw.rounded_rectangle(box, 24, fill=fill)
    elif shape == "triangle":
        draw.polygon([(110, 45), (185, 190), (35, 190)], fill=fill)
    elif shape == "diamond":
        draw.polygon([(110, 40), (185, 120), (110, 200), (35, 120)], fill=fill)
    elif shape == "leaf":
        draw.ellipse([(40, 70), (180, 170)], fill=fill)
        draw.line([(50, 160), (170, 80)], fill="#ffffff", width=6)
    else:
        for k in range(4):
            draw.rectangle([(40 + k * 38, 190 - 30 - k * 30), (66 + k * 38, 190)], fill=fill)
    # A word mark drawn as bars (no font needed); the client's name is shown beside the logo.
    draw.rounded_rectangle([(220, 95), (440, 145)], 12, fill=fill)
    draw.rounded_rectangle([(220, 160), (360, 180)], 8, fill=_rgb("#9aa7b0"))
    return image


def _draw(key):
    if key == "location-map":
        return draw_location_map(), "PNG"
    if key == "wechat-qr":
        return draw_wechat_qr(), "PNG"
    number = int(key.rsplit("-", 1)[1]) - 1
    colour, shape = LOGO_COLOURS[number]
    return draw_logo(colour, shape), "PNG"


def ensure_feature_images():
    """{key: Image}; creates the images that do not exist yet (matched by title)."""
    Image = get_image_model()
    images = {}
    for key, (title, description) in FEATURE_IMAGES.items():
        existing = Image.objects.filter(title=title).first()
        if existing is None:
            picture, kind = _draw(key)
            buffer = io.BytesIO()
            picture.save(buffer, format=kind, optimize=True)
            existing = Image(title=title, description=description)
            existing.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{key}.png")
            existing.save()
        images[key] = existing
    return images
