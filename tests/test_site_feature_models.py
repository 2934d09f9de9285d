"""The models and blocks behind the slides, map, case, download and notice features: where each
page type may be created, creation through the admin form, clean() on bad values, the map
links, and notices scheduled in Beijing time that appear and disappear with a frozen clock, with
page cache lifetimes that end when a notice starts or ends."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from corporate.cases.models import CaseIndexPage, CasePage
from corporate.core import blocks as library
from corporate.core.maps import Place, company_place
from corporate.downloads.models import DownloadIndexPage
from corporate.notices.models import Notice
from home.models import HomePage
from tests import factories
from tests.helpers import make_site_tree

SHANGHAI = ZoneInfo("Asia/Shanghai")


def beijing(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def clean(block, value):
    return block.clean(block.to_python(value))


# -- blocks ------------------------------------------------------------------------------------

FEATURE_BLOCKS = {
    "slide": library.SlideBlock(),
    "map": library.MapBlock(),
    "client_logos": library.ClientLogoWallBlock(),
}


@pytest.mark.parametrize("name", sorted(FEATURE_BLOCKS))
def test_feature_blocks_have_a_description_preview_and_template(db, name):
    block = FEATURE_BLOCKS[name]
    assert str(block.get_description()).strip()
    assert block.meta.template.startswith("blocks/")
    assert block.render(block.get_preview_value()).strip()


@pytest.mark.parametrize(
    "name, bad",
    [
        ("slide", {"image": None, "heading": "标题", "text": "", "link_label": "", "url": ""}),
        ("map", {"latitude": 36.65, "longitude": None}),
        ("map", {"latitude": 91, "longitude": 117.1}),
        ("map", {"latitude": 36.6, "longitude": 181}),
        ("map", {"latitude": "北纬", "longitude": 117.1}),
        ("client_logos", {"heading": "", "clients": [{"name": "甲公司"}]}),
        ("client_logos", {"heading": "", "clients": [{"name": "甲公司"}, {"name": "甲公司"}]}),
        ("client_logos", {"heading": "", "clients": [{"name": "甲"}, {"name": "乙", "url": "x"}]}),
    ],
)
def test_feature_blocks_refuse_bad_values(db, name, bad):
    with pytest.raises(ValidationError):
        clean(FEATURE_BLOCKS[name], bad)


def test_a_slide_button_needs_exactly_one_target_and_a_label(db):
    image = factories.wagtail_factories.ImageFactory()
    slide = FEATURE_BLOCKS["slide"]
    base = {"image": image.pk, "heading": "标题", "text": ""}
    for bad in (
        {"link_label": "了解更多", "url": ""},  # a label without a link
        {"link_label": "", "url": "https://example.com/"},  # a link without a label
        {"link_label": "了解更多", "url": "https://example.com/", "page": Page.objects.first().pk},
    ):
        with pytest.raises(ValidationError):
            clean(slide, {**base, **bad})
    clean(slide, {**base, "link_label": "了解更多", "url": "https://example.com/"})
    clean(slide, {**base, "link_label": ""})


def test_a_map_with_a_picture_needs_a_description(db):
    image = factories.wagtail_factories.ImageFactory()
    with pytest.raises(ValidationError):
        clean(FEATURE_BLOCKS["map"], {"image": image.pk, "alt_text": ""})
    clean(FEATURE_BLOCKS["map"], {"image": image.pk, "alt_text": "公司位置"})


def test_map_links_put_longitude_first_for_amap_and_latitude_first_for_baidu():
    place = Place(name="国评检测", address="济南市经十路", latitude=36.6512, longitude=117.1201)
    assert place.amap_url.startswith("https://uri.amap.com/marker?position=117.120100%2C36.651200")
    assert "location=36.651200%2C117.120100" in place.baidu_url
    assert "coord_type=gcj02" in place.baidu_url and "output=html" in place.baidu_url
    assert "title=%E5%9B%BD%E8%AF%84" in place.baidu_url  # 国评, encoded
    assert Place(name="x").amap_url == "" == Place(name="x").baidu_url


def test_a_block_place_falls_back_to_the_company_profile(db):
    company = factories.CompanyProfileFactory(latitude="36.651200", longitude="117.120100")
    place = company_place(company, name="样品接收室")
    assert (place.name, place.address) == ("样品接收室", company.address)
    assert (place.latitude, place.longitude) == (36.6512, 117.1201)


def test_company_coordinates_come_in_pairs(db):
    company = factories.CompanyProfileFactory.build(latitude="36.6", longitude=None)
    with pytest.raises(ValidationError) as error:
        company.full_clean(exclude=["locale", "translation_key"])
    assert "longitude" in error.value.message_dict


def test_home_page_button_needs_one_target(site_tree):
    home = HomePage.objects.get(pk=site_tree["home"].pk)
    home.hero_cta_label = "联系我们"
    with pytest.raises(ValidationError):
        home.full_clean()
    home.hero_cta_url = "https://example.com/"
    home.hero_cta_page = site_tree["contact"]
    with pytest.raises(ValidationError):
        home.full_clean()


def test_home_page_without_more_slides_keeps_its_single_hero(site_tree, client):
    html = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    assert html.select_one("section.hero[aria-labelledby=hero-heading] h1").get_text() == (
        "专业环境检测服务"
    )
    assert html.select_one("[data-carousel]") is None
    assert html.find("script", src=lambda src: src and "carousel" in src) is None


# -- page types --------------------------------------------------------------------------------


class TestWhereFeaturePagesGo(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(CaseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CaseIndexPage, {CasePage})
        self.assertAllowedParentPageTypes(CasePage, {CaseIndexPage})
        self.assertAllowedSubpageTypes(CasePage, set())
        self.assertAllowedParentPageTypes(DownloadIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(DownloadIndexPage, set())
        assert CaseIndexPage.max_count_per_parent == DownloadIndexPage.max_count_per_parent == 1


@pytest.mark.django_db
class TestCreateFeaturePagesThroughTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.tree = make_site_tree()
        self.login()

    def test_case_index_and_case_page(self):
        home = self.tree["home"]
        self.assertCanCreate(
            home,
            CaseIndexPage,
            nested_form_data({"title": "案例", "slug": "cases", "intro": "部分项目"}),
        )
        index = CaseIndexPage.objects.get(slug="cases")
        industry = factories.IndustryFactory(name="化工", slug="chemicals")
        self.assertCanCreate(
            index,
            CasePage,
            nested_form_data(
                {
                    "title": "某园区土壤检测",
                    "slug": "park-soil",
                    "client": "某园区",
                    "industry": industry.pk,
                    "completed_on": "2025-06-30",
                    "is_sample": True,
                    "related_services": inline_formset([{"service": self.tree["service"].pk}]),
                    "summary": "园区土壤检测。",
                    "challenge": rich_text("<p>时间紧。</p>"),
                    "approach": rich_text("<p>两组同时采样。</p>"),
                    "result": rich_text("<p>按期完成。</p>"),
                    "key_figures": streamfield([("figure", {"figure": "120", "label": "份样品"})]),
                    "gallery": streamfield([]),
                }
            ),
        )
        case = CasePage.objects.get(slug="park-soil")
        assert case.services() == [self.tree["service"]]
        assert case.key_figures[0].value["figure"] == "120"

    def test_a_case_needs_a_service(self):
        home = self.tree["home"]
        index = factories.CaseIndexPageFactory(parent=home, slug="cases")
        data = nested_form_data(
            {
                "title": "无服务的案例",
                "slug": "no-service",
                "client": "",
                "industry": factories.IndustryFactory().pk,
                "completed_on": "2025-06-30",
                "related_services": inline_formset([], min=1),
                "summary": "摘要",
                "challenge": rich_text("<p>甲</p>"),
                "approach": rich_text("<p>乙</p>"),
                "result": rich_text("<p>丙</p>"),
                "key_figures": streamfield([]),
                "gallery": streamfield([]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/cases/casepage/{index.pk}/", data)
        assert response.status_code == 200  # the form again, nothing published
        assert not CasePage.objects.filter(slug="no-service", live=True).exists()

    def test_download_centre(self):
        self.assertCanCreate(
            self.tree["home"],
            DownloadIndexPage,
            nested_form_data({"title": "资料下载", "slug": "downloads", "intro": ""}),
        )

    def test_home_page_with_more_slides(self):
        image = factories.wagtail_factories.ImageFactory()
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "首页",
                    "slug": "home-slides",
                    "hero_headline": "第一张",
                    "hero_intro": "",
                    "hero_cta_label": "",
                    "hero_cta_url": "",
                    "more_slides": streamfield(
                        [
                            (
                                "slide",
                                {
                                    "image": image.pk,
                                    "heading": "第二张",
                                    "text": "",
                                    "link_label": "联系我们",
                                    "page": self.tree["contact"].pk,
                                    "url": "",
                                },
                            )
                        ]
                    ),
                    "featured_services": inline_formset([]),
                    "body": streamfield([]),
                    "contact_strip_text": "",
                }
            ),
        )
        home = HomePage.objects.get(slug="home-slides")
        assert [slide.headline for slide in home.slides()] == ["第一张", "第二张"]
        assert home.slides()[1].link_page.pk == self.tree["contact"].pk


# -- notices -----------------------------------------------------------------------------------


@pytest.fixture
def holiday_notice(site_tree, zh):
    return factories.NoticeFactory(
        text="国庆期间暂停收样。",
        level="warning",
        starts_at=beijing(2026, 10, 1, 0, 0),
        ends_at=beijing(2026, 10, 8, 0, 0),
    )


def notice_texts(client, path="/"):
    html = BeautifulSoup(client.get(path).content.decode(), "html.parser")
    return [" ".join(n.get_text(" ").split()) for n in html.select(".notices .notice")]


@pytest.mark.parametrize(
    "moment, shown",
    [
        (beijing(2026, 9, 30, 23, 59, 59), False),
        (beijing(2026, 10, 1, 0, 0, 0), True),  # 2026-09-30 16:00 UTC
        (beijing(2026, 10, 7, 23, 59, 59), True),
        (beijing(2026, 10, 8, 0, 0, 0), False),
    ],
)
def test_a_notice_shows_from_its_start_until_its_end_in_beijing_time(
    holiday_notice, client, moment, shown
):
    with time_machine.travel(moment, tick=False):
        texts = notice_texts(client)
    assert (texts != []) is shown
    if shown:
        assert "国庆期间暂停收样。" in texts[0]


def test_a_notice_is_shown_only_in_its_own_language(holiday_notice, client, en):
    with time_machine.travel(beijing(2026, 10, 2, 12, 0), tick=False):
        assert notice_texts(client, "/") != []
        # Not translated into English: the English site shows no bar (and so no Chinese).
        assert Notice.objects.current(locale=en).count() == 0


def test_the_most_urgent_notice_comes_first(site_tree, client):
    now = beijing(2026, 10, 2, 12, 0)
    factories.NoticeFactory(
        text="一般通知", level="info", starts_at=now - datetime.timedelta(days=1)
    )
    factories.NoticeFactory(
        text="紧急通知", level="urgent", starts_at=now - datetime.timedelta(days=2)
    )
    with time_machine.travel(now, tick=False):
        texts = notice_texts(client)
    assert ["紧急通知" in texts[0], "一般通知" in texts[1]] == [True, True]


def test_a_notice_must_end_after_it_starts(db, zh):
    notice = factories.NoticeFactory.build(
        starts_at=beijing(2026, 10, 8), ends_at=beijing(2026, 10, 1)
    )
    with pytest.raises(ValidationError) as error:
        notice.full_clean(exclude=["translation_key"])
    assert "ends_at" in error.value.message_dict


def test_page_cache_lifetime_ends_when_the_next_notice_starts(holiday_notice, client):
    # 90 seconds before the notice starts: a shared cache keeps the page no longer than that.
    with time_machine.travel(beijing(2026, 9, 30, 23, 58, 30), tick=False):
        response = client.get("/")
    assert "s-maxage=90" in response["Cache-Control"]
    # Days away: a shared cache's own default lifetime ends long before, nothing is added.
    with time_machine.travel(beijing(2026, 9, 20, 12, 0), tick=False):
        assert not client.get("/").has_header("Cache-Control")
    # While it shows, the next change is its end.
    with time_machine.travel(beijing(2026, 10, 7, 23, 59, 0), tick=False):
        assert "s-maxage=60" in client.get("/")["Cache-Control"]


@pytest.mark.urls("tests.notice_cache_urls")
def test_a_stated_cache_lifetime_is_capped_at_the_next_notice_change(holiday_notice, client):
    with time_machine.travel(beijing(2026, 9, 30, 23, 50, 0), tick=False):
        response = client.get("/cached-for-an-hour/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"max-age=600", "s-maxage=600", "public"} <= directives
    with time_machine.travel(beijing(2026, 11, 1), tick=False):  # no notice ahead
        response = client.get("/cached-for-an-hour/")
    assert "max-age=3600" in response["Cache-Control"]


def test_saving_a_notice_moves_the_cache_limit(holiday_notice, client):
    with time_machine.travel(beijing(2026, 9, 30, 23, 58, 30), tick=False):
        client.get("/")  # caches the notice times
        holiday_notice.starts_at = beijing(2026, 9, 30, 23, 59, 30)
        holiday_notice.save()
        assert "s-maxage=60" in client.get("/")["Cache-Control"]


@pytest.mark.django_db
def test_editors_enter_notice_times_in_beijing_time(admin_client, site_tree, zh):
    response = admin_client.post(
        "/admin/snippets/notices/notice/add/?locale=zh-hans",
        {
            "text": "春节期间暂停收样。",
            "level": "info",
            "link_label": "",
            "link_page": "",
            "link_url": "",
            "starts_at": "2027-02-05 18:00",
            "ends_at": "2027-02-13 09:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = Notice.objects.get(text="春节期间暂停收样。")
    assert notice.starts_at == datetime.datetime(2027, 2, 5, 10, 0, tzinfo=datetime.UTC)
    assert notice.ends_at.astimezone(SHANGHAI).hour == 9
