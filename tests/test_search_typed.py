"""The search answers what people type (issue "Search that answers what people actually
type"): Traditional characters, questions and phrases, pieces apart, British spellings and the
field's abbreviations, in both languages; excerpts that start on a boundary and mark what was
found in the page's own script; the best-effort notice; never another language's page, a
draft or a private page."""

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Locale, PageViewRestriction

from search.analysis import Analyzer, fold_chinese, fold_word
from search.excerpts import Highlighter, excerpt
from search.fillers import filler_words, generic_words
from search.models import SearchSynonym
from search.query import find_pages, related_pieces, service_terms, site_search, synonym_groups
from tests import factories
from tests.helpers import has_han, migrated_sqlite, start_migrated_sqlite, translated

# Minutes in the suite: scheduled early, so that both processes end together (conftest).
pytestmark = pytest.mark.heavy(minutes=2)


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TYPED = yaml.safe_load((DATA / "search_queries_typed.yaml").read_text(encoding="utf-8"))["queries"]
FIRST = yaml.safe_load((DATA / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
RELATED_NOTICE = "No exact match; showing related results"
KINDS = {"traditional", "question", "words apart", "spelling", "abbreviation"}


def slug_of(page):
    return "home" if page.depth == 2 else page.slug


def titles(response):
    return [item["title"] for item in response.context["items"]]


def notice(language):
    return translated(RELATED_NOTICE, language)


# The judged set of typed queries (tests/data/search_queries_typed.yaml) ----------------------


def test_the_typed_query_set_is_large_and_covers_every_kind_in_both_languages():
    assert len(TYPED) >= 40
    by_locale = {(item["locale"], item["kind"]) for item in TYPED}
    assert {kind for _locale, kind in by_locale} == KINDS
    for kind in ("question", "words apart", "abbreviation"):
        assert {("zh-hans", kind), ("en", kind)} <= by_locale, kind
    assert ("zh-hans", "traditional") in by_locale and ("en", "spelling") in by_locale
    first = {(item["locale"], item["q"]) for item in FIRST}
    assert not first & {(item["locale"], item["q"]) for item in TYPED}


# Queries that the exact search alone cannot answer in this demo content (every piece of the
# query is somewhere in one page, so the exact search stops there): the benchmark counts them.
EXACT_STOPS_EARLY = {
    "公共场所卫生检测",
    "海水水质检测",
    "非道路机械尾气检测",
    "how to get hazardous waste identified",
}


@pytest.mark.django_db
@pytest.mark.parametrize("item", TYPED, ids=[f"{item['locale']}:{item['q']}" for item in TYPED])
def test_typed_query_finds_the_expected_pages_of_its_language_only(demo_site, item):
    locale = Locale.objects.get(language_code=item["locale"])
    pages = list(find_pages(item["q"], locale))
    assert pages, f"{item['q']!r} found nothing"
    assert {page.locale_id for page in pages} == {locale.pk}
    missing = set(item["relevant"]) - {slug_of(page) for page in pages}
    if item["q"] in EXACT_STOPS_EARLY:
        assert len(missing) < len(item["relevant"])
    else:
        assert not missing, f"{item['q']!r} did not find {sorted(missing)}"


@pytest.mark.django_db
def test_exact_matches_keep_their_order_and_no_notice(demo_site):
    """For every query of the first set the exact search finds something, and find_pages
    returns it as it was (site_search, whose order the stock-ranking test checks)."""
    for item in FIRST:
        locale = Locale.objects.get(language_code=item["locale"])
        found = find_pages(item["q"], locale)
        exact, _variants = site_search(item["q"], locale)
        assert [p.pk for p in found] == [p.pk for p in exact], item["q"]
        assert found.related is False, item["q"]


# 1. Traditional and Simplified are one language to search ----------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("危險廢物", "危险废物"), ("噪聲", "噪声"), ("電磁輻射", "电磁辐射"), ("鑑別", "鉴别")],
)
def test_traditional_finds_what_simplified_finds_in_the_same_order(
    demo_site, traditional, simplified
):
    zh = Locale.objects.get(language_code="zh-hans")
    expected = [p.pk for p in find_pages(simplified, zh)]
    assert expected
    assert [p.pk for p in find_pages(traditional, zh)] == expected


@pytest.mark.django_db
def test_results_page_marks_a_traditional_query_in_the_pages_simplified_text(client, demo_site):
    response = client.get("/search/", {"q": "危險廢物"})
    assert response.status_code == 200
    assert "危险废物鉴别" in titles(response)
    item = next(i for i in response.context["items"] if i["title"] == "危险废物鉴别")
    assert "<mark>危险废物</mark>鉴别" in str(item["title_html"])
    assert "<mark>危险废物</mark>" in str(item["excerpt"])
    assert notice("zh-hans") not in response.content.decode()


def test_folding_keeps_length_and_turns_variants_into_one_form():
    assert fold_chinese("危險廢物鑑別") == "危险废物鉴别"
    assert fold_chinese("臺灣") == fold_chinese("台湾") == "台湾"
    assert fold_chinese("裏面") == fold_chinese("裡面") == fold_chinese("里面") == "里面"
    text = "採樣平臺（示例）GB 36600，記憶體"
    assert len(fold_chinese(text)) == len(text)
    analyzer = Analyzer("bigram")
    assert analyzer.query_units("危險廢物") == analyzer.query_units("危险废物")
    assert analyzer.index_text("油氣回收") == analyzer.index_text("油气回收")


@pytest.mark.django_db
def test_a_page_written_in_traditional_is_found_and_marked_in_its_own_script(client, site_tree):
    factories.StandardPageFactory(
        parent=site_tree["about"],
        title="廢氣採樣平臺說明",
        slug="traditional-note",
        intro="排氣筒上應設置採樣平臺，倉庫裏的樣品按危險廢物管理。",
    )
    for query in ["采样平台", "採樣平臺", "仓库里", "倉庫裡"]:
        response = client.get("/search/", {"q": query})
        assert "廢氣採樣平臺說明" in titles(response), query
    response = client.get("/search/", {"q": "危险废物"})
    item = next(i for i in response.context["items"] if i["title"] == "廢氣採樣平臺說明")
    assert "<mark>危險廢物</mark>" in str(item["excerpt"])
    title = str(client.get("/search/", {"q": "采样平台"}).context["items"][0]["title_html"])
    assert title == "廢氣<mark>採樣平臺</mark>說明"


# 2. Best effort before "nothing found" -------------------------------------------------------


@pytest.mark.django_db
def test_words_that_stand_apart_on_a_page_find_it(client, demo_site):
    """加油站 … 油气回收 … 检测 stand apart on the vapor recovery page. A demo case study whose
    title names all three ("城区加油站油气回收系统年度检测") now matches exactly and comes first, so
    no notice is shown; the page itself still comes right after it."""
    found = titles(client.get("/search/", {"q": "加油站油气回收检测"}))
    assert "油气回收" in found[:3]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "language", "query", "first"),
    [
        ("", "zh-hans", "土壤检测多少钱", "土壤检测"),
        ("", "zh-hans", "室内甲醛检测", "公共场所与室内空气检测"),
        ("/en", "en", "how much does soil testing cost", "Soil testing"),
        ("/en", "en", "where can I test indoor air for formaldehyde", None),
    ],
)
def test_questions_find_related_pages_and_say_so(client, demo_site, prefix, language, query, first):
    response = client.get(f"{prefix}/search/", {"q": query})
    page = response.content.decode()
    assert response.status_code == 200
    found = titles(response)
    assert found
    if first is not None:
        assert found[0] == first
        assert escape(notice(language)) in page
        # The notice stands above the results.
        assert page.index(escape(notice(language))) < page.index('class="search-results"')
    if prefix:
        results_html = page[page.index('class="search-count') : page.index("</main>")]
        assert not has_han(results_html)


@pytest.mark.django_db
def test_pieces_that_stand_together_rank_first(client, site_tree):
    apart = factories.StandardPageFactory(
        parent=site_tree["about"],
        title="装修须知",
        slug="apart",
        intro="室内装修后，家具会释放甲醛。我们提供多项检测。",
    )
    together = factories.StandardPageFactory(
        parent=site_tree["about"], title="服务说明", slug="together", intro="提供室内甲醛检测。"
    )
    zh = Locale.objects.get(language_code="zh-hans")
    results = find_pages("室内甲醛检测", zh)
    assert [p.pk for p in results] == [together.pk]  # the phrase is on a page: exact
    assert results.related is False
    results = find_pages("室内甲醛检测要多少钱", zh)
    assert results.related is True
    assert [p.pk for p in results] == [together.pk, apart.pk]


@pytest.mark.django_db
def test_best_effort_needs_two_thirds_of_the_pieces_and_every_service_term(site_tree, zh):
    factories.ServicePageFactory(
        parent=site_tree["services"],
        title="油气回收",
        slug="vapor",
        summary="加油站油气回收系统的液阻和密闭性。",
    )
    factories.StandardPageFactory(
        parent=site_tree["about"], title="加油站安全", slug="station", intro="加油站密闭性管理。"
    )
    terms = service_terms(zh)
    assert {"油气回收", "土壤检测", "土壤"} <= terms
    pieces = {p.text: p for p in related_pieces("加油站油气回收检测", zh, [], terms)}
    assert pieces["油气回收"].required and pieces["检测"].generic
    assert not pieces["加油站"].required
    # 加油站 密闭性 without 油气回收 is two thirds of the pieces, but not the service term.
    found = [p.slug for p in find_pages("加油站油气回收密闭性", zh)]
    assert found == ["vapor"]
    # One piece in three is not enough.
    assert list(find_pages("油罐车液阻泄漏", zh)) == []


@pytest.mark.django_db
def test_question_words_and_filler_are_kept_per_language_in_the_code():
    assert {"怎么", "如何", "多少钱", "哪里", "吗"} <= filler_words("zh-hans")
    assert {"how", "much", "does", "what"} <= filler_words("en")
    assert filler_words("zh-hant") == filler_words("zh-hans")  # one list for Chinese
    assert "检测" in generic_words("zh-hans") and "testing" in generic_words("en")
    assert filler_words("fr") == frozenset()


@pytest.mark.django_db
def test_nothing_related_still_says_nothing_was_found(client, site_tree):
    response = client.get("/search/", {"q": "怎么买淤泥多少钱"})
    assert response.context["result_count"] == 0
    page = response.content.decode()
    assert escape(notice("zh-hans")) not in page
    with translation.override("zh-hans"):
        assert escape(gettext("Nothing was found")) in page


@pytest.mark.django_db
def test_best_effort_never_finds_drafts_or_private_pages(client, site_tree):
    zh = Locale.objects.get(language_code="zh-hans")
    live = factories.StandardPageFactory(
        parent=site_tree["about"], title="室内环境", slug="live", intro="室内装修后的甲醛。"
    )
    factories.StandardPageFactory(
        parent=site_tree["about"], title="室内甲醛草稿", slug="draft", intro="室内甲醛", live=False
    )
    private = factories.StandardPageFactory(
        parent=site_tree["about"], title="室内甲醛内部", slug="private", intro="室内甲醛"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    results = find_pages("室内甲醛检测多少钱", zh)
    assert results.related is True
    assert [p.pk for p in results] == [live.pk]
    assert titles(client.get("/search/", {"q": "室内甲醛检测多少钱"})) == ["室内环境"]
    assert titles(client.get("/en/search/", {"q": "室内甲醛检测多少钱"})) == []


# 3. English as people spell it ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("vapour", "vapor"),
        ("sulphur", "sulfur"),
        ("sulphate", "sulfate"),
        ("colour", "color"),
        ("odours", "odors"),
        ("metre", "meter"),
        ("centres", "centers"),
        ("analyse", "analyze"),
        ("analysed", "analyzed"),
        ("organisation", "organization"),
        ("ionising", "ionizing"),
        ("refuelling", "refueling"),
        ("labelled", "labeled"),
        ("catalogue", "catalog"),
        ("licence", "license"),
    ],
)
def test_british_spellings_fold_to_american_ones(british, american):
    assert fold_word(british) == american
    assert fold_word(american) == american


@pytest.mark.parametrize(
    "word", ["noise", "four", "hour", "promise", "exercise", "enterprise", "acre", "calling"]
)
def test_words_that_only_look_british_are_left_alone(word):
    assert fold_word(word) == word


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vapour recovery", "Vapor recovery system testing"),
        ("sulphur dioxide", "Ambient air and exhaust gas"),
        ("shopping center", "Public place and indoor air testing"),
        ("VOC", "Vapor recovery"),  # the area page; the service page is on page 2 now
        ("COD", "Water (including precipitation) and wastewater"),
        ("EIAs", "Environmental impact assessment testing"),
        ("PM2.5", "Ambient air and exhaust gas"),
    ],
)
def test_english_spellings_and_abbreviations_find_the_page(client, demo_site, query, expected):
    response = client.get("/en/search/", {"q": query})
    assert expected in titles(response)
    assert escape(notice("en")) not in response.content.decode()


@pytest.mark.django_db
def test_a_british_page_is_found_by_an_american_query_and_marked(client, site_tree):
    factories.StandardPageFactory(
        parent=site_tree["about"],
        title="Vapour recovery",
        slug="vapour",
        intro="We measure the odour and the sulphur content of vapours at petrol stations.",
    )
    response = client.get("/search/", {"q": "vapor recovery"})
    item = next(i for i in response.context["items"] if i["title"] == "Vapour recovery")
    assert str(item["title_html"]) == "<mark>Vapour</mark> <mark>recovery</mark>"
    excerpt_html = str(client.get("/search/", {"q": "odor sulfur"}).context["items"][0]["excerpt"])
    assert "<mark>odour</mark>" in excerpt_html and "<mark>sulphur</mark>" in excerpt_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "term", "means"),
    [
        ("zh-hans", "COD", "化学需氧量"),
        ("zh-hans", "BOD", "生化需氧量"),
        ("zh-hans", "TVOC", "总挥发性有机化合物"),
        ("zh-hans", "PM2.5", "细颗粒物"),
        ("zh-hans", "尾气", "排气"),
        ("en", "COD", "chemical oxygen demand"),
        ("en", "BOD", "biochemical oxygen demand"),
        ("en", "PM2.5", "fine particulate matter"),
        ("en", "gas station", "filling station"),
    ],
)
def test_abbreviations_are_seeded_as_synonyms_in_both_languages(zh, en, language, term, means):
    locale = zh if language == "zh-hans" else en
    synonym = SearchSynonym.objects.get(locale=locale, term=term)
    assert means in synonym.synonym_list()


@pytest.mark.django_db
def test_a_synonym_matches_its_plural_both_ways(site_tree, zh, en):
    groups = synonym_groups(en)
    from search.query import expand_synonyms

    assert "volatile organic compounds" in expand_synonyms("voc", groups)
    assert "volatile organic compounds" in expand_synonyms("vocs", groups)
    assert "environmental impact assessment" in expand_synonyms("eias", groups)
    assert "挥发性有机物" in expand_synonyms("voc", synonym_groups(zh))
    assert expand_synonyms("vocal", groups) == ["vocal"]  # whole words only


# 4. Excerpts start on a boundary and mark what was found -------------------------------------

WORD_START = re.compile(r"^(?:… )?(?P<first>\S+)")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["agricultural", "wastewater", "groundwater", "formaldehyde"])
def test_english_excerpts_start_and_end_on_a_word(client, demo_site, query):
    from search.excerpts import page_text

    response = client.get("/en/search/", {"q": query})
    assert response.context["items"]
    for item in response.context["items"]:
        text = html.unescape(re.sub(r"</?mark>", "", str(item["excerpt"])))
        body = text.removeprefix("… ").removesuffix(" …")
        source = page_text(item["page"], Highlighter([query]))
        at = source.index(body)
        assert at == 0 or not source[at - 1].isalnum(), (query, body[:30])
        end = at + len(body)
        assert end == len(source) or not (source[end - 1].isalnum() and source[end].isalnum())
        assert "<mark>" in str(item["excerpt"])


def test_chinese_excerpts_start_after_punctuation_or_on_a_character():
    text = (
        "依据 GB 5085 系列标准和 HJ 298-2019，为企业产生的固体废物提供危险废物鉴别采样与"
        "检测服务。对于未列入《国家危险废物名录》、或根据名录需要通过鉴别确定属性的固体废物，"
        "企业需要依据 GB 5085.1~GB 5085.7 系列标准开展鉴别。鉴别结果直接关系到废物的贮存、"
        "转移和处置方式，以及企业的环境管理成本。"
    )
    shown = str(excerpt(text, Highlighter(["處置"]), length=60))
    assert shown.startswith("… ") and "<mark>处置</mark>" in shown
    body = re.sub(r"</?mark>", "", shown).removeprefix("… ").removesuffix(" …")
    assert text[text.index(body) - 1] in "，。、 "  # after punctuation or a space
    assert body.startswith("5085.7")  # a code whole, not "7 系列"
    # Never inside a standard code or a number.
    shown = str(excerpt(text, Highlighter(["HJ 298"]), length=40))
    assert "<mark>298</mark>" in shown
    body = re.sub(r"</?mark>", "", shown).removeprefix("… ").removesuffix(" …")
    at = text.index(body)
    assert at == 0 or not text[at - 1].isalnum() or not body[0].isalnum()


def test_excerpt_keeps_the_pages_full_width_punctuation():
    text = "噪声监测需在无雨雪、无雷电且风速符合要求的天气条件下进行（示例）。"
    assert "、" in str(excerpt(text, Highlighter(["噪聲"])))
    assert "（示例）。" in str(excerpt(text, Highlighter(["噪聲"])))


# SQLite (`make run`) -------------------------------------------------------------------------

SQLITE_CHECK = r"""
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from wagtail.models import Locale, Page
try:
    from tests.helpers import make_site_tree
except ImportError:
    from tests.helpers import make_site_tree
from tests import factories
from search.query import find_pages

zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
if Page.get_first_root_node() is None:
    Page.add_root(instance=Page(title="Root", slug="root", locale=zh, live=True))
tree = make_site_tree()
factories.StandardPageFactory(parent=tree["about"], title="危险废物说明", slug="hw",
                              intro="危险废物鉴别依据 HJ 298-2019。室内装修后的甲醛和 vapour。")
out = {}
for q in ["危險廢物", "怎么做危险废物鉴别", "室内甲醛检测多少钱", "vapor"]:
    results = find_pages(q, zh)
    out[q] = [[p.title for p in results], results.related]
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def prepare_in_background():
    """Migrate the SQLite template while the other tests run (tests/conftest.py calls this)."""
    start_migrated_sqlite()


def test_sqlite_folds_and_searches_by_best_effort_too(tmp_path):
    database = migrated_sqlite(tmp_path / "typed.sqlite3")  # the script's migrate has no work
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "corporate.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-c", SQLITE_CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, proc.stdout[-2000:] + proc.stderr[-4000:]
    out = json.loads(lines[-1][len("RESULT ") :])
    assert out["危險廢物"] == [["危险废物说明"], False]
    assert out["怎么做危险废物鉴别"] == [["危险废物说明"], True]
    assert out["室内甲醛检测多少钱"] == [["危险废物说明"], True]
    assert out["vapor"] == [["危险废物说明"], False]
