"""The Traditional Chinese site (/zh-hant/), generated from the Simplified one by OpenCC through
wagtail-localize (corporate/translations/traditional.py): every page in Traditional characters
with nothing Simplified left, kept in step on publish, unpublish, delete and snippet save;
switcher 简 / 繁 / EN, hreflang zh-Hant; search in either script; a generated UI catalogue.
The worker-process test is in tests/test_tasks.py."""

import threading
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import GroupPagePermission, Locale, Page, ReferenceIndex
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from corporate.core.models import CompanyProfile, ServiceAccreditationArea
from corporate.operations import references
from corporate.translations import traditional
from corporate.translations.management.commands.make_traditional_catalogue import (
    traditional_catalogue,
)
from corporate.translations.roles import EDITORS, TRANSLATORS
from tests import factories
from tests.helpers import edit_and_publish, publish, soup

pytestmark = pytest.mark.django_db
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


def main_text(page_soup):
    """The text of the page's main content (the chrome is checked by the catalogue tests)."""
    main = page_soup.select_one("main")
    return " ".join(main.get_text(" ").split())


def hant():
    return Locale.objects.get(language_code="zh-hant")


# -- the converter and the translator class ----------------------------------------------------


def test_phrasing_follows_the_setting(settings):
    settings.TRADITIONAL_CHINESE_PHRASING = "tw"
    assert traditional.convert("软件检测，信息公开") == "軟體檢測，資訊公開"
    settings.TRADITIONAL_CHINESE_PHRASING = "hk"
    assert traditional.convert("软件检测，信息公开") == "軟件檢測，信息公開"
    assert traditional.convert('<a href="/x/">危险废物</a> COD 5 mg/L') == (
        '<a href="/x/">危險廢物</a> COD 5 mg/L'
    )


def test_the_translator_is_a_wagtail_localize_machine_translator(zh, en):
    translator = traditional.OpenCCTranslator({})
    target = traditional.traditional_locale()
    assert translator.can_translate(zh, target)
    assert not translator.can_translate(zh, en)
    result = translator.translate(zh, target, [StringValue("噪声检测")])
    assert result == {StringValue("噪声检测"): StringValue("噪聲檢測")}


# -- the demo's Traditional site ---------------------------------------------------------------


def test_every_demo_page_has_a_traditional_copy_with_no_simplified_text(demo_responses, zh):
    pages = Page.objects.filter(locale=zh, depth__gte=2, live=True).specific()
    assert pages.count() > 20
    problems = []
    for page in pages:
        copy = page.get_translation_or_none(hant())
        if copy is None or not copy.live:
            problems.append((page.url, "no live copy"))
            continue
        assert copy.url.startswith("/zh-hant/")
        response = demo_responses.get(copy.url)
        if response.status_code != 200:
            problems.append((copy.url, response.status_code))
            continue
        page_soup = soup(response)
        if page_soup.html["lang"] != "zh-Hant":
            problems.append((copy.url, "lang", page_soup.html["lang"]))
        # The copy reads as OpenCC reads the Chinese page: nothing Simplified is left (a
        # per-character check cannot tell, as 干 or 资料 are Traditional too).
        expected = traditional.convert(main_text(soup(demo_responses.get(page.url))))
        found = main_text(page_soup)
        # Word for word; lists sorted by name (an article's tags) may come in another order.
        if sorted(found.split()) != sorted(expected.split()):
            extra = sorted(set(found.split()) - set(expected.split()))
            problems.append((copy.url, "text", extra[:5] or found[-80:]))
        if copy.title != traditional.convert(page.title):
            problems.append((copy.url, "title", copy.title))
    assert problems == []


def test_the_menus_keep_the_chinese_order(demo_site, zh):
    home = Page.objects.get(locale=zh, depth=2)
    copy = home.get_translation(hant())
    source_order = [p.translation_key for p in home.get_children().order_by("path")]
    copy_order = [p.translation_key for p in copy.get_children().order_by("path")]
    assert copy_order == source_order


def test_switcher_and_hreflang_offer_the_three_languages(demo_site, client):
    page_soup = soup(client.get("/about/"))
    switcher = page_soup.select_one(".language-switcher")
    assert switcher.select_one("[aria-current]").get_text(strip=True) == "简"
    links = {a.get_text(strip=True): a["href"] for a in switcher.select("a")}
    assert links == {"繁": "/zh-hant/about/", "EN": "/en/about/"}
    alternates = {
        link["hreflang"]: link["href"]
        for link in page_soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "zh-Hans": "http://localhost/about/",
        "zh-Hant": "http://localhost/zh-hant/about/",
        "en": "http://localhost/en/about/",
        "x-default": "http://localhost/about/",
    }
    hant_soup = soup(client.get("/zh-hant/about/"))
    assert hant_soup.select_one(".language-switcher [aria-current]").get_text(strip=True) == "繁"


def test_ui_strings_are_traditional(demo_site, client):
    page_soup = soup(client.get("/zh-hant/"))
    text = page_soup.get_text(" ")
    assert "選單" in text  # "Menu" from locale/zh_Hant (the Simplified catalogue says 菜单)
    assert "菜单" not in text


@pytest.mark.parametrize("query", ["危险废物", "危險廢物"])
def test_search_on_the_traditional_site_finds_either_script(demo_site, client, query):
    page_soup = soup(client.get("/zh-hant/search/", {"q": query}))
    links = [a["href"] for a in page_soup.select(".search-result__title a[href]")]
    assert links, "nothing found"
    assert all(href.startswith("/zh-hant/") for href in links if href.startswith("/"))
    marks = {mark.get_text() for mark in page_soup.select("mark")}
    assert "危險廢物" in marks  # highlighted in the page's own (Traditional) script
    assert "危险废物" not in marks


# -- following changes (the immediate backend runs the task at commit) --------------------------


def test_publish_unpublish_and_delete_follow(site_tree, django_capture_on_commit_callbacks):
    about = site_tree["about"]
    with django_capture_on_commit_callbacks(execute=True):
        edit_and_publish(about, title="关于国评检测")
    copy = about.get_translation(hant()).specific
    assert (copy.title, copy.live) == ("關於國評檢測", True)
    assert copy.get_parent().specific.locale == hant()
    assert StringTranslation.objects.filter(locale=hant(), tool_name="OpenCC").exists()

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=about.pk).specific.unpublish()
    copy.refresh_from_db()
    assert not copy.live

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=about.pk).delete()
    assert not Page.objects.filter(pk=copy.pk).exists()


def test_a_new_page_takes_its_place_among_the_copies(site_tree, django_capture_on_commit_callbacks):
    home = site_tree["home"]
    with django_capture_on_commit_callbacks(execute=True):
        traditional.regenerate_all()
    first = home.get_children().order_by("path").first()
    new = home.add_child(instance=type(first.specific)(title="新页面", slug="new-page"))
    # Move it to the front in Chinese, then publish: its copy goes to the front too.
    new.move(first, pos="left")
    with django_capture_on_commit_callbacks(execute=True):
        publish(Page.objects.get(pk=new.pk).specific)
    copy_home = home.get_translation(hant())
    assert copy_home.get_children().order_by("path").first().title == "新頁面"


def test_snippets_follow(site_tree, django_capture_on_commit_callbacks):
    profile = CompanyProfile.objects.get(locale=Locale.get_default())
    with django_capture_on_commit_callbacks(execute=True):
        profile.name = "山东国评检测服务有限公司"
        profile.save()
    assert profile.get_translation(hant()).name == "山東國評檢測服務有限公司"


def test_nobody_edits_the_traditional_tree(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        traditional.regenerate_all()
    copy_home = site_tree["home"].get_translation(hant())
    granted = GroupPagePermission.objects.filter(page=copy_home)
    assert not granted.filter(group__name__in=[EDITORS, TRANSLATORS]).exists()


def test_regenerating_is_idempotent(site_tree):
    traditional.regenerate_all()
    count = Page.objects.filter(locale=hant()).count()
    assert count == Page.objects.filter(locale=Locale.get_default(), depth__gte=2).count()
    written, _seconds = traditional.regenerate_all()
    assert Page.objects.filter(locale=hant()).count() == count
    assert written >= count


# -- the UI catalogue ---------------------------------------------------------------------------


def test_the_zh_hant_catalogue_is_generated_from_zh_hans():
    """Fails when someone edits locale/zh_Hans/ and forgets ``make messages``."""
    for domain in ("django", "djangojs"):
        source = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"))
        committed = polib.pofile(str(LOCALE_DIR / "zh_Hant" / "LC_MESSAGES" / f"{domain}.po"))
        fresh = traditional_catalogue(source)
        assert {(e.msgctxt, e.msgid): e.msgstr for e in committed} == {
            (e.msgctxt, e.msgid): e.msgstr for e in fresh
        }


# -- Wagtail's reference index ("Usage") of the copies ---------------------------------------


def _references(instance):
    return sorted(
        ReferenceIndex.get_references_for_object(instance).values_list(
            "to_content_type", "to_object_id", "model_path"
        )
    )


def _linked_service(tree, slug="linked"):
    """A published service page that names the tree's accreditation area (a reference)."""
    service = factories.ServicePageFactory(parent=tree["services"], slug=slug)
    ServiceAccreditationArea.objects.create(page=service, area=tree["area"])
    publish(Page.objects.get(pk=service.pk).specific)
    return Page.objects.get(pk=service.pk).specific


def test_the_copies_references_are_indexed_once_each_and_exactly(site_tree):
    """Held back during the round trips (each copy is saved two or three times), one index
    update per copy afterwards gives what indexing the copy afresh gives."""
    service = _linked_service(site_tree)
    assert _references(service)
    traditional.regenerate_all()
    copies = list(Page.objects.filter(locale=hant()).specific())
    assert service.get_translation(hant()).pk in {copy.pk for copy in copies}
    for copy in copies:
        indexed = _references(copy)
        ReferenceIndex.create_or_update_for_object(copy)
        assert indexed == _references(copy), copy
    assert _references(service.get_translation(hant()).specific)


@pytest.mark.django_db(transaction=True)
def test_saves_in_other_threads_are_indexed_as_usual(site_tree):
    inside, elsewhere = _linked_service(site_tree, "inside"), _linked_service(site_tree, "away")
    ReferenceIndex.objects.filter(object_id__in=[str(inside.pk), str(elsewhere.pk)]).delete()
    seen_elsewhere = []

    def save_elsewhere():
        Page.objects.get(pk=elsewhere.pk).specific.save()
        seen_elsewhere.append(bool(_references(elsewhere)))
        connection.close()

    with references.indexed_once():
        Page.objects.get(pk=inside.pk).specific.save()
        assert not _references(inside)  # held back until the block ends
        thread = threading.Thread(target=save_elsewhere)
        thread.start()
        thread.join()
    assert seen_elsewhere == [True]
    assert _references(inside)


def test_a_delete_inside_the_block_leaves_no_references(site_tree):
    service = _linked_service(site_tree)
    with references.indexed_once():
        Page.objects.get(pk=service.pk).delete()
    assert not ReferenceIndex.objects.filter(object_id=str(service.pk)).exists()
