"""What a Chinese company expects of its own site, on the demo site in both languages: the home
slides, the WeChat QR code in every footer, the contact page's map links and phone bar, case
studies with their filters, the download centre with real PDFs, and site notices."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from corporate.cases.models import CasePage
from corporate.downloads.models import Download
from tests.helpers import assert_no_chinese, soup, translated

LANGS = ["zh-hans", "en"]
PREFIX = {"zh-hans": "", "en": "/en"}


def get(client, lang, path):
    return client.get(PREFIX[lang] + path)


def text(node):
    return " ".join(node.get_text(" ").split())


# -- home slides ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_home_hero_is_a_carousel_of_four_slides(demo_site, client, lang):
    page = soup(get(client, lang, "/"))
    carousel = page.select_one("section.hero--carousel[aria-roledescription][data-carousel]")
    assert carousel is not None
    slides = carousel.select(".hero__slide")
    assert len(slides) == 4
    # "1 of 4", 第 1 张，共 4 张
    assert slides[0]["aria-label"] == translated("%(number)s of %(total)s", lang, number=1, total=4)
    assert all(slide.get("role") == "group" for slide in slides)
    # Without JavaScript only the first slide shows; the controls appear with the script.
    assert not slides[0].has_attr("hidden")
    assert all(slide.has_attr("hidden") for slide in slides[1:])
    assert carousel.select_one("[data-carousel-controls]").has_attr("hidden")
    # The first picture loads at once, the others when their slide shows.
    images = [slide.select_one("img.hero__image") for slide in slides]
    assert images[0].get("fetchpriority") == "high" and not images[0].get("loading")
    assert all(image.get("loading") == "lazy" for image in images[1:])
    # One h1: the first slide's headline.
    assert [h1["class"] for h1 in page.select("h1")] == [["hero__headline"]]
    headlines = [text(slide.select_one(".hero__headline")) for slide in slides]
    expected = {
        "zh-hans": ["用准确的检测数据守护生态环境", "现场采样，当天进场"],
        "en": [
            "Accurate testing data to protect the environment",
            "Field sampling, on site the same day",
        ],
    }[lang]
    assert headlines[:2] == expected
    # Each slide's button leads to a page of the visitor's language.
    links = [slide.select_one(".hero__actions a")["href"] for slide in slides]
    assert links[1] == PREFIX[lang] + "/services/"
    assert links[3] == PREFIX[lang] + "/cases/"
    if lang == "en":
        assert_no_chinese(text(carousel), "English slides")
    assert page.find("script", src=re.compile(r"home/carousel\.js$")) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_client_logos_and_latest_cases(demo_site, client, lang):
    page = soup(get(client, lang, "/"))
    wall = page.select_one(".logo-wall")
    names = [text(name) for name in wall.select(".logo-wall__name")]
    assert len(names) == 6
    assert (
        names[0]
        == {"zh-hans": "示例化工集团有限公司", "en": "Sample Chemical Group Co., Ltd."}[lang]
    )
    assert len(wall.select("img.logo-wall__logo")) == 6
    cases = page.select("#home-cases ~ .card-grid .case-card")
    assert len(cases) == 3
    assert all(a["href"].startswith(PREFIX[lang] + "/cases/") for a in page.select(".case-card a"))


# -- WeChat, map, phone bar, back to top -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "path", ["/", "/cases/", "/downloads/", "/contact/", "/services/soil-testing/"]
)
def test_every_page_has_the_wechat_qr_code_the_phone_bar_and_back_to_top(
    demo_site, client, lang, path
):
    page = soup(get(client, lang, path))
    qr = page.select_one("footer .wechat-qr#wechat")
    assert qr.select_one("img.wechat-qr__image")["alt"]
    name = {"zh-hans": "国评检测（示例）", "en": "Guoping Testing (sample)"}[lang]
    assert name in text(qr)
    dock = page.select_one("nav.contact-dock[data-contact-dock]")
    actions = dock.select("a.contact-dock__action")
    assert actions[0]["href"] == "tel:053100000000"
    assert actions[1]["href"] == "#wechat" and actions[1]["data-wechat-dialog"] == "wechat-dialog"
    assert actions[2]["href"] == PREFIX[lang] + "/contact/#inquiry"
    dialog = page.select_one("dialog#wechat-dialog")
    assert dialog.select_one("img.wechat-dialog__image") is not None
    assert dialog.select_one("form[method=dialog] button")
    back = page.select_one("a.back-to-top[data-back-to-top]")
    assert back.has_attr("hidden")  # shown by the script after one screen of scrolling
    if lang == "en":
        assert_no_chinese(text(dock) + text(dialog) + text(qr), path)


@pytest.mark.parametrize("lang", LANGS)
def test_contact_page_opens_the_address_in_amap_and_baidu_maps(demo_site, client, lang):
    page = soup(get(client, lang, "/contact/"))
    maps = page.select("figure.map")
    assert len(maps) == 2  # the contact card's map and the body's map block
    card = page.select_one(".contact-card figure.map")
    assert card.select_one("img")["alt"]
    amap = card.find("a", href=re.compile(r"^https://uri\.amap\.com/marker\?"))
    baidu = card.find("a", href=re.compile(r"^https://api\.map\.baidu\.com/marker\?"))
    amap_query = parse_qs(urlparse(amap["href"]).query)
    assert amap_query["position"] == ["117.120100,36.651200"]  # longitude first
    assert amap_query["coordinate"] == ["gaode"]
    baidu_query = parse_qs(urlparse(baidu["href"]).query)
    assert baidu_query["location"] == ["36.651200,117.120100"]  # latitude first
    assert baidu_query["coord_type"] == ["gcj02"] and baidu_query["output"] == ["html"]
    company = {
        "zh-hans": "山东国评检测服务有限公司",
        "en": "Shandong Guoping Testing Service Co., Ltd.",
    }
    assert baidu_query["title"] == [company[lang]]
    assert amap["target"] == "_blank" and "noopener" in amap["rel"]
    block = maps[1]
    block_amap = block.find("a", href=re.compile("amap"))
    assert "name" in parse_qs(urlparse(block_amap["href"]).query)
    if lang == "en":
        assert_no_chinese(" ".join(text(m) for m in maps) + amap["href"] + baidu["href"])
    # No map script or key anywhere: the links are plain addresses.
    assert not page.find("script", src=re.compile("amap|baidu"))


# -- case studies ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_case_index_lists_six_sample_cases_and_filters_them(demo_site, client, lang):
    page = soup(get(client, lang, "/cases/"))
    cards = page.select(".case-card")
    assert len(cards) == 6
    assert all(card.select_one(".case-card__sample") for card in cards)
    industries = [o["value"] for o in page.select("#case-industry option") if o["value"]]
    assert len(industries) == 6
    services = [o["value"] for o in page.select("#case-service option") if o["value"]]
    assert "soil-testing" in services
    assert len(soup(get(client, lang, "/cases/?industry=chemicals")).select(".case-card")) == 1
    soil = soup(get(client, lang, "/cases/?service=soil-testing"))
    assert len(soil.select(".case-card")) == 2
    both = soup(get(client, lang, "/cases/?industry=real-estate&service=soil-testing"))
    assert [text(t) for t in both.select(".card__title")] == [
        {
            "zh-hans": "某住宅项目地块土壤污染状况调查检测",
            "en": "Soil contamination survey of a housing development site",
        }[lang]
    ]
    none = soup(get(client, lang, "/cases/?industry=chemicals&service=marine-testing"))
    assert none.select(".case-card") == []
    if lang == "en":
        assert_no_chinese(text(page.select_one("main")), "English case index")


@pytest.mark.parametrize("query", ["industry=no-such-thing", "service=nothing", "page=99"])
def test_a_filter_that_names_nothing_is_a_404_not_a_500(demo_site, client, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_case_page_shows_the_services_used_in_the_visitors_language(demo_site, client, lang):
    page = soup(get(client, lang, "/cases/chemical-park-soil-and-groundwater-monitoring/"))
    main = page.select_one("main")
    assert [h["id"] for h in main.select(".case-section__title")] == [
        "case-challenge",
        "case-approach",
        "case-result",
        "case-gallery",
    ]
    challenge = {"zh-hans": "园区内有 12 家土壤污染重点监管单位", "en": "The park has 12 companies"}
    assert challenge[lang] in text(main.select_one("#case-challenge").parent)
    assert len(main.select(".case-section .key-figure")) == 3
    assert "412" in text(main.select_one(".key-figures"))
    services = main.select(".case-facts .tag-list a")
    assert [a["href"] for a in services] == [
        PREFIX[lang] + "/services/soil-testing/",
        PREFIX[lang] + "/services/characteristic-pollutant-testing/",
    ]
    assert main.select_one(".sample-note")
    assert len(main.select(".case-gallery figure")) == 2
    if lang == "en":
        assert [text(a) for a in services][0] == "Soil testing"
        assert_no_chinese(text(main), "English case page")


@pytest.mark.parametrize("lang", LANGS)
def test_service_page_shows_its_latest_cases_and_its_downloads(demo_site, client, lang):
    page = soup(get(client, lang, "/services/soil-testing/"))
    cases = page.select(".service-cases .case-card")
    assert len(cases) == 2
    newest = {
        "zh-hans": "某化工园区土壤和地下水自行监测",
        "en": "Soil and groundwater self-monitoring for a chemical park",
    }
    assert text(cases[0].select_one(".card__title")) == newest[lang]
    more = page.select_one(".service-cases .section__more a")["href"]
    assert more == PREFIX[lang] + "/cases/?service=soil-testing"
    downloads = [text(a) for a in page.select(".service-downloads .download-item__link")]
    expected = {
        "zh-hans": ["检测委托单", "送样须知", "土壤检测报告样本"],
        "en": ["Testing commission form", "Notes on submitting samples", "Soil test report sample"],
    }[lang]
    assert sorted(downloads) == sorted(expected)
    other = soup(get(client, lang, "/services/marine-testing/"))
    assert len(other.select(".service-downloads .download-item")) == 2  # the two for every service
    assert other.select(".service-cases") == []


# -- the download centre -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_download_centre_groups_documents_with_format_size_and_date(demo_site, client, lang):
    page = soup(get(client, lang, "/downloads/"))
    groups = page.select("section.download-group")
    assert [g["aria-labelledby"] for g in groups] == [
        "downloads-qualifications",
        "downloads-forms",
        "downloads-guides",
        "downloads-reports",
    ]
    items = page.select(".download-item")
    assert len(items) == 4
    for item in items:
        meta = text(item.select_one(".download-item__meta"))
        assert "PDF" in meta and re.search(r"\d+(\.\d)? KB", meta), meta
        assert item.select_one("time[datetime]")
        assert item.select_one("a.download-item__link")["href"].endswith(".pdf")
    form = page.find("a", string={"zh-hans": "检测委托单", "en": "Testing commission form"}[lang])
    expected = {"zh-hans": "commission-form-zh-hans", "en": "commission-form-en"}[lang]
    assert re.search(rf"/{expected}[^/]*\.pdf$", form["href"]), form["href"]
    if lang == "en":
        assert_no_chinese(text(page.select_one("main")), "English download centre")


@pytest.mark.parametrize(
    "lang, query, titles",
    [
        ("zh-hans", "?q=委托", ["检测委托单"]),
        ("zh-hans", "?category=guides", ["送样须知"]),
        ("zh-hans", "?q=样本&category=reports", ["土壤检测报告样本"]),
        ("en", "?q=commission", ["Testing commission form"]),
        (
            "en",
            "?category=qualifications",
            ["CMA inspection body accreditation certificate (sample)"],
        ),
        ("en", "?q=nothing-like-this", []),
    ],
)
def test_download_centre_search_and_category_filter(demo_site, client, lang, query, titles):
    page = soup(get(client, lang, "/downloads/" + query))
    assert [text(a) for a in page.select(".download-item__link")] == titles
    if not titles:
        assert page.select_one("main .card--empty")


def test_an_unknown_download_category_is_a_404(demo_site, client):
    assert client.get("/downloads/?category=secret").status_code == 404
    assert client.get("/downloads/?q=" + "长" * 500).status_code == 200  # cut, not refused


@pytest.mark.parametrize("lang, font", [("zh-hans", b"STSong-Light"), ("en", b"Helvetica")])
def test_the_demo_pdfs_are_real_pdfs_in_each_language(demo_site, lang, font):
    for download in Download.objects.filter(locale__language_code=lang):
        with download.document.file.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert font in data, download.title
        assert 1_000 < len(data) < 50_000


# -- notices -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_notice_shows_on_every_page_in_its_language(demo_site, client, lang):
    for path in ["/", "/downloads/", "/news/"]:
        page = soup(get(client, lang, path))
        notice = page.select_one(".notices .notice.notice--warning[data-notice]")
        words = {
            "zh-hans": "国庆节期间暂停接收样品",
            "en": "We receive no samples during the National Day",
        }
        assert words[lang] in text(notice)
        assert notice.select_one("a.notice__link")["href"] == PREFIX[lang] + "/contact/"
        assert notice.select_one("button[data-notice-dismiss]").has_attr("hidden")
    if lang == "en":
        assert_no_chinese(text(notice))


def test_case_pages_are_sample_content(demo_site):
    cases = CasePage.objects.filter(locale__language_code="zh-hans")
    assert cases.count() >= 6
    assert all(case.is_sample for case in cases)
    assert len({case.industry_id for case in cases}) >= 6
    assert Client().get("/cases/").status_code == 200
