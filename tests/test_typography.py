"""Chinese typography: full-width punctuation between Chinese characters in the demo content
(corporate/demo/content/zh/), in the zh_Hans UI catalogue and on every rendered Chinese page of
the demo; the seed article word for word with correct punctuation; no summary repeated as the
first paragraph; English ordinal points in running case ("First, implement …")."""

import re
from pathlib import Path

import polib
import pytest
import yaml
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Locale, Page

from corporate.core.cjk_punctuation import fix_punctuation, half_width_in_chinese
from corporate.demo.content import CONTENT_DIR
from news.models import NewsArticlePage

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# The seed's lines (tests/data/seed.yaml, extracted from the company's current site).
SEED_DATA = ROOT / "tests" / "data" / "seed.yaml"
ARTICLE_TITLE = "山东完善制度提高生态环境执法效能"
ORDINALS = "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth"


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("时,我们", "时，我们"),
        ("需要检测服务?请告诉我们", "需要检测服务？请告诉我们"),
        ("资质认定(CMA)的机构", "资质认定（CMA）的机构"),
        ("<p>(示例内容)山东</p>", "<p>（示例内容）山东</p>"),
        ("执法首先要“依法”,那么", "执法首先要“依法”，那么"),
        ("《方案》,坚持", "《方案》，坚持"),
        ("系统(LIMS),实现", "系统（LIMS），实现"),
        ("<li>姓名;</li>", "<li>姓名；</li>"),
        ("需求:</p>", "需求：</p>"),
        ('<a href="https://a.cn/x,y">链接</a>,好', '<a href="https://a.cn/x,y">链接</a>，好'),
        ("时, 我们", "时，我们"),
    ],
)
def test_half_width_marks_of_chinese_text_are_made_full_width(text, fixed):
    assert half_width_in_chinese(text)
    assert fix_punctuation(text) == fixed
    assert half_width_in_chinese(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "周一至周五 8:30–17:30",
        "共 3.5 万元",
        "GB 36600-2018, HJ 168-2020",
        "Shandong Guoping Testing Service Co., Ltd. (sample address)",
        "只能使用拉丁字母、数字、空格和 . / - ( )，例如 HJ 168-2020。",
        "鲁ICP备1*********97号-1",
        "service@guoping-testing.example",
    ],
)
def test_numbers_codes_and_english_are_left_alone(text):
    assert half_width_in_chinese(text) == []
    assert fix_punctuation(text) == text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_chinese_demo_content_uses_full_width_punctuation():
    found = []
    for path in sorted((CONTENT_DIR / "zh").glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += [(path.name, context) for _mark, context in half_width_in_chinese(text)]
    assert found == []


def test_english_po_files_are_keyed_by_the_corrected_chinese():
    found = []
    for path in sorted((CONTENT_DIR / "en").glob("*.po")):
        for entry in polib.pofile(str(path)):
            found += [(path.name, c) for _m, c in half_width_in_chinese(entry.msgid)]
    assert found == []


def test_ui_catalogue_uses_full_width_punctuation():
    if not CATALOGUE.exists():
        pytest.skip("no zh_Hans catalogue")
    found = []
    for entry in polib.pofile(str(CATALOGUE)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found += [(entry.msgid, context) for _mark, context in half_width_in_chinese(text)]
    assert found == []


def visible_strings(html):
    """Text, and the attributes and meta tags people and share cards read."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "svg"]):
        element.decompose()
    yield soup.get_text(" ")
    for tag in soup.find_all(True):
        for attribute in ("title", "alt", "placeholder", "aria-label", "content", "value"):
            if tag.get(attribute):
                yield tag[attribute]


def test_every_chinese_page_of_the_demo_uses_full_width_punctuation(demo_responses):
    zh = Locale.objects.get(language_code="zh-hans")
    urls = [page.url for page in Page.objects.filter(locale=zh, depth__gte=2).live()]
    urls += ["/news/?page=2", "/search/?q=土壤", "/no-such-page/"]
    found = {}
    for url in urls:
        response = demo_responses.get(url, follow=True)
        assert response.status_code in (200, 404), url
        for text in visible_strings(response.content.decode()):
            for _mark, context in half_width_in_chinese(text):
                found.setdefault(context.strip(), url)
    assert found == {}


def test_seed_article_keeps_every_heading_and_point_with_correct_punctuation(demo_site):
    seed = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))["article"]
    article = NewsArticlePage.objects.get(title=seed["title"], locale__language_code="zh-hans")
    html = Client().get(article.url).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    text = re.sub(r"\s+", "", BeautifulSoup(main, "html.parser").get_text())
    missing = [
        line for line in seed["lines"] if re.sub(r"\s+", "", fix_punctuation(line)) not in text
    ]
    assert missing == []
    headings = [b.value["heading"] for b in article.body if b.block_type == "heading"]
    assert len(headings) == 4 and all("，突出“" in heading for heading in headings)


def test_no_article_repeats_its_summary_as_the_first_paragraph(demo_site):
    repeated = []
    for article in NewsArticlePage.objects.live().specific():
        first = next((b for b in article.body if b.block_type == "paragraph"), None)
        if first is None:
            continue
        text = BeautifulSoup(first.value.source, "html.parser").get_text().strip()
        if text == article.summary.strip():
            repeated.append(article.url)
    assert repeated == []


def test_english_ordinal_points_continue_the_sentence_in_lower_case(demo_site):
    client = Client()
    en = Locale.objects.get(language_code="en")
    capitalised = []
    for article in NewsArticlePage.objects.live().filter(locale=en):
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        for lead in soup.select(".point__lead"):
            text = " ".join(lead.get_text().split())
            match = re.match(rf"({ORDINALS}), (\w+)", text)
            if match and match.group(2)[0].isupper() and not match.group(2).isupper():
                capitalised.append((article.url, text[:40]))
    assert capitalised == []
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE).get_translation(en)
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    first = " ".join(soup.select_one(".point__lead").get_text().split())
    assert first.startswith("First, implement list-based management")
