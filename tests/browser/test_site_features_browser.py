"""The home slides, the phone contact bar, back to top, the WeChat dialog and site notices in
Chromium, on the demo site; screenshots of the home, a case, the download centre and the
contact page at 1366 and 390 px in both languages (screenshots/features-*.png)."""

import pytest

from tests.helpers import translated

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PREFIX = {"zh-hans": "", "en": "/en"}
SCREENSHOT_PAGES = {
    "home": "/",
    "case": "/cases/chemical-park-soil-and-groundwater-monitoring/",
    "downloads": "/downloads/",
    "contact": "/contact/",
}

# Minutes in the suite: scheduled early, so that both processes end together (conftest).
pytestmark = [pytest.mark.urls("tests.browser.media_urls"), pytest.mark.heavy(minutes=2)]


@pytest.fixture
def site(live_server, demo_site):
    return live_server


@pytest.fixture
def open_page(chromium):
    contexts = []

    def open_(url, viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, locale="zh-CN", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def visible_slides(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('.hero__slide')]
            .map((slide, i) => [i, !slide.hidden && slide.offsetParent !== null])
            .filter(([, shown]) => shown).map(([i]) => i)"""
    )


# -- home slides ------------------------------------------------------------------------------


def test_carousel_controls_and_keyboard(site, open_page):
    page = open_page(site.url + "/en/")
    carousel = page.locator("[data-carousel]")
    rotation = carousel.locator("[data-carousel-rotation]")
    assert rotation.is_visible()
    assert rotation.get_attribute("aria-label") == "Stop the slide show"
    assert carousel.locator("#hero-slides").get_attribute("aria-live") == "off"
    assert visible_slides(page) == [0]

    carousel.get_by_role("button", name="Next slide").click()
    assert visible_slides(page) == [1]
    # Focus inside the carousel stops the rotation; slide changes are announced from then on.
    assert rotation.get_attribute("aria-label") == "Start the slide show"
    assert carousel.locator("#hero-slides").get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowRight")
    assert visible_slides(page) == [2]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert visible_slides(page) == [3]  # round the end
    carousel.get_by_role("button", name="Previous slide").click()
    assert visible_slides(page) == [2]
    assert carousel.locator("[data-carousel-position]").inner_text() == "3 / 4"
    # Screen readers meet only the slide that shows.
    names = page.locator("#hero-slides").aria_snapshot()
    assert names.startswith('- group "3 of 4"')
    assert "CMA accreditation in 13 areas" in names
    assert "Field sampling" not in names and "See the projects" not in names

    rotation.click()
    assert rotation.get_attribute("aria-label") == "Stop the slide show"
    assert carousel.locator("#hero-slides").get_attribute("aria-live") == "off"


def test_carousel_turns_by_itself_and_stops_on_request(site, open_page):
    page = open_page(site.url + "/")
    assert visible_slides(page) == [0]
    page.mouse.move(5, 5)  # out of the carousel: hovering pauses it
    page.wait_for_function("() => !document.querySelector('#hero-slide-2').hidden", timeout=9_000)
    assert visible_slides(page) == [1]
    page.locator("[data-carousel-rotation]").click()
    page.mouse.move(5, 5)
    page.wait_for_timeout(7_000)
    assert visible_slides(page) == [1]


def test_no_auto_advance_when_the_visitor_asks_for_less_motion(site, open_page):
    page = open_page(site.url + "/", reduced_motion="reduce")
    rotation = page.locator("[data-carousel-rotation]")
    # 开始轮播: the Chinese home page
    assert rotation.get_attribute("aria-label") == translated("Start the slide show", "zh-hans")
    page.mouse.move(5, 5)
    page.wait_for_timeout(7_000)
    assert visible_slides(page) == [0]
    page.locator("[data-carousel-next]").click()  # the buttons still work
    assert visible_slides(page) == [1]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_without_javascript_the_first_slide_shows_and_no_controls(site, open_page, lang):
    page = open_page(site.url + PREFIX[lang] + "/", java_script_enabled=False)
    slides = page.locator(".hero__slide")
    assert slides.nth(0).is_visible()
    assert not slides.nth(1).is_visible()
    assert not page.locator("[data-carousel-controls]").is_visible()
    images = page.locator(".hero__slide img")
    assert images.nth(0).get_attribute("loading") is None
    assert images.nth(1).get_attribute("loading") == "lazy"


# -- phone bar, back to top, WeChat ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_phone_bar_never_covers_the_inquiry_forms_submit_button(site, open_page, lang):
    page = open_page(site.url + PREFIX[lang] + "/contact/", viewport=PHONE)
    dock = page.locator("[data-contact-dock]")
    assert dock.is_visible()
    box = dock.bounding_box()
    assert round(box["y"] + box["height"]) == PHONE["height"]  # at the foot of the screen
    # Scroll so that the button sits at the very bottom of the screen, then a little higher.
    for offset in (0, 30, 60, 200):
        page.evaluate(
            """([offset]) => {
                const b = document.querySelector('form.inquiry-form button[type=submit]');
                const top = b.getBoundingClientRect().bottom + window.scrollY;
                window.scrollTo(0, top - window.innerHeight + offset);
            }""",
            [offset],
        )
        page.wait_for_timeout(350)  # the bar's slide-away transition
        inside = page.evaluate(
            """() => {
                const b = document.querySelector('form.inquiry-form button[type=submit]');
                const r = b.getBoundingClientRect();
                if (r.bottom > window.innerHeight || r.top < 0) return null;
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return b.contains(hit);
            }"""
        )
        if inside is not None:
            assert inside, f"something covers the submit button (offset {offset})"
    assert not dock.is_visible()  # stepped aside while the form is on screen
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(350)
    assert dock.is_visible()


def test_phone_bar_without_javascript_sits_below_the_form(site, open_page):
    page = open_page(site.url + "/contact/", viewport=PHONE, java_script_enabled=False)
    submit = page.locator("form.inquiry-form button[type=submit]")
    submit.scroll_into_view_if_needed()
    dock_box = page.locator("[data-contact-dock]").bounding_box()
    submit_box = submit.bounding_box()
    assert dock_box["y"] > submit_box["y"] + submit_box["height"]


def test_phone_bar_calls_and_shows_the_wechat_qr_code(site, open_page):
    page = open_page(site.url + "/en/services/soil-testing/", viewport=PHONE)
    dock = page.locator("[data-contact-dock]")
    assert dock.get_by_role("link", name="Call").get_attribute("href").startswith("tel:")
    dock.get_by_role("link", name="WeChat").click()
    dialog = page.locator("dialog#wechat-dialog")
    dialog.wait_for(state="visible")  # waits (for a slow machine), fails if it never opens
    dialog.locator("img").wait_for()
    # The code's picture has loaded (waits for it, fails after the timeout if it is broken).
    page.wait_for_function("() => document.querySelector('#wechat-dialog img').naturalWidth > 0")
    assert "Guoping Testing (sample)" in dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    dock.get_by_role("link", name="WeChat").click()
    dialog.wait_for(state="visible")
    dialog.get_by_role("button", name="Close").click()
    dialog.wait_for(state="hidden")
    assert dock.get_by_role("link", name="Inquiry").get_attribute("href") == "/en/contact/#inquiry"


def test_desktop_has_no_phone_bar_and_back_to_top_appears_after_one_screen(site, open_page):
    page = open_page(site.url + "/")
    assert not page.locator("[data-contact-dock]").is_visible()
    back = page.locator("[data-back-to-top]")
    assert not back.is_visible()
    page.evaluate("window.scrollTo(0, window.innerHeight - 50)")
    page.wait_for_timeout(200)
    assert not back.is_visible()
    page.evaluate("window.scrollTo(0, window.innerHeight + 50)")
    back.wait_for(state="visible")
    back.click()
    page.wait_for_function("() => window.scrollY === 0")
    page.wait_for_function("() => document.querySelector('[data-back-to-top]').hidden")


# -- notices ---------------------------------------------------------------------------------


def test_a_dismissed_notice_stays_dismissed_in_both_languages(site, open_page):
    page = open_page(site.url + "/")
    notice = page.locator(".notice[data-notice]")
    assert notice.is_visible()
    notice.get_by_role("button").click()
    assert not notice.is_visible()
    assert page.evaluate("document.activeElement.id") == "main"
    page.reload()
    assert not page.locator(".notice[data-notice]").is_visible()
    page.goto(site.url + "/en/downloads/")
    assert not page.locator(".notice[data-notice]").is_visible()
    # Another visitor (a new browser profile) still sees it.
    other = open_page(site.url + "/en/")
    assert other.locator(".notice[data-notice]").is_visible()


# -- screenshots -------------------------------------------------------------------------------


def load_lazy_images(page):
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 400) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_feature_screenshots(site, open_page, screenshot, lang, viewport):
    page = open_page(site.url, viewport=viewport, reduced_motion="reduce")
    for name, path in SCREENSHOT_PAGES.items():
        page.goto(site.url + PREFIX[lang] + path)
        load_lazy_images(page)
        broken = page.evaluate(
            "() => [...document.images].filter((i) => i.complete && i.naturalWidth === 0 && i.loading !== 'lazy').map((i) => i.src)"
        )
        assert broken == [], broken
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"features-{name}-{lang}-{viewport['width']}")
