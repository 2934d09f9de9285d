"""Every page type: renders in both languages, parent/child rules, creation through the admin."""

import pytest
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from corporate.cases.models import CaseIndexPage
from corporate.core.models import (
    AccreditationAreaPage,
    AccreditationIndexPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from corporate.downloads.models import DownloadIndexPage
from corporate.inquiries.models import ContactPage
from corporate.reports.models import ReportVerificationPage
from home.models import HomePage
from news.models import NewsArticlePage, NewsIndexPage
from tests.helpers import make_site_tree


@pytest.mark.parametrize(
    "key, expected",
    [
        ("home", "专业环境检测服务"),
        ("about", "我们是一家第三方检测机构。"),
        ("news", "新闻动态"),
        ("accreditation", "土壤和水系沉积物"),
        ("area", "GB 36600-2018"),
        ("services", "土壤检测"),
        ("service", "依据 GB 36600 开展土壤检测。"),
        ("contact", "欢迎委托检测。"),
        ("article", "新闻正文。"),
    ],
)
def test_each_page_type_renders_in_chinese(site_tree, client, key, expected):
    response = client.get(site_tree[key].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert '<html lang="zh-Hans"' in html


class TestParentChildRules(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                AccreditationIndexPage,
                ServiceIndexPage,
                NewsIndexPage,
                ContactPage,
                ReportVerificationPage,
                CaseIndexPage,
                DownloadIndexPage,
            },
        )

    def test_area_pages_only_under_the_accreditation_index(self):
        self.assertAllowedParentPageTypes(AccreditationAreaPage, {AccreditationIndexPage})
        self.assertAllowedSubpageTypes(AccreditationIndexPage, {AccreditationAreaPage})
        self.assertCanNotCreateAt(HomePage, AccreditationAreaPage)

    def test_service_pages_only_under_the_service_index(self):
        self.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
        self.assertAllowedSubpageTypes(ServiceIndexPage, {ServicePage})
        self.assertCanNotCreateAt(StandardPage, ServicePage)

    def test_news_articles_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertCanNotCreateAt(ServiceIndexPage, NewsArticlePage)

    def test_leaf_pages_have_no_children(self):
        for model in (AccreditationAreaPage, ServicePage, NewsArticlePage, ContactPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_standard_pages_nest(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_one_index_of_each_kind_per_home_page(self):
        for model in (AccreditationIndexPage, ServiceIndexPage, NewsIndexPage, ContactPage):
            assert model.max_count_per_parent == 1


@pytest.mark.django_db
class TestCreateThroughTheAdmin(WagtailPageTestCase):
    """Editors create each page type through the admin form, with StreamField blocks."""

    def setUp(self):
        self.tree = make_site_tree()
        self.login()

    def body(self):
        return streamfield(
            [
                ("heading", {"heading": "检测能力", "level": "h2"}),
                ("paragraph", rich_text("<p>我们提供<b>专业</b>检测。</p>")),
                ("quote", {"quote": "数据准确,报告及时。", "attribution": "质量方针"}),
            ]
        )

    def test_standard_page(self):
        self.assertCanCreate(
            self.tree["home"],
            StandardPage,
            nested_form_data(
                {"title": "技术实力", "slug": "capabilities", "intro": "简介", "body": self.body()}
            ),
        )
        page = StandardPage.objects.get(slug="capabilities")
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]

    def test_service_page_with_an_accreditation_area(self):
        area = self.tree["area"]
        self.assertCanCreate(
            self.tree["services"],
            ServicePage,
            nested_form_data(
                {
                    "title": "危险废物鉴别",
                    "slug": "hazardous-waste-identification",
                    "summary": "危险废物属性鉴别。",
                    "body": self.body(),
                    "related_areas": inline_formset([{"area": area.pk}]),
                    "call_to_action": "",
                }
            ),
        )
        page = ServicePage.objects.get(slug="hazardous-waste-identification")
        assert page.areas() == [area]

    def test_accreditation_area_page_with_standards(self):
        self.assertCanCreate(
            self.tree["accreditation"],
            AccreditationAreaPage,
            nested_form_data(
                {
                    "title": "噪声",
                    "slug": "noise",
                    "summary": "环境噪声与厂界噪声。",
                    "standards": streamfield(
                        [("standard", {"code": "GB 3096-2008", "name": "声环境质量标准"})]
                    ),
                    "body": streamfield([]),
                }
            ),
        )
        assert (
            AccreditationAreaPage.objects.get(slug="noise").standards[0].value["code"]
            == "GB 3096-2008"
        )

    def test_index_pages(self):
        # A fresh home page so the one-per-parent rule does not stop us.
        home = HomePage(title="第二首页", slug="home-two", hero_headline="标题")
        Page.get_first_root_node().add_child(instance=home)
        for model, slug in (
            (AccreditationIndexPage, "accreditation"),
            (ServiceIndexPage, "services"),
        ):
            self.assertCanCreate(
                home,
                model,
                nested_form_data({"title": "索引", "slug": slug, "intro": "", "body": self.body()}),
            )
        self.assertCanCreate(
            home,
            NewsIndexPage,
            nested_form_data({"title": "新闻动态", "slug": "news", "intro": ""}),
        )

    def test_news_article(self):
        self.assertCanCreate(
            self.tree["news"],
            NewsArticlePage,
            nested_form_data(
                {
                    "title": "公司通过资质认定复评审",
                    "slug": "cma-review",
                    "date": "2024-05-20",
                    "source": "本公司",
                    "summary": "摘要",
                    "tags": "资质",
                    "body": self.body(),
                }
            ),
        )
        assert NewsArticlePage.objects.get(slug="cma-review").live

    def test_home_page(self):
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "首页",
                    "slug": "home-new",
                    "hero_headline": "专业环境检测",
                    "hero_intro": "",
                    "hero_cta_url": "",
                    "more_slides": streamfield([]),
                    "featured_services": inline_formset([]),
                    "body": streamfield([]),
                    "contact_strip_text": "",
                }
            ),
        )

    def test_contact_page(self):
        home = HomePage(title="第二首页", slug="home-three", hero_headline="标题")
        Page.get_first_root_node().add_child(instance=home)
        self.assertCanCreate(
            home,
            ContactPage,
            nested_form_data(
                {
                    "title": "联系我们",
                    "slug": "contact",
                    "intro": "欢迎来电",
                    "body": streamfield([]),
                    "form_fields": inline_formset([]),
                    "thank_you_text": rich_text("<p>谢谢</p>"),
                    "to_address": "lab@guoping-testing.example",
                    "from_address": "web@guoping-testing.example",
                    "subject": "委托",
                }
            ),
        )


@pytest.mark.django_db
class TestEditorWorkflow(WagtailPageTestCase):
    """An editor adds a block to a service page, previews it, and publishes it."""

    def setUp(self):
        self.tree = make_site_tree()
        self.user = self.login()

    def test_add_block_preview_and_publish(self):
        service = self.tree["service"]
        data = nested_form_data(
            {
                "title": service.title,
                "slug": service.slug,
                "summary": service.summary,
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>依据 GB 36600 开展土壤检测。</p>")),
                        (
                            "call_to_action",
                            {
                                "heading": "马上委托",
                                "text": "",
                                "button_label": "联系我们",
                                "page": self.tree["contact"].pk,
                                "url": "",
                            },
                        ),
                    ]
                ),
                "related_areas": inline_formset([]),
                "call_to_action": "",
            }
        )
        self.assertPageIsPreviewable(service, post_data=data)
        self.client.force_login(self.user)  # the assertion above logs its own user out
        preview_url = f"/admin/pages/{service.pk}/edit/preview/"
        assert self.client.post(preview_url, data).json()["is_valid"]
        preview = self.client.get(preview_url)
        assert "马上委托" in preview.content.decode()
        # Not yet on the live site.
        assert "马上委托" not in Client().get(service.url).content.decode()
        data["action-publish"] = "action-publish"
        response = self.client.post(f"/admin/pages/{service.pk}/edit/", data)
        assert response.status_code == 302
        live = Client().get(service.url).content.decode()
        assert "马上委托" in live
        assert self.tree["contact"].url in live

    def test_invalid_block_keeps_the_saved_page(self):
        service = self.tree["service"]
        data = nested_form_data(
            {
                "title": service.title,
                "slug": service.slug,
                "summary": service.summary,
                "body": streamfield(
                    [
                        (
                            "call_to_action",
                            {
                                "heading": "缺少链接",
                                "text": "",
                                "button_label": "联系",
                                "page": "",
                                "url": "",
                            },
                        )
                    ]
                ),
                "related_areas": inline_formset([]),
                "call_to_action": "",
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/{service.pk}/edit/", data)
        assert response.status_code == 200  # the form again, with the message
        assert (
            "Choose a page or enter an address" in response.content.decode()
            or "选择" in response.content.decode()
        )
        service.refresh_from_db()
        assert "依据 GB 36600 开展土壤检测。" in str(service.body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept_language, title",
    [("zh-CN,zh;q=0.9", "登录 - Wagtail"), ("en-GB,en;q=0.9", "Sign in - Wagtail")],
)
def test_admin_follows_the_browser_language(client, accept_language, title):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert f"<title>{title}</title>" in response.content.decode()


@pytest.mark.django_db
def test_public_site_language_comes_from_the_address_not_the_browser(site_tree, client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans"' in html
