"""Responsive images: every image of a content page is a <picture> with AVIF and WebP sources
beside a JPEG fallback, widths in srcset, sizes, width and height, lazy below the fold and
eager (fetchpriority) for the first one; the renditions are real files of those formats."""

from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from corporate.core.images import make_renditions
from corporate.demo.renditions import make_page_renditions
from news.models import NewsArticlePage

STATIC_IMAGES = ("/static/",)  # the logo mark and icons are SVG files, not renditions


def pictures_of(html):
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    images = [img for img in main.find_all("img") if not img["src"].startswith(STATIC_IMAGES)]
    return soup, images


def media_path(url):
    return settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)


def check_picture(img):
    picture = img.parent
    assert picture.name == "picture", img
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    for source in picture.find_all("source"):
        assert source["sizes"] == img["sizes"]
        assert all(item.strip().endswith("w") for item in source["srcset"].split(","))
    assert img["src"].endswith(".jpg")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["decoding"] == "async"
    return picture


def test_content_images_are_pictures_with_avif_webp_and_jpeg(demo_site):
    client = Client()
    en = Locale.objects.get(language_code="en")
    article = NewsArticlePage.objects.filter(
        locale__language_code="zh-hans", hero_image__isnull=False
    ).first()
    # url: whether its first image is at the top of the page (fetched at once)
    expectations = {
        "/": True,
        "/en/": True,
        "/news/": False,
        article.url: True,
        article.get_translation(en).url: True,
    }
    for url, first_is_eager in expectations.items():
        _soup, images = pictures_of(client.get(url).content)
        assert images, url
        for img in images:
            check_picture(img)
        first, *rest = images
        if first_is_eager:
            assert first.get("fetchpriority") == "high" and first.get("loading") is None, url
        else:
            rest = images
        assert all(img.get("loading") == "lazy" for img in rest), url


def test_renditions_are_files_of_their_format(demo_site):
    soup, images = pictures_of(Client().get("/").content)
    picture = images[0].parent
    files = {
        "AVIF": picture.find("source", type="image/avif")["srcset"],
        "WEBP": picture.find("source", type="image/webp")["srcset"],
        "JPEG": images[0]["srcset"],
    }
    for expected, srcset in files.items():
        widths = []
        for item in srcset.split(","):
            url, descriptor = item.strip().rsplit(" ", 1)
            with PILImage.open(media_path(url)) as image:
                assert image.format == expected
                assert image.width == int(descriptor[:-1])
            widths.append(int(descriptor[:-1]))
        assert widths == sorted(widths) and len(widths) >= 2


def test_renditions_are_made_ahead_for_the_demo(demo_site):
    image = get_image_model().objects.filter(title__startswith="示例图片").first()
    made = make_renditions(image, ["card"])
    assert len(made) == 2 * 3  # two widths, three formats
    assert {spec.rsplit("|", 1)[-1] for spec in made} == {
        "format-avif",
        "format-webp",
        "format-jpeg",
    }
    # build_demo_site --renditions (make run) renders every live page once.
    Rendition = image.renditions.model
    before = Rendition.objects.count()
    pages, _seconds = make_page_renditions()
    assert pages == Page.objects.filter(depth__gte=2).live().public().count()
    assert Rendition.objects.count() > before
    assert Rendition.objects.filter(filter_spec__contains="format-avif").exists()
