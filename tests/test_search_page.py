"""The results page at /search/ and the suggestions endpoint, on a small factory-built site."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

from search.models import SearchQueryLog, SearchSynonym
from search.query import MAX_QUERY_LENGTH, site_search
from tests import factories

pytestmark = pytest.mark.django_db


def titles(response):
    return [item["title"] for item in response.context["items"]]


def search(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def test_sub_words_several_words_and_codes_find_the_pages(client, site_tree):
    assert titles(search(client, "壤")) and "土壤检测" in titles(search(client, "壤"))
    assert "土壤和水系沉积物" in titles(search(client, "沉积物"))
    assert titles(search(client, "山东 执法")) == ["山东完善制度提高生态环境执法效能"]
    assert "土壤检测" in titles(search(client, "GB 36600"))
    assert "土壤检测" in titles(search(client, "GB36600"))
    assert "土壤和水系沉积物" in titles(search(client, "GB 36600-2018"))


def test_standard_code_hj_168_matches_however_it_is_typed(client, site_tree):
    factories.ServicePageFactory(
        parent=site_tree["services"],
        title="方法验证",
        slug="method-validation",
        body=factories.paragraph("按照 HJ 168-2020 开展方法验证。"),
    )
    for q in ["HJ 168", "hj168", "HJ 168-2020", "ＨＪ　１６８"]:
        assert "方法验证" in titles(search(client, q)), q


def test_one_character_finds_pages(client, site_tree):
    assert "土壤和水系沉积物" in titles(search(client, "水"))


def test_result_shows_section_date_and_highlighted_excerpt(client, site_tree):
    article = site_tree["article"]
    article.date = datetime.date(2024, 3, 5)
    article.summary = "山东省生态环境厅印发方案，提高执法效能。"
    article.save_revision().publish()
    response = search(client, "执法")
    html = response.content.decode()
    item = next(i for i in response.context["items"] if i["page"].pk == article.pk)
    assert item["section"].title == "新闻动态"
    assert item["date"] == datetime.date(2024, 3, 5)
    assert "<mark>执法</mark>" in str(item["excerpt"])
    assert 'datetime="2024-03-05"' in html
    assert "search-result__section" in html and "新闻动态" in html
    service = search(client, "土壤检测").context["items"][0]
    assert service["section"].title == "服务范围"
    assert service["date"] is None


def test_result_count_and_pagination(client, site_tree):
    for n in range(12):
        factories.StandardPageFactory(
            parent=site_tree["about"], title=f"沉积物说明 {n}", slug=f"sediment-note-{n}"
        )
    first = search(client, "沉积物")
    assert first.context["result_count"] == 13
    assert len(first.context["items"]) == 10
    assert 'href="?q=%E6%B2%89%E7%A7%AF%E7%89%A9&amp;page=2"' in first.content.decode()
    second = search(client, "沉积物", page=2)
    assert second.status_code == 200
    assert len(second.context["items"]) == 3
    assert not set(titles(first)) & set(titles(second))


def test_drafts_private_and_unpublished_pages_are_never_found(client, site_tree):
    factories.StandardPageFactory(
        parent=site_tree["about"], title="沉积物草稿", slug="draft-page", live=False
    )
    private = factories.StandardPageFactory(
        parent=site_tree["about"], title="沉积物内部资料", slug="private-page"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    unpublished = factories.StandardPageFactory(
        parent=site_tree["about"], title="沉积物旧闻", slug="old-page"
    )
    unpublished.unpublish()
    found = titles(search(client, "沉积物"))
    assert "土壤和水系沉积物" in found
    for hidden in ["沉积物草稿", "沉积物内部资料", "沉积物旧闻"]:
        assert hidden not in found
    suggestions = client.get("/search/suggest/", {"q": "沉积物"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["土壤和水系沉积物"]


def test_search_is_scoped_to_the_active_language(client, site_tree, en):
    # An English page in its own tree: never listed on the Chinese site, and vice versa.
    root = site_tree["home"].get_parent()
    english_home = factories.HomePageFactory(
        parent=root,
        slug="home-en",
        locale=en,
        title="Home",
        hero_headline="Environmental testing",
        hero_intro="Water, air and soil testing.",
    )
    factories.StandardPageFactory(
        parent=english_home,
        title="Soil sediments",
        slug="soil-en",
        locale=en,
        intro="About us",
        body=factories.paragraph("We are an independent testing laboratory."),
    )
    chinese = site_search("沉积物", Locale.objects.get(language_code="zh-hans"))[0]
    english = site_search("sediments", en)[0]
    assert {p.locale_id for p in chinese} == {site_tree["home"].locale_id}
    assert [p.title for p in english] == ["Soil sediments"]
    assert "Soil sediments" not in titles(search(client, "sediments"))


EMPTY = ("Please type one or more words to search for.", {})
NOT_A_NUMBER = ("“%(page)s” is not a page number; here is the first page of results.", None)
NO_SUCH_PAGE = (
    (
        "There is no page %(page)d: the results fit on %(pages)d page. Here is the first.",
        "There is no page %(page)d: the results fit on %(pages)d pages. Here is the first.",
    ),
    None,
)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"q": ""}, 400, EMPTY),
        ({"q": "   \t "}, 400, EMPTY),
        ({"q": "\x00\x01\x1f"}, 400, EMPTY),
        (
            {"q": "土壤\x00\x07检测"},
            200,
            ("Invisible control characters were removed from your search.", {}),
        ),
        (
            {"q": "土" * 1500},
            200,
            (
                "Your search was longer than %(max)d characters; the first %(max)d were used.",
                {"max": MAX_QUERY_LENGTH},
            ),
        ),
        ({"q": "土壤", "page": "abc"}, 400, (NOT_A_NUMBER[0], {"page": "abc"})),
        ({"q": "土壤", "page": "-1"}, 400, (NOT_A_NUMBER[0], {"page": "-1"})),
        ({"q": "土壤", "page": "0"}, 400, (NOT_A_NUMBER[0], {"page": "0"})),
        ({"q": "土壤", "page": "999999"}, 404, (NO_SUCH_PAGE[0], {"page": 999999, "pages": 1})),
        (
            {"q": "土壤", "page": "9" * 40},
            404,
            (NO_SUCH_PAGE[0], {"page": int("9" * 40), "pages": 1}),
        ),
    ],
)
def test_bad_input_gets_a_clear_answer(client, site_tree, params, status, message):
    """A visible notice in the visitor's language, a 4xx where the input was unusable."""
    msgid, values = message
    with translation.override("zh-hans"):
        if isinstance(msgid, tuple):  # a plural message: one page of results here
            expected = ngettext(*msgid, 1) % values
        else:
            expected = gettext(msgid) % values if values else gettext(msgid)
    response = client.get("/search/", params)
    assert response.status_code == status
    assert expected in response.context["notices"]
    assert escape(expected) in response.content.decode()


def test_query_is_truncated_to_the_maximum_length(client, site_tree):
    response = search(client, "土" * 1500)
    assert len(response.context["search_query"]) == MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        '土壤" OR "1"="1',
        "土壤 & | ! ( ) : * <-> '",
        "NEAR(土壤 检测) AND NOT title:*",
        "%_\\",
    ],
)
def test_sql_and_query_syntax_are_plain_text(client, site_tree, q):
    before = search(client, "土壤").context["result_count"]
    response = search(client, q)
    assert response.status_code == 200
    assert response.context["search_query"] == q.strip()
    assert search(client, "土壤").context["result_count"] == before > 0  # nothing was dropped


def test_html_and_script_are_shown_escaped(client, site_tree):
    response = search(client, "<script>alert('x')</script><b>土壤</b>")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>土壤</b>" not in html


def test_excerpt_escapes_page_text(client, site_tree):
    factories.StandardPageFactory(
        parent=site_tree["about"],
        title="说明",
        slug="escaped",
        intro="沉积物 <img src=x onerror=alert(1)> 说明",
    )
    html = search(client, "沉积物").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_nothing_found_offers_help_and_main_sections(client, site_tree):
    response = search(client, "不存在的词语")
    html = response.content.decode()
    assert response.context["result_count"] == 0
    with translation.override("zh-hans"):
        assert escape(gettext("Nothing was found")) in html
    for section in ["关于我们", "新闻动态", "服务范围"]:
        assert section in html
    assert 'href="/services/"' in html


def test_editor_synonyms_are_used_per_language(client, site_tree, zh, en):
    # Seeded: 危废 → 危险废物; a new one added by an editor.
    factories.ServicePageFactory(
        parent=site_tree["services"], title="危险废物鉴别", slug="hw", summary="危险废物属性鉴别。"
    )
    assert "危险废物鉴别" in titles(search(client, "危废"))
    assert SearchSynonym.objects.filter(locale=zh, term="环评").exists()
    assert SearchSynonym.objects.filter(locale=en, term="VOCs").exists()
    assert titles(search(client, "淤泥")) == []
    SearchSynonym.objects.create(locale=zh, term="淤泥", synonyms="沉积物")
    assert "土壤和水系沉积物" in titles(search(client, "淤泥"))
    # An English synonym does not change the Chinese site.
    SearchSynonym.objects.create(locale=en, term="silt", synonyms="沉积物")
    assert titles(search(client, "silt")) == []


def test_synonym_form_rejects_empty_and_self_synonyms(zh):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as empty:
        SearchSynonym(locale=zh, term="危废", synonyms=" , \n").full_clean()
    assert "synonyms" in empty.value.message_dict
    with pytest.raises(ValidationError):
        SearchSynonym(locale=zh, term="危废", synonyms="危废").full_clean()


def test_promoted_results_are_shown_first_and_only_in_their_language(client, site_tree):
    query = Query.get("检测")
    SearchPromotion.objects.create(
        query=query, page=site_tree["contact"], description="联系我们获取报价", sort_order=0
    )
    response = search(client, "检测")
    html = response.content.decode()
    assert [p["title"] for p in response.context["promotions"]] == ["联系我们"]
    assert html.index("联系我们获取报价") < html.index('search-results" start')
    # The promoted page is not listed twice.
    assert "联系我们" not in titles(response)


def test_searches_are_logged_once_per_query_and_day(client, site_tree):
    search(client, "土壤")
    search(client, "  土壤 ")
    search(client, "土壤", page=2)  # paging through results is not a new search
    search(client, "不存在的词语")
    logs = {log.query_string: log for log in SearchQueryLog.objects.all()}
    assert logs["土壤"].hits == 2
    assert logs["土壤"].result_count == search(client, "土壤").context["result_count"] > 0
    assert logs["不存在的词语"].result_count == 0


def test_suggestions_are_json_and_scoped_to_the_language(client, site_tree):
    data = client.get("/search/suggest/", {"q": "土壤"}).json()
    assert {s["title"] for s in data["suggestions"]} == {"土壤检测", "土壤和水系沉积物"}
    service = next(s for s in data["suggestions"] if s["title"] == "土壤检测")
    assert service["url"] == "/services/soil-testing/"
    assert service["section"] == "服务范围"
    assert data["message"]
    assert client.get("/search/suggest/", {"q": ""}).json()["suggestions"] == []
    assert client.get("/search/suggest/", {"q": "x" * 5000}).status_code == 200
    english = client.get("/en/search/suggest/", {"q": "土壤"}).json()
    assert english["suggestions"] == []


def test_header_search_box_is_on_every_page(client, site_tree):
    html = client.get("/services/soil-testing/").content.decode()
    assert re.search(r'<form[^>]+data-suggest-url="/search/suggest/"', html)
    assert 'id="header-search-input"' in html
    assert "search/suggest.js" in html


def test_future_dated_and_expired_articles_are_not_found(client, site_tree):
    """Search follows the news lists' rule (NewsArticlePage.objects.listable)."""
    from django.utils import timezone

    news = site_tree["news"]
    factories.NewsArticlePageFactory(
        parent=news,
        title="未来的公告",
        slug="future",
        date=timezone.localdate() + datetime.timedelta(days=3),
    )
    factories.NewsArticlePageFactory(
        parent=news,
        title="过期的公告",
        slug="expired",
        expire_at=timezone.now() - datetime.timedelta(hours=1),
    )
    factories.NewsArticlePageFactory(parent=news, title="今天的公告", slug="today")
    found = titles(search(client, "公告"))
    assert found == ["今天的公告"]
