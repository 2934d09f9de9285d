"""Layout in real Chromium: the menu folds behind its toggle on phones and is plainly visible on
desktops and without JavaScript; the hero text stays readable over a bright image; the skip link
and focus styles work; nothing overflows sideways on a phone. Screenshots go to screenshots/."""

import io

import pytest
import wagtail_factories
from PIL import Image

from home.models import HomePage
from tests.expected import MENU
from tests.helpers import build_bilingual_site, shared_state

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HOME_URL = {"zh-hans": "/", "en": "/en/"}
LANGS = ["zh-hans", "en"]


def build_layout_site():
    """The bilingual test site (eight menu sections) with a hero image on both home pages."""
    build_bilingual_site()
    image = wagtail_factories.ImageFactory(title="hero", file__width=1600, file__height=600)
    for home in HomePage.objects.all():
        home.hero_image = image
        home.save_revision().publish()


_state_layout_site = shared_state("layout_site", build_layout_site)


@pytest.fixture
def site_server(live_server, _state_layout_site):
    """``build_layout_site()``, built once per session and restored before each test."""
    return live_server


def open_page(chromium, url, viewport, javascript=True):
    context = chromium.new_context(
        viewport=viewport, locale="zh-CN", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    return context, page


@pytest.mark.parametrize("lang", LANGS)
def test_phone_menu_folds_behind_the_toggle(site_server, chromium, screenshot, lang):
    context, page = open_page(chromium, site_server.url + HOME_URL[lang], PHONE)
    try:
        toggle = page.locator("button.menu-toggle")
        menu = page.locator("#main-menu")
        assert toggle.is_visible()
        assert toggle.get_attribute("aria-controls") == "main-menu"
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not menu.is_visible()
        # Nothing runs off the side of a phone screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"layout-phone-{lang}")

        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert menu.is_visible()
        links = page.locator("#main-menu a")
        assert [text.strip() for text in links.all_inner_texts()] == MENU[lang]
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            assert box["height"] >= 44, "touch targets are at least 44 px high"
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        screenshot(page, f"layout-phone-menu-{lang}")

        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not menu.is_visible()

        toggle.click()
        links.nth(1).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().strip() == MENU[lang][1]
        assert not page.locator("#main-menu").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phone_menu_is_plainly_visible_without_javascript(site_server, chromium, screenshot, lang):
    context, page = open_page(chromium, site_server.url + HOME_URL[lang], PHONE, javascript=False)
    try:
        assert not page.locator("button.menu-toggle").is_visible()
        links = page.locator("#main-menu a")
        assert [text.strip() for text in links.all_inner_texts()] == MENU[lang]
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"layout-phone-nojs-{lang}")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_desktop_menu_is_visible_on_one_line(site_server, chromium, screenshot, lang):
    context, page = open_page(chromium, site_server.url + HOME_URL[lang], DESKTOP)
    try:
        assert not page.locator("button.menu-toggle").is_visible()
        links = page.locator("#main-menu a")
        assert [text.strip() for text in links.all_inner_texts()] == MENU[lang]
        tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
        assert len(tops) == 1, "the eight sections fit on one line"
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        screenshot(page, f"layout-desktop-{lang}")
    finally:
        context.close()


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_hero_text_is_readable_over_a_white_image(site_server, chromium, screenshot, viewport):
    """Worst case: a pure white photograph. Behind the headline and introduction, the
    overlay must keep white text at WCAG AA contrast (4.5:1) or better."""
    context, page = open_page(chromium, site_server.url + "/", viewport)
    try:
        page.evaluate(
            """() => new Promise((resolve) => {
                const canvas = document.createElement("canvas");
                canvas.width = 1600; canvas.height = 600;
                const ctx = canvas.getContext("2d");
                ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, 1600, 600);
                const img = document.querySelector(".hero__image");
                img.removeAttribute("srcset");
                img.onload = () => resolve();
                img.src = canvas.toDataURL("image/png");
            })"""
        )
        headline = page.locator(".hero__headline")
        assert headline.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
        screenshot(page, f"layout-hero-white-{viewport['width']}")

        boxes = [page.locator(sel).bounding_box() for sel in (".hero__headline", ".hero__intro")]
        # Hide the text through the CSSOM (the site's CSP refuses an injected <style>).
        page.evaluate(
            "document.querySelectorAll('.hero__inner').forEach(el => el.style.visibility = 'hidden')"
        )
        left = min(box["x"] for box in boxes)
        top = min(box["y"] for box in boxes)
        right = max(box["x"] + box["width"] for box in boxes)
        bottom = max(box["y"] + box["height"] for box in boxes)
        png = page.screenshot(
            clip={"x": left, "y": top, "width": right - left, "height": bottom - top}
        )
        colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 24)
        brightest = max(relative_luminance(colour) for _count, colour in colours)
        contrast = 1.05 / (brightest + 0.05)
        assert contrast >= 4.5, f"white text on the hero reaches only {contrast:.2f}:1"
    finally:
        context.close()


def test_skip_link_shows_on_focus_and_focus_is_visible(site_server, chromium, screenshot):
    context, page = open_page(chromium, site_server.url + "/en/", DESKTOP)
    try:
        skip = page.locator("a.skip-link")
        assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        box = skip.bounding_box()
        assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on screen"
        screenshot(page, "layout-skip-link")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        # Every keyboard stop in the header shows a focus outline.
        page.goto(site_server.url + "/en/")
        for _ in range(6):
            page.keyboard.press("Tab")
            outline = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                           return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
            )
            assert outline[0] != "none" and outline[1] >= 2, outline
    finally:
        context.close()
