"""The bilingual site as visitors see it: the language switcher, hreflang and canonical links,
<html lang>, no Chinese under /en/, 404 for untranslated pages, and complete UI catalogues."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from news.models import NewsCategory, NewsIndexPage
from tests.helpers import CHINESE_TEXT, translate

BASE_DIR = Path(__file__).resolve().parents[1]
LOCALE_DIR = BASE_DIR / "locale"
CATALOGUES = {
    "zh_Hans": LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po",
    "en": LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po",
    "zh_Hant": LOCALE_DIR / "zh_Hant" / "LC_MESSAGES" / "django.po",
}
HOST = "http://localhost"


def soup_of(response):
    assert response.status_code == 200, response
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher_links(soup):
    return soup.select(".language-switcher a.language-switcher__link")


def alternates(soup):
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def canonical(soup):
    link = soup.select_one('link[rel="canonical"]')
    return link["href"] if link else None


def chinese_in_english_page(soup):
    """CJK text in the title, header, navigation and main content (the footer may keep the
    company's registered Chinese name). The switcher's own 简 / 繁 labels are the one
    exception: a language is named in that language."""
    for link in soup.select(".language-switcher [lang^='zh-']"):
        link.decompose()
    found = []
    parts = [soup.title, *soup.select("header, nav, main")]
    parts += soup.select('meta[name="description"]')
    for part in parts:
        if part is None:
            continue
        text = part.get("content", "") if part.name == "meta" else part.get_text(" ")
        for element in [part, *part.find_all(True)] if part.name != "meta" else []:
            for attribute in ("alt", "title", "placeholder", "aria-label"):
                text += " " + str(element.get(attribute, ""))
        found += [match.group(0) for match in re.finditer(rf"\S*{CHINESE_TEXT.pattern}+\S*", text)]
    return found


# -- switcher, hreflang, canonical on a small translated tree ----------------------------------


@pytest.fixture
def bilingual(bilingual_tree):
    """``site_tree`` and its English (wagtail-localize PO round trip), the article left
    untranslated; built once per session (tests/conftest.py)."""
    return bilingual_tree


@pytest.mark.django_db
def test_switcher_leads_to_the_counterpart_in_both_directions(bilingual, client):
    chinese, english = bilingual
    for name, page in english.items():
        zh_url, en_url = chinese[name].url, page.url
        assert en_url.startswith("/en/")
        zh_soup = soup_of(client.get(zh_url))
        [link] = switcher_links(zh_soup)
        assert (link["href"], link["hreflang"], link.get_text(strip=True)) == (
            en_url,
            "en",
            "EN",
        )
        assert link["title"] == "English"
        assert "data-missing" not in link.attrs
        [link] = switcher_links(soup_of(client.get(en_url)))
        assert (link["href"], link["hreflang"], link["lang"]) == (zh_url, "zh-Hans", "zh-Hans")
        assert link.get_text(strip=True) == "简"
        assert link["title"] == "简体中文"


@pytest.mark.django_db
def test_same_readable_slugs_under_en(bilingual):
    chinese, english = bilingual
    for name, page in english.items():
        assert page.url == "/en" + chinese[name].url


@pytest.mark.django_db
def test_hreflang_canonical_and_html_lang(bilingual, client):
    chinese, english = bilingual
    service_zh, service_en = chinese["service"].url, english["service"].url
    expected = {
        "zh-Hans": HOST + service_zh,
        "en": HOST + service_en,
        "x-default": HOST + service_zh,
    }
    zh_soup = soup_of(client.get(service_zh))
    en_soup = soup_of(client.get(service_en))
    assert alternates(zh_soup) == expected
    assert alternates(en_soup) == expected
    assert canonical(zh_soup) == HOST + service_zh
    assert canonical(en_soup) == HOST + service_en
    assert zh_soup.html["lang"] == "zh-Hans"
    assert en_soup.html["lang"] == "en"


@pytest.mark.django_db
def test_untranslated_page_switches_to_english_home_and_says_so(bilingual, client):
    chinese, english = bilingual
    soup = soup_of(client.get(chinese["article"].url))
    [link] = switcher_links(soup)
    assert link["href"] == english["home"].url == "/en/"
    assert link["data-missing"] == "true"
    note = soup.select_one(".language-switcher__note").get_text(strip=True)
    assert note == "（本页尚无译文：转到首页）"
    # No alternates for a page that exists in one language only; still a canonical link.
    assert alternates(soup) == {}
    assert canonical(soup) == HOST + chinese["article"].url


@pytest.mark.django_db
def test_untranslated_english_page_is_404_never_the_chinese_page(bilingual, client):
    chinese, _english = bilingual
    response = client.get("/en" + chinese["article"].url)
    assert response.status_code == 404
    assert chinese["article"].title not in response.content.decode()


@pytest.mark.django_db
def test_english_alias_of_a_chinese_page_is_404(bilingual, client, en):
    chinese, _english = bilingual
    article = Page.objects.get(pk=chinese["article"].pk)
    alias = article.copy_for_translation(en, alias=True)
    # The publish guard keeps an alias of a Chinese page unpublished in the English tree;
    # were it live, it would still answer 404.
    assert not alias.live and alias.alias_of_id == article.pk
    Page.objects.filter(pk=alias.pk).update(live=True)
    response = client.get(alias.url)
    assert response.status_code == 404
    assert article.title not in response.content.decode()


@pytest.mark.django_db
def test_unpublished_english_draft_is_404(bilingual, client, en):
    chinese, _english = bilingual
    draft = translate(Page.objects.get(pk=chinese["article"].pk).specific, en, publish=False)
    assert not draft.live
    assert client.get(draft.url).status_code == 404
    [link] = switcher_links(soup_of(client.get(chinese["article"].url)))
    assert link["href"] == "/en/"


@pytest.mark.django_db
def test_ui_strings_follow_the_language(bilingual, client):
    chinese, english = bilingual
    zh_html = client.get(chinese["service"].url).content.decode()
    en_html = client.get(english["service"].url).content.decode()
    assert "跳到主要内容" in zh_html and "当前位置" in zh_html
    assert "Skip to main content" in en_html and "You are here" in en_html


@pytest.mark.django_db
def test_search_page_switches_to_the_same_search(bilingual, client):
    soup = soup_of(client.get("/search/?q=soil"))
    [link] = switcher_links(soup)
    assert link["href"] == "/en/search/?q=soil"


# -- the whole demo site -----------------------------------------------------------------------


def demo_pages(locale):
    return list(Page.objects.filter(locale=locale, depth__gte=2).live().public().specific())


@pytest.mark.django_db
def test_demo_switcher_and_hreflang_on_every_page(demo_responses, zh, en):
    hant = Locale.objects.get(language_code="zh-hant")
    pages = demo_pages(zh)
    assert len(pages) > 20
    problems = []
    for page in pages:
        counterpart = page.get_translation(en)
        traditional = page.get_translation(hant)
        copies = {zh.id: page, en.id: counterpart, hant.id: traditional}
        for here in (page, counterpart, traditional):
            soup = soup_of(demo_responses.get(here.url))
            links = {link["hreflang"]: link["href"] for link in switcher_links(soup)}
            others = {
                {zh.id: "zh-Hans", en.id: "en", hant.id: "zh-Hant"}[locale_id]: copy.url
                for locale_id, copy in copies.items()
                if locale_id != here.locale_id
            }
            if links != others:
                problems.append((here.url, "switcher", links))
            expected = {
                "zh-Hans": HOST + page.url,
                "zh-Hant": HOST + traditional.url,
                "en": HOST + counterpart.url,
                "x-default": HOST + page.url,
            }
            if alternates(soup) != expected:
                problems.append((here.url, "hreflang", alternates(soup)))
            if canonical(soup) != HOST + here.url:
                problems.append((here.url, "canonical", canonical(soup)))
            lang = {zh.id: "zh-Hans", en.id: "en", hant.id: "zh-Hant"}[here.locale_id]
            if soup.html["lang"] != lang:
                problems.append((here.url, "lang", soup.html["lang"]))
    assert problems == []


def english_addresses(en):
    """Every English page, plus the news lists by category and year, plus a search."""
    urls = [page.url for page in demo_pages(en)]
    for index in NewsIndexPage.objects.filter(locale=en).live():
        urls += [index.url + f"category/{c.slug}/" for c in NewsCategory.objects.filter(locale=en)]
        urls += [index.url + f"year/{year}/" for year in index.specific.years()]
    urls.append("/en/search/?q=soil")
    return urls


@pytest.mark.django_db
def test_no_chinese_in_the_main_content_of_any_english_page(demo_responses, en):
    leaks = {}
    urls = english_addresses(en)
    assert len(urls) > 25
    for url in urls:
        response = demo_responses.get(url)
        assert response.status_code == 200, url
        found = chinese_in_english_page(soup_of(response))
        if found:
            leaks[url] = found[:5]
    assert leaks == {}


@pytest.mark.django_db
def test_news_category_switches_to_the_same_category(demo_site, client, zh, en):
    index = NewsIndexPage.objects.get(locale=zh)
    category = NewsCategory.objects.filter(locale=zh).first()
    url = f"{index.url}category/{category.slug}/"
    soup = soup_of(client.get(url))
    links = {link["hreflang"]: link for link in switcher_links(soup)}
    assert set(links) == {"zh-Hant", "en"}
    for language, link in links.items():
        translated_index = index.get_translation(Locale.objects.get(language_code=language.lower()))
        assert link["href"] == f"{translated_index.url}category/{category.slug}/"
        assert alternates(soup)[language] == HOST + link["href"]
        assert client.get(link["href"]).status_code == 200
    assert canonical(soup) == HOST + url


# -- UI catalogues -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_ui_string_is_translated(language):
    po = polib.pofile(str(CATALOGUES[language]))
    assert len(po) > 100
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert fuzzy == []
    assert untranslated == []
    assert po.percent_translated() == 100


def test_chinese_catalogue_is_chinese_and_follows_the_glossary():
    po = polib.pofile(str(CATALOGUES["zh_Hans"]))
    not_chinese = [
        entry.msgid
        for entry in po.translated_entries()
        if not all(
            CHINESE_TEXT.search(text)
            for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr])
        )
    ]
    assert not_chinese == []
    strings = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po}
    assert strings[(None, "You are here:")].startswith("当前位置")
    assert strings[(None, "Home")] == "首页"
    assert strings[(None, "All rights reserved")] == "版权所有"
    assert strings[("numbered point", "First, ")] == "一是"
    assert strings[("numbered point", "Second, ")] == "二是"


def _compiled(path):
    mo = polib.mofile(str(path))
    return {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}


@pytest.mark.parametrize("language", CATALOGUES)
def test_compiled_catalogue_matches_its_po_file(language, tmp_path):
    """Fails when someone edits a .po file and forgets ``make messages`` (compilemessages)."""
    po_path = CATALOGUES[language]
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    fresh = tmp_path / "django.mo"
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po_path)], check=True)
    else:
        polib.pofile(str(po_path)).save_as_mofile(str(fresh))
    assert _compiled(mo_path) == _compiled(fresh)
