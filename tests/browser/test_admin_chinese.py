"""The whole admin in Chinese for a Chinese editor: Chromium with a Chinese browser language
(Accept-Language zh-CN) visits the main admin screens (dashboard, explorer, the page editor with
every block, the block picker, the translation editor, reports, forms, snippets, settings, the
inbox, the userbar on the site) and fails on any English word outside an allow-list of proper
names, codes and the English content a translator works on.

Wagtail's and wagtail-localize's own strings that their Chinese catalogues lack are completed in
locale/zh_Hans/upstream/ (merged into the project catalogue by `make messages`)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from corporate.core.blocks import BaseStreamBlock
from corporate.core.models import CompanyProfile, StandardPage
from tests.helpers import has_han

# Minutes in the suite: scheduled first, so that both processes end together (conftest).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.heavy(minutes=1)]

# Proper names, codes and units that stay as they are in Chinese text.
ALLOWED = {
    "Wagtail",
    "Draftail",
    "English",
    "DeepL",
    "WeChat",
    "Weibo",
    "Baidu",
    "Amap",
    "Google",
    "Bing",
    "Sogou",
    "Markdown",
    "JSON",
    "HTML",
    "CSS",
    "URL",
    "URLs",
    "RSS",
    "PDF",
    "CSV",
    "XLSX",
    "PNG",
    "SVG",
    "JPEG",
    "GIF",
    "WEBP",
    "AVIF",
    "ICP",
    "CMA",
    "CNAS",
    "SEO",
    "ISO",
    "IEC",
    "GB",
    "HJ",
    "VOCs",
    "SMTP",
    "QR",
    "ID",
    "AppID",
    "PO",
    "Alt",
    "px",
    "KB",
    "MB",
    "pH",
    "COD",
    "BOD",
    "Asia",
    "Shanghai",
    "UTC",
    "http",
    "https",
    "www",
    "com",
    "cn",
    "example",
    "guoping",
    "testing",
    "Sample",  # marks the demo's sample content, in both languages, by design
    "GCJ",  # the coordinate system of Chinese maps (GCJ-02)
    "First",  # "序数词（一是、二是 / First, Second）": the block names both languages' forms
    "Second",
    "Sec",
    "Cookie",
    "JS-SDK",
    "README",
    "LIMS",
    "IndexNow",
    "Yandex",
    "wagtail-localize",
    "Localize",
    "None",  # Wagtail's aging pages report prints an empty "last published by" as None
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
VISIBLE_TEXT = """() => {
  const out = [];
  const skip = (el) => el.closest('[data-english-content], script, style, noscript, template,'
    + ' [hidden], [aria-hidden=true], .visually-hidden, .w-sr-only, code, pre');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (!el.getClientRects().length) continue;
    out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
    if (skip(el) || !el.getClientRects().length) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value) out.push(value.trim());
    }
  }
  return out;
}"""


IDENTIFIER = re.compile(
    r"[\w.+-]+@[\w.-]+|https?://\S+|/\S*|[\w-]+\.(png|jpe?g|pdf|svg|docx?|xlsx?)"
    r"|[a-z_]+\.[a-z_]+|.*\([a-z_]+\.[a-z_]+\)"
)
SUFFIXES = (" (English)", " (en)", " (English) (English)")


MIXED_NOISE = re.compile(
    r"'[^']*'|“[^”]*”|‘[^’]*’"  # quoted names inside a sentence (page titles, user names)
    r"|https?://\S+|[\w.-]+\.(?:cn|com|org|net|gov|txt|xml)\b\S*|/[\w./-]+"  # addresses
)


def content_strings():
    """What editors and translators wrote (page titles, every translatable string in either
    language, file and image titles, group and user names): shown as it is, not the admin's
    words."""
    from django.contrib.auth.models import Group, User
    from django.utils.html import strip_tags
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail_localize.models import String, StringTranslation

    texts = set(Page.objects.values_list("title", flat=True))
    texts |= set(Page.objects.values_list("draft_title", flat=True))
    for data in [
        *String.objects.values_list("data", flat=True),
        *StringTranslation.objects.values_list("data", flat=True),
    ]:
        texts.add(strip_tags(data).replace("&amp;", "&").strip())
    texts |= set(get_image_model().objects.values_list("title", flat=True))
    texts |= set(get_document_model().objects.values_list("title", flat=True))
    texts |= set(Group.objects.values_list("name", flat=True))
    texts |= set(User.objects.values_list("username", flat=True))
    texts |= set(StringTranslation.objects.values_list("tool_name", flat=True))
    texts |= set(String.objects.values_list("data", flat=True))
    texts |= set(StringTranslation.objects.values_list("data", flat=True))
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        texts |= {str(instance) for instance in model.objects.all()[:2000]}
    return {text for text in texts if text}


def is_content(text, content):
    for suffix in ("", *SUFFIXES):
        base = text[: -len(suffix)] if suffix and text.endswith(suffix) else text
        if base in content:
            return True
    if text.endswith("…") and len(text) > 8:
        start = text[:-1]
        return any(item.startswith(start) for item in content)
    return False


def english_words(texts, allowed, content=frozenset()):
    found = {}
    embedded = sorted((c for c in content if len(c) >= 4), key=len, reverse=True)
    for text in texts:
        if IDENTIFIER.fullmatch(text) or is_content(text, content):
            continue
        if has_han(text):
            # A Chinese sentence that names content (a tool, a title) or an address.
            text = MIXED_NOISE.sub(" ", text)
            for item in embedded:
                if item in text:
                    text = text.replace(item, " ")
        for word in WORD.findall(text):
            if word.strip("'’-") not in allowed:
                found.setdefault(word, text[:120])
    return found


def every_block_page(home):
    """A Chinese page whose body holds one of each block of the library (its preview value)."""
    block = BaseStreamBlock()
    body = [
        (name, child.get_preview_value())
        for name, child in block.child_blocks.items()
        if child.get_preview_value() is not None
    ]
    page = StandardPage(title="全部内容块", slug="every-block", body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def chinese_admin(live_server, demo_site, browser_page):
    get_user_model().objects.create_superuser("zh-admin", "zh@example.com", "zh-password-1")
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "zh-admin")
    page.fill("input[name=password]", "zh-password-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def screens(zh_home, en_home, every_block, english_page):
    profile = CompanyProfile.objects.get(locale=zh_home.locale)
    return [
        ("dashboard", "/admin/"),
        ("explorer", f"/admin/pages/{zh_home.pk}/"),
        ("explorer root", "/admin/pages/"),
        ("page editor", f"/admin/pages/{every_block.pk}/edit/"),
        ("page history", f"/admin/pages/{every_block.pk}/history/"),
        ("add page", f"/admin/pages/add/corporate/standardpage/{zh_home.pk}/"),
        ("choose page type", f"/admin/pages/{zh_home.pk}/add_subpage/"),
        ("translation editor", f"/admin/pages/{english_page.pk}/edit/"),
        ("reports: locked pages", "/admin/reports/locked/"),
        ("reports: aging pages", "/admin/reports/aging-pages/"),
        ("reports: site history", "/admin/reports/site-history/"),
        ("reports: page types", "/admin/reports/page-types-usage/"),
        ("reports: out of date", "/admin/translations/out-of-date/"),
        ("reports: translations", "/admin/localize/reports/translations/"),
        ("forms", "/admin/forms/"),
        ("inbox", "/admin/inbox/"),
        ("snippets", "/admin/snippets/"),
        ("company profile", f"/admin/snippets/corporate/companyprofile/edit/{profile.pk}/"),
        ("settings", "/admin/settings/corporate/seosettings/"),
        ("images", "/admin/images/"),
        ("documents", "/admin/documents/"),
        ("search terms", "/admin/searchpicks/"),
        ("redirects", "/admin/redirects/"),
        ("users", "/admin/users/"),
        ("groups", "/admin/groups/"),
        ("locales", "/admin/locales/"),
    ]


def test_the_admin_speaks_chinese_to_a_chinese_browser(live_server, chinese_admin, screenshot):
    page = chinese_admin
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    zh_home = Page.objects.get(depth=2, locale=zh)
    en_home = Page.objects.get(depth=2, locale=en)
    every_block = every_block_page(zh_home.specific)
    english_page = Page.objects.filter(locale=en, depth=3).live().first()
    problems = {}

    content = content_strings()
    seen = {}

    def check(name, path=None):
        if path is not None:
            response = page.goto(live_server.url + path)
            assert response.status < 400, (name, path, response.status)
            page.wait_for_load_state("networkidle")
        texts = page.evaluate(VISIBLE_TEXT)
        seen[name] = " ".join(texts)
        words = english_words(texts, ALLOWED, content)
        if words:
            problems[name] = words

    for name, path in screens(zh_home, en_home, every_block, english_page):
        if name == "translation editor":
            page.goto(live_server.url + path)
            page.wait_for_selector(".js-translation-editor *", timeout=30_000)
            page.wait_for_load_state("networkidle")
            # What the translator types is English content, not the admin's words.
            page.evaluate(
                """() => document.querySelectorAll(
                  '.editor__segment, textarea, .editor__preview, .segment-value, iframe'
                ).forEach(el => el.setAttribute('data-english-content', ''))"""
            )
            check(name)
            continue
        check(name, path)
        if name == "page editor":
            page.locator('button[data-side-panel-toggle="status"]').first.click()
            page.wait_for_timeout(500)
            check("status panel")
            page.locator('button[data-side-panel-toggle="status"]').first.click()
            page.locator("button.c-sf-add-button").first.click()
            page.locator(".w-combobox").first.wait_for()
            check("block picker")
            screenshot(page, "admin-zh-block-picker")
            page.keyboard.press("Escape")
    # The userbar on the site.
    page.goto(live_server.url + "/")
    page.locator("wagtail-userbar").first.wait_for(state="attached", timeout=10_000)
    page.wait_for_timeout(500)
    page.evaluate(
        "() => document.querySelector('wagtail-userbar')?.shadowRoot"
        "?.querySelector('[aria-controls]')?.click()"
    )
    userbar = page.evaluate(
        """() => { const root = document.querySelector('wagtail-userbar')?.shadowRoot;
          if (!root) return [];
          const out = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (el && !el.closest('script, style, template') && walker.currentNode.textContent.trim())
              out.push(walker.currentNode.textContent.trim());
          }
          for (const el of root.querySelectorAll('[aria-label], [title]'))
            out.push(el.getAttribute('aria-label') || el.getAttribute('title'));
          return out; }"""
    )
    words = english_words([t for t in userbar if t], ALLOWED, content)
    if words:
        problems["userbar"] = words
    report = "\n".join(
        f"{screen}: " + "; ".join(f"{word!r} in {text!r}" for word, text in words.items())
        for screen, words in problems.items()
    )
    print("\n[admin-zh]\n" + report)
    assert problems == {}, report
    # Some of the words Wagtail's and wagtail-localize's own catalogues lacked, now in Chinese.
    expected = {
        "dashboard": ["搜索全部页面……"],
        "page editor": ["切换检查"],
        "status panel": ["任何人都可以编辑此页面"],
        "block picker": ["插入内容块"],
        "translation editor": ["简体中文 → English 翻译"],
        "reports: page types": ["页面类型使用情况"],
    }
    # The sidebar menus' labels: JSON in the admin page (non-ASCII written as \\uXXXX).
    page.goto(live_server.url + "/admin/")
    menu = page.content()
    expected["menu"] = ["搜索词", "页面类型使用情况"]
    seen["menu"] = " ".join(t for t in expected["menu"] if json.dumps(t)[1:-1] in menu or t in menu)
    missing = {
        screen: [text for text in texts if text not in seen.get(screen, "")]
        for screen, texts in expected.items()
    }
    assert {screen: texts for screen, texts in missing.items() if texts} == {}
