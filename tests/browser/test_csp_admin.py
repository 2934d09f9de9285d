"""The Content-Security-Policy leaves the editors' work intact: in Chromium, with the policy on,
an editor signs in, opens the page editor, picks a block in the block picker (with its preview)
and opens the live preview, and the browser reports no CSP violation anywhere, in the admin or
in the previewed page's frame."""

import pytest
from django.contrib.auth import get_user_model

# Every frame reports violations to the console, where the test collects them.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error("CSP-VIOLATION " + event.violatedDirective + " " + event.blockedURI + " "
        + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture
def editor_page(live_server, site_tree, browser_page):
    get_user_model().objects.create_superuser("csp-editor", "csp@example.com", "csp-password-1")
    violations = []
    browser_page.add_init_script(REPORT_VIOLATIONS)
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "CSP-VIOLATION" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "csp-editor")
    page.fill("input[name=password]", "csp-password-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page, violations


def test_page_editor_block_picker_and_preview_work_with_csp_on(
    live_server, site_tree, editor_page, screenshot
):
    page, violations = editor_page
    response = page.goto(f"{live_server.url}/admin/pages/{site_tree['about'].pk}/edit/")
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    page.wait_for_selector("form#page-edit-form")

    # The block picker of the body StreamField: it opens, lists the blocks, previews one.
    page.locator("button.c-sf-add-button").first.click()
    picker = page.locator(".w-combobox").first
    picker.wait_for()
    options = picker.locator("[role=option]")
    assert options.count() > 3
    options.first.hover()
    page.wait_for_timeout(1000)  # the block preview (an iframe) loads on hover
    screenshot(page, "csp-block-picker")
    options.first.click()
    page.wait_for_selector("[data-contentpath] .w-panel, .c-sf-block", timeout=10_000)

    # The live preview in the side panel renders the page in its frame.
    page.locator('button[data-side-panel-toggle="preview"]').click()
    # Wagtail swaps in a fresh iframe on each update: look it up by locator, not by handle.
    preview = page.frame_locator("iframe[data-preview-iframe], iframe#w-preview-iframe").last
    preview.locator("main").wait_for(timeout=30_000)
    assert site_tree["about"].title in preview.locator("main").inner_text()
    screenshot(page, "csp-page-preview")

    assert violations == [], violations


def test_public_pages_report_no_csp_violation(live_server, site_tree, browser_page):
    violations = []
    browser_page.add_init_script(REPORT_VIOLATIONS)
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "CSP-VIOLATION" in message.text else None
        ),
    )
    for key in ("home", "about", "service", "contact", "news"):
        browser_page.goto(live_server.url + site_tree[key].url)
        browser_page.wait_for_load_state("networkidle")
        # The inline script ran (allowed by its hash): no-js became js.
        assert browser_page.evaluate("document.documentElement.classList.contains('js')"), key
    assert violations == [], violations
