"""Helpers shared by the test modules. A test module imports from here (or tests.factories,
tests.expected), never from another test module or tests/conftest.py.

- Chinese text: the character ranges of corporate/core/cjk.py and assertions built on them.
- Pages: publish, translate (an English copy, or wagtail-localize's PO round trip), the Wagtail
  roots a flushed database lacks.
- Sites the fixtures build (tests/conftest.py shares each of them across a session):
  ``make_site_tree``, ``build_bilingual_site``, ``build_inquiry_site``.
- ``shared_state``: declare a database state of your own, built once per session.
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page, Site, get_page_models

from corporate.core.cjk import CHINESE_TEXT, HAN, chinese_fragments, has_han
from corporate.core.localize_gaps.publish_guard import untranslated_allowed
from corporate.core.models import CompanyProfile
from corporate.demo.english import translate_instance
from corporate.demo.inquiry import build_inquiry_form
from corporate.demo.roots import ensure_wagtail_roots
from corporate.inquiries.models import ContactPage
from news.models import NewsCategory
from tests import between_workers, factories

__all__ = [
    "CHINESE_TEXT",
    "HAN",
    "chinese_fragments",
    "has_han",
]

BASE_DIR = Path(__file__).resolve().parents[1]


# -- Chinese text ------------------------------------------------------------------------------


def han_in(text):
    """The runs of Han characters in ``text`` (for an assertion's message)."""
    return HAN.findall(text or "")


def assert_no_han(text, context=None):
    """No Chinese character (corporate.core.cjk.HAN) in ``text``."""
    found = han_in(text)
    assert not found, (context, found[:10]) if context is not None else found[:10]


def assert_no_chinese(text, context=None):
    """No Chinese character nor Chinese punctuation (CHINESE_TEXT) in ``text``."""
    found = chinese_fragments(text, limit=10)
    assert not found, (context, found) if context is not None else found


def soup(response):
    """The page of a 200 response, parsed."""
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


# -- pages ------------------------------------------------------------------------------------


def ensure_roots():
    """The root page, root collection and default locale (a flushed database has none);
    returns the root page."""
    return ensure_wagtail_roots()


def publish(page):
    """Publish the page's current state as a new revision; returns it refreshed."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def edit_and_publish(page, **fields):
    """Set ``fields`` on a fresh copy of the page from the database and publish it."""
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    return publish(page)


def translate_page(page, locale, **fields):
    """An English copy of a Chinese page (the shape wagtail-localize creates), published with
    whatever Chinese the test did not replace (the publish guard lets fixtures do that)."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    with untranslated_allowed():
        return publish(copy)


def make_category(slug, zh_name, en_name=None, en=None):
    """A Chinese news category and, given ``en``, its English copy."""
    # The session's demo site may hold a category with this slug already.
    NewsCategory.objects.filter(slug=slug).delete()
    category = factories.NewsCategoryFactory(slug=slug, name=zh_name)
    english = None
    if en is not None:
        english = category.copy_for_translation(en)
        english.name = en_name
        english.save()
    return category, english


def make_article(news, title, date, category=None, tags=(), **fields):
    article = factories.NewsArticlePageFactory(
        parent=news, title=title, date=date, category=category, **fields
    )
    if tags:
        article.tags.set(list(tags))
        publish(article)
    return article


# An article body with every block an article uses (two sections, points, a quote, a table).
STRUCTURED_BODY = [
    {"type": "paragraph", "value": "<p>导语。</p>"},
    {"type": "heading", "value": {"heading": "第一部分", "level": "h2"}},
    {
        "type": "numbered_points",
        "value": {
            "style": "ordinal",
            "points": [{"lead": "要点一。", "text": "说明一。"}, {"lead": "要点二。", "text": ""}],
        },
    },
    {"type": "heading", "value": {"heading": "小节", "level": "h3"}},
    {"type": "quote", "value": {"quote": "引文。", "attribution": "来源"}},
    {"type": "heading", "value": {"heading": "第二部分", "level": "h2"}},
    {
        "type": "table",
        "value": {
            "caption": "表",
            "header": ["项目", "标准"],
            "rows": [{"cells": ["pH", "HJ 1147"]}],
        },
    },
]


# -- translation through wagtail-localize's PO files --------------------------------------


def placeholder(msgid):
    """English stand-in for a Chinese string the test does not care about."""
    # Not hash(): it differs between processes, and a state built by one test process is
    # read by the other (tests/between_workers.py).
    return f"English text {zlib.crc32(msgid.encode()) % 100_000}"


def fill_with_placeholders(po, words):
    """``words`` where given; a placeholder for other Chinese strings; the rest kept."""
    for entry in po:
        if entry.msgid in words:
            entry.msgstr = words[entry.msgid]
        elif HAN.search(entry.msgid):
            entry.msgstr = placeholder(entry.msgid)
        else:
            entry.msgstr = entry.msgid
    return []


def translate(instance, en, words=None, publish=True):
    """Translate a page or snippet into English the way a translation agency's PO file is
    (``translate_instance``: wagtail-localize export, fill, import, save, and publish a page).
    Returns the English object.

    ``words`` maps Chinese strings to English; other Chinese strings get a placeholder, and
    strings without Chinese (codes, slugs) are kept."""
    target, _missing = translate_instance(
        instance, en, words or {}, fill=fill_with_placeholders, publish=publish, tool_name="test PO"
    )
    return target


def translate_tree(tree, en, words=None, skip=()):
    """Translate the pages of ``site_tree`` (parents first) and the company profile."""
    translate(CompanyProfile.objects.get(locale__language_code="zh-hans"), en, words)
    english = {}
    for name, page in sorted(tree.items(), key=lambda item: item[1].path):
        if name not in skip:
            english[name] = translate(Page.objects.get(pk=page.pk).specific, en, words)
    return english


# -- the sites the fixtures build ---------------------------------------------------------


def build_demo():
    """The full demo site, both languages (``manage.py build_demo_site``). Tests that only read
    it use the ``demo_site`` fixture instead: built once per session."""
    call_command("build_demo_site", verbosity=0)


def make_site_tree():
    """Build a small Chinese tree and point the default Site at it."""
    root = ensure_roots()
    for page in root.get_children():
        page.delete()
    CompanyProfile.objects.all().delete()
    home = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    factories.CompanyProfileFactory()
    tree = {"home": home}
    tree["about"] = factories.StandardPageFactory(
        parent=home, title="关于我们", slug="about", show_in_menus=True
    )
    tree["news"] = factories.NewsIndexPageFactory(parent=home, slug="news", show_in_menus=True)
    tree["accreditation"] = factories.AccreditationIndexPageFactory(
        parent=home, slug="accreditation", show_in_menus=True
    )
    tree["area"] = factories.AccreditationAreaPageFactory(
        parent=tree["accreditation"], title="土壤和水系沉积物", slug="soil"
    )
    tree["services"] = factories.ServiceIndexPageFactory(
        parent=home, slug="services", show_in_menus=True
    )
    tree["service"] = factories.ServicePageFactory(
        parent=tree["services"], title="土壤检测", slug="soil-testing"
    )
    tree["contact"] = factories.ContactPageFactory(parent=home, slug="contact", show_in_menus=True)
    tree["article"] = factories.NewsArticlePageFactory(
        parent=tree["news"], title="山东完善制度提高生态环境执法效能", slug="enforcement"
    )
    return tree


ENGLISH_TITLES = {
    "网站首页": "Home",
    "关于我们": "About Us",
    "新闻动态": "News",
    "资质领域": "Accreditation Scope",
    "服务范围": "Services",
    "服务流程": "Service Process",
    "技术实力": "Technical Capabilities",
    "联系我们": "Contact Us",
    "土壤和水系沉积物": "Soil and aquatic sediments",
    "土壤检测": "Soil testing",
    "山东完善制度提高生态环境执法效能": "Shandong improves eco-environmental law enforcement",
    "隐私政策": "Privacy Policy",
}


def _english_copy(page, en):
    """An English copy of a Chinese page, with English text where the chrome shows it."""
    copy = page.specific.copy_for_translation(en)
    copy.title = ENGLISH_TITLES[page.title]
    for field, text in {
        "hero_headline": "Environmental testing you can rely on",
        "hero_intro": "Water, air and soil testing.",
        "intro": "Introduction.",
        "summary": "Summary.",
    }.items():
        if hasattr(copy, field):
            setattr(copy, field, text)
    if hasattr(copy, "body"):
        copy.body = factories.paragraph("English text.")
    if hasattr(copy, "standards"):
        copy.standards = [
            {"type": "standard", "value": {"code": "GB 36600-2018", "name": "Soil quality"}}
        ]
    with untranslated_allowed():
        copy.save()
        return publish(copy)


def build_bilingual_site():
    """The eight menu sections in page-tree order, an area, a service and an article, a page
    kept out of the menu, and a company profile per language; the whole tree in English too.
    Returns {"zh-hans": pages, "en": pages, "profiles": {"zh-hans": ..., "en": ...}}."""
    ensure_roots()
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    CompanyProfile.objects.all().delete()
    home = factories.HomePageFactory(parent=root, slug="home", title="网站首页")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)

    tree = {"home": home}
    menu_pages = [
        ("about", factories.StandardPageFactory, "关于我们"),
        ("news", factories.NewsIndexPageFactory, "新闻动态"),
        ("accreditation", factories.AccreditationIndexPageFactory, "资质领域"),
        ("services", factories.ServiceIndexPageFactory, "服务范围"),
        ("process", factories.StandardPageFactory, "服务流程"),
        ("capabilities", factories.StandardPageFactory, "技术实力"),
        ("contact", factories.ContactPageFactory, "联系我们"),
    ]
    for slug, factory, title in menu_pages:
        tree[slug] = factory(parent=home, title=title, slug=slug, show_in_menus=True)
    tree["privacy"] = factories.StandardPageFactory(
        parent=home, title="隐私政策", slug="privacy-policy", show_in_menus=False
    )
    tree["area"] = factories.AccreditationAreaPageFactory(
        parent=tree["accreditation"], title="土壤和水系沉积物", slug="soil-and-sediments"
    )
    tree["service"] = factories.ServicePageFactory(
        parent=tree["services"], title="土壤检测", slug="soil-testing"
    )
    tree["article"] = factories.NewsArticlePageFactory(
        parent=tree["news"], title="山东完善制度提高生态环境执法效能", slug="enforcement"
    )

    english = {}
    for key in [
        "home",
        *[slug for slug, _f, _t in menu_pages],
        "privacy",
        "area",
        "service",
        "article",
    ]:
        english[key] = _english_copy(tree[key], en)

    zh_profile = factories.CompanyProfileFactory(tagline="公正、科学、准确、高效")
    en_profile = zh_profile.copy_for_translation(en)
    en_profile.name = "Shandong Guoping Testing Service Co., Ltd."
    en_profile.short_name = "Guoping Testing"
    en_profile.tagline = "Impartial, scientific, accurate, efficient"
    en_profile.address = "1 Example Road, Jinan, Shandong (sample address)"
    en_profile.save()
    return {"zh-hans": tree, "en": english, "profiles": {"zh-hans": zh_profile, "en": en_profile}}


INQUIRY_PO = BASE_DIR / "corporate/demo/content/en/30-inquiry.po"


class EnglishDictionary(dict):
    """The demo form's English from 30-inquiry.po; any other Chinese string of the factory pages
    becomes a neutral English placeholder."""

    def __contains__(self, key):
        return bool(HAN.search(key)) or super().__contains__(key)

    def __missing__(self, key):
        return f"English text {sum(map(ord, key)) % 100000}"


def inquiry_dictionary():
    return EnglishDictionary({e.msgid: e.msgstr for e in polib.pofile(str(INQUIRY_PO))})


def build_inquiry_site(english=True):
    """A small Chinese site (factories) with the demo form, a second service, the privacy policy
    page and, optionally, its English translation made with wagtail-localize."""
    tree = make_site_tree()
    tree["waste"] = factories.ServicePageFactory(
        parent=tree["services"], title="危险废物鉴别", slug="hazardous-waste-identification"
    )
    tree["privacy"] = factories.StandardPageFactory(
        parent=tree["home"], title="隐私政策", slug="privacy-policy"
    )
    contact = ContactPage.objects.get(pk=tree["contact"].pk)
    contact.to_address = "lab@guoping-testing.example, sales@guoping-testing.example"
    contact.save_revision().publish()
    build_inquiry_form(ContactPage.objects.get(pk=contact.pk))
    tree["contact"] = ContactPage.objects.get(pk=contact.pk)
    if english:
        en = Locale.objects.get_or_create(language_code="en")[0]
        dictionary = inquiry_dictionary()
        translate_instance(
            CompanyProfile.objects.get(locale__language_code="zh-hans"), en, dictionary
        )
        for key in ("home", "services", "service", "waste", "privacy", "contact"):
            translate_instance(Page.objects.get(pk=tree[key].pk).specific, en, dictionary)
        tree["contact_en"] = tree["contact"].get_translation(en)
        tree["service_en"] = tree["service"].get_translation(en)
    cache.clear()
    return tree


def valid_data(**overrides):
    """A complete Chinese inquiry (POST data); ``None`` drops a field."""
    data = {
        "name": "张三",
        "company": "济南示例环保科技有限公司",
        "phone": "138 1234 5678",
        "email": "zhang.san@example.com",
        "service": "soil-testing",
        "sample_type": "土壤和沉积物",
        "location": "山东省济南市历城区",
        "message": "建设用地土壤检测,约 20 个样品,希望两周内出报告。",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def english_data(**overrides):
    return valid_data(
        name="Jane Smith",
        company="Example Environmental Ltd",
        phone="+44 20 7946 0958",
        email="jane.smith@example.co.uk",
        sample_type="Soil and sediments",
        location="Qingdao",
        message="About 20 soil samples from a brownfield site; results within two weeks.",
        **overrides,
    )


REPORTS_ENGLISH = {
    "报告查询": "Report verification",
    "输入报告编号和验证码，核验本实验室出具的检测报告。": "Enter the report number and the verification code to check a report of our laboratory.",
    "土壤和水系沉积物": "Soil and sediments",
    "资质领域": "Accreditation areas",
    "网站首页": "Home",
}


def _reports_to_english(page, en):
    return translate(Page.objects.get(pk=page.pk).specific, en, REPORTS_ENGLISH)


def build_reports_site(en):
    """``make_site_tree()`` with the report verification page and one report (a soil area),
    the home, accreditation, area and reports pages translated into English."""
    tree = make_site_tree()
    tree["reports"] = factories.ReportVerificationPageFactory(parent=tree["home"], slug="reports")
    for key in ("home", "accreditation", "area", "reports"):
        tree[f"{key}_en"] = _reports_to_english(tree[key], en)
    report = factories.TestReportFactory(number="GP-2025-00042", code="K7Q2-M9X4")
    report.areas.add(tree["area"])
    tree["report"] = report
    return tree


# -- search ---------------------------------------------------------------------------------


def stock_order(results):
    """What the stock query (the model joined to the index) returns for the same search."""
    from modelsearch.backends.database.postgres import postgres as stock_pg

    return [page.pk for page in stock_pg.PostgresSearchResults._do_search(results)]


# -- SQLite databases for subprocesses -----------------------------------------------------

_SQLITE_TEMPLATES = {}
# Migrates to a file of its own and renames it when done, so that another process can wait for
# the template by its name alone.
_MIGRATE_THEN_RENAME = """
import os, sys
from pathlib import Path
from django.core.management import execute_from_command_line
try:
    execute_from_command_line(["manage.py", "migrate", "--noinput", "--verbosity", "0"])
    from django.db import connections
    connections.close_all()
    os.replace(sys.argv[1], sys.argv[2])
except BaseException:
    Path(sys.argv[2] + ".failed").touch()
    raise
"""


def start_migrated_sqlite(settings_module="corporate.settings.test"):
    """Start migrating a template SQLite database for ``settings_module`` in a subprocess, once
    per run: with pytest-xdist the first process to ask starts it in the run's shared directory
    and the others use it (call it from a module's ``prepare_in_background`` to have it ready
    early)."""
    if settings_module in _SQLITE_TEMPLATES:
        return
    shared = between_workers.run_directory()
    if shared is not None:
        folder = shared / f"sqlite-{settings_module}"
        try:
            folder.mkdir()
        except FileExistsError:  # another process of this run started it
            _SQLITE_TEMPLATES[settings_module] = (None, folder / "template.sqlite3", folder)
            return
    else:
        folder = Path(tempfile.mkdtemp(prefix="sqlite-template-"))
    path, building = folder / "template.sqlite3", folder / "building.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{building}",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(BASE_DIR),
    }
    with open(folder / "log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _MIGRATE_THEN_RENAME, str(building), str(path)],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    _SQLITE_TEMPLATES[settings_module] = (process, path, folder)

    def remove():
        if shared is None:  # (the run's directory goes at its end, when no process needs it)
            if process.poll() is None:
                process.kill()
            shutil.rmtree(folder, ignore_errors=True)

    atexit.register(remove)


def migrated_sqlite(destination, settings_module="corporate.settings.test", seconds=600):
    """Copy to ``destination`` an SQLite database that ``manage.py migrate`` brought up to date
    for ``settings_module`` (migrated once per run); returns ``destination``."""
    start_migrated_sqlite(settings_module)
    process, path, folder = _SQLITE_TEMPLATES[settings_module]
    if process is not None:
        process.wait()
    deadline = time.monotonic() + seconds
    failed = Path(f"{path}.failed")
    while not path.exists():  # another process of the run is migrating it
        if failed.exists() or time.monotonic() > deadline:
            log = (folder / "log").read_text(errors="replace")
            raise RuntimeError("migrating the template SQLite database failed:\n" + log[-4000:])
        time.sleep(0.2)
    destination = Path(destination)
    shutil.copyfile(path, destination)
    return destination


# -- the demo as a visitor reads it ----------------------------------------------------------

_DEMO_RESPONSES = {}


class DemoPages:
    """Anonymous GETs of the session's demo site (the ``demo_responses`` fixture), each address
    rendered once per test process and handed to every test that asks again: for the tests
    that read every page of the demo as it was built. A test that changes the demo first must
    use a client of its own."""

    def get(self, url, follow=False):
        response = self._get(url, follow=False)
        if follow and 300 <= response.status_code < 400:
            return self._get(url, follow=True)
        return response

    def _get(self, url, follow):
        key = (url, follow)
        if key not in _DEMO_RESPONSES:
            _DEMO_RESPONSES[key] = Client().get(url, follow=follow)
        return _DEMO_RESPONSES[key]


# -- database states shared across a session ---------------------------------------------


def shared_state(name, build, base=None):
    """A session fixture named ``_state_<name>``: ``build()`` runs once per session on the
    empty (migrated) database, or on the state ``base`` (another shared state's name), and is
    committed; a snapshot of the result is restored whenever a test that asks for the fixture
    finds the database in another state (tests/conftest.py).

    The fixture's value has ``fetch()``: what ``build()`` returned, with every model instance
    read afresh from the database (so one test's in-memory changes never reach the next).
    Usage in a test module::

        _state_news = shared_state("news", build_news)

        @pytest.fixture
        def news(_state_news):
            return _state_news.fetch()
    """

    @pytest.fixture(scope="session", name=f"_state_{name}")
    def state(_db_states, django_db_blocker, request):
        if base is not None:
            request.getfixturevalue(f"_state_{base}")  # its snapshot, built once
        with django_db_blocker.unblock():
            return _db_states.build(name, build, base=base or "baseline")

    return state


# -- page types --------------------------------------------------------------------------------

PROJECT_PACKAGES = ("corporate.", "home.", "news.", "search.")


def project_page_models():
    """Every concrete page type of the project's own apps (not Wagtail's Page)."""
    return [
        model
        for model in get_page_models()
        if model is not Page and model.__module__.startswith(PROJECT_PACKAGES)
    ]


# -- UI strings ----------------------------------------------------------------------------------


def translated(message, language=None, **values):
    """``message`` as the UI catalogue gives it in ``language`` (default: the site's language,
    Chinese, which the admin also speaks to a user who chose none), %-formatted with ``values``."""
    with translation.override(language or settings.LANGUAGE_CODE):
        text = translation.gettext(message)
    return text % values if values else text
