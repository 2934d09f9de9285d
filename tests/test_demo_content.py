"""The demo site built by ``build_demo_site``: complete against the company's current site
(../shared/seed/current-site.zh.txt), in both languages, and idempotent."""

import re
from pathlib import Path

import yaml
from django.test import Client
from wagtail.models import Locale, Page

from corporate.core.cjk_punctuation import fix_punctuation
from corporate.core.models import (
    AccreditationAreaPage,
    CompanyProfile,
    ServicePage,
)
from corporate.demo.content import load_content
from home.models import HomePage
from news.models import NewsArticlePage
from tests.expected import MENU
from tests.helpers import project_page_models

DATA = Path(__file__).resolve().parent / "data" / "seed.yaml"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "current-site.zh.txt"
ARTICLE_TITLE = "山东完善制度提高生态环境执法效能"


def derive_seed(text):
    """What tests/data/seed.yaml holds, read from the seed file's text."""
    lines = [line.strip() for line in text.splitlines()]
    areas = lines[lines.index("资质领域") + 1 : lines.index("服务范围")]
    services = lines[lines.index("服务范围") + 1 :]
    services = services[: next(i for i, line in enumerate(services) if "当前位置" in line)]
    start = lines.index(ARTICLE_TITLE)
    end = next(i for i, line in enumerate(lines) if line.startswith("版权所有"))
    copyright, notice, icp_number = re.split(r"\s{2,}", lines[end])
    return {
        "menu": lines[0].split(),
        "accreditation_areas": [a for a in areas if a],
        "services": [s for s in services if s],
        "article": {
            "title": ARTICLE_TITLE,
            "lines": [line for line in lines[start + 1 : end] if line],
        },
        "footer": {"copyright": copyright, "notice": notice, "icp_number": icp_number},
    }


def seed_data():
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def seed_sections():
    """Areas, services and the article's lines of the seed (tests/data/seed.yaml)."""
    seed = seed_data()
    return seed["accreditation_areas"], seed["services"], seed["article"]["lines"]


def test_seed_data_matches_the_seed_file():
    """tests/data/seed.yaml is what the seed file says, whenever the seed file is beside the
    checkout (a fresh clone has only the extract)."""
    seed = seed_data()
    assert seed["menu"] == MENU["zh-hans"]
    assert seed["article"]["title"] == ARTICLE_TITLE
    if SEED.exists():
        assert derive_seed(SEED.read_text(encoding="utf-8")) == seed


def visible_text(html):
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", "", main)
    return re.sub(r"\s+", "", text)


def menu_titles(html):
    nav = html.split('id="main-menu"', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<a[^>]*>(.*?)</a>", nav, re.S)]


def test_menu_in_the_seed_order_in_both_languages(demo_site):
    client = Client()
    assert menu_titles(client.get("/").content.decode()) == MENU["zh-hans"]
    assert menu_titles(client.get("/en/").content.decode()) == MENU["en"]


def test_every_accreditation_area_and_service_of_the_seed_exists(demo_site):
    areas, services, _ = seed_sections()
    assert len(areas) == 13 and len(services) == 12
    zh, en = Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")
    zh_areas = AccreditationAreaPage.objects.live().filter(locale=zh).order_by("path")
    zh_services = ServicePage.objects.live().filter(locale=zh).order_by("path")
    # The seed's titles, with half-width brackets made full-width (水（含大气降水）和废水).
    assert [p.title for p in zh_areas] == [fix_punctuation(area) for area in areas]
    assert [p.title for p in zh_services] == [fix_punctuation(service) for service in services]
    assert AccreditationAreaPage.objects.live().filter(locale=en).count() == 13
    assert ServicePage.objects.live().filter(locale=en).count() == 12
    for page in [*zh_areas, *zh_services]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", page.slug), page.slug
        english = page.get_translation(en)
        assert english.live and english.slug == page.slug


def test_seed_article_has_every_heading_and_point(demo_site):
    _, _, article_lines = seed_sections()
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    text = visible_text(Client().get(article.url).content.decode())
    # Word for word, with the seed's half-width punctuation made full-width.
    missing = [
        line for line in article_lines if re.sub(r"\s+", "", fix_punctuation(line)) not in text
    ]
    assert missing == []
    headings = [b.value["heading"] for b in article.body if b.block_type == "heading"]
    assert headings == [
        "厘清执法职责界限，突出“依法”执法",
        "创新优化执法方式，突出“精准”执法",
        "提升发现问题能力，突出“高效”执法",
        "规范执法制度程序，突出“规范”执法",
    ]
    points = [
        p for b in article.body if b.block_type == "numbered_points" for p in b.value["points"]
    ]
    # 6 points numbered 一是/二是 and the 3 要… points of the third section.
    assert len(points) == 9


def test_english_article_keeps_the_structure(demo_site):
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    english = article.get_translation(Locale.objects.get(language_code="en")).specific
    assert [b.block_type for b in english.body] == [b.block_type for b in article.body]
    html = Client().get(english.url).content.decode()
    assert "First," in html and "Second," in html


def test_company_profile_and_footer_in_both_languages(demo_site):
    client = Client()
    for url, name in (
        ("/", "山东国评检测服务有限公司"),
        ("/en/", "Shandong Guoping Testing Service Co., Ltd."),
    ):
        html = client.get(url).content.decode()
        assert name in html
        assert 'href="https://beian.miit.gov.cn/"' in html
        assert "鲁ICP备1*********97号-1" in html
    # Simplified, English and the Traditional copy generated from the Simplified profile.
    assert set(CompanyProfile.objects.values_list("locale__language_code", flat=True)) == {
        "zh-hans",
        "zh-hant",
        "en",
    }
    assert CompanyProfile.objects.count() == 3
    assert CompanyProfile.objects.get(locale__language_code="zh-hans").is_sample


def test_sample_text_is_marked(demo_site):
    html = Client().get("/about/").content.decode()
    assert "示例" in html
    assert "(Sample content)" in Client().get("/en/about/").content.decode()


def test_each_demo_page_renders_in_both_languages(demo_responses):
    pages = Page.objects.filter(depth__gte=2).live().specific()
    langs = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
    seen = {code: set() for code in langs}
    for page in pages:
        response = demo_responses.get(page.url)
        assert response.status_code == 200, page.url
        seen[page.locale.language_code].add(type(page).__name__)
        lang = langs[page.locale.language_code]
        assert f'<html lang="{lang}"' in response.content.decode(), page.url
    every_type = {m.__name__ for m in project_page_models()}
    assert seen == dict.fromkeys(langs, every_type)


def test_service_page_links_its_accreditation_areas_in_each_language(demo_site, client):
    service = ServicePage.objects.get(slug="soil-testing", locale__language_code="zh-hans")
    areas = service.areas()
    assert areas, "the demo soil-testing service names its accreditation areas"
    html = client.get(service.url).content.decode()
    for area in areas:
        assert area.url in html
    english = service.get_translation(service.locale.__class__.objects.get(language_code="en"))
    english_html = client.get(english.url).content.decode()
    for area in english.specific.areas():
        assert area.url.startswith("/en/")
        assert area.url in english_html


def test_home_features_the_services_in_the_order_of_the_content_in_both_languages(demo_site):
    """The demo writes each link's position as the admin's form does: the home page lists the
    featured services in the content's order, not in the database's row order."""
    slugs = load_content()["home"]["featured_services"]
    for language in ("zh-hans", "en"):
        home = HomePage.objects.get(locale__language_code=language)
        links = list(home.featured_services.order_by("sort_order"))
        assert [link.sort_order for link in links] == list(range(len(slugs)))
        chinese = [
            Page.objects.get(
                translation_key=link.service.translation_key, locale__language_code="zh-hans"
            ).slug
            for link in links
        ]
        assert chinese == slugs, language
        shown = [page.translation_key for page in home.featured()]
        assert shown == [link.service.translation_key for link in links], language
