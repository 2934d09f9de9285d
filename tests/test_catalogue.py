"""The testing-capability catalogue (检测能力): search by parameter or standard code with the
site search's analysis, filters, 50 rows a page, links to the area and to a quote, the area
pages' parameter lists, the XLSX import, and the catalogue in the site search; both languages."""

import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from corporate.capabilities.models import CapabilityEntry, CataloguePage, CertificatesPage
from corporate.core.models import StandardPage
from corporate.imports.models import ImportRun
from tests import factories
from tests.helpers import has_han, make_site_tree, shared_state, translate

pytestmark = pytest.mark.django_db

ENGLISH = {
    "网站首页": "Home",
    "资质领域": "Accreditation areas",
    "土壤和水系沉积物": "Soil and sediments",
    "水和废水": "Water and wastewater",
    "技术实力": "Technical capabilities",
    "检测能力目录": "Testing capability catalogue",
    "按检测项目或方法标准查询。": "Search by parameter or method standard.",
    "资质证书": "Certificates",
    "本实验室的资质认定证书。": "The laboratory's certificates.",
    "联系我们": "Contact us",
    "欢迎委托检测。": "We welcome your commission.",
    "化学需氧量": "Chemical oxygen demand",
    "水质 化学需氧量的测定 重铬酸盐法": "Water quality – Determination of chemical oxygen demand – Dichromate method",
    "氨氮": "Ammonia nitrogen",
    "水质 氨氮的测定 纳氏试剂分光光度法": "Water quality – Determination of ammonia nitrogen – Nessler's reagent spectrophotometry",
    "铅": "Lead",
    "土壤和沉积物 铜、锌、铅、镍、铬的测定 火焰原子吸收分光光度法": "Soil and sediment – Determination of copper, zinc, lead, nickel and chromium – Flame atomic absorption spectrophotometry",
}


def to_english(instance, en):
    """The English copy of ``instance`` (ENGLISH where given, placeholders for other Chinese)."""
    if isinstance(instance, Page):
        instance = Page.objects.get(pk=instance.pk).specific
    return translate(instance, en, ENGLISH)


def build_catalogue_site(en, extra_rows=0):
    tree = make_site_tree()
    tree["water"] = factories.AccreditationAreaPageFactory(
        parent=tree["accreditation"], title="水和废水", slug="water"
    )
    tree["capabilities"] = factories.StandardPageFactory(
        parent=tree["home"], title="技术实力", slug="capabilities"
    )
    tree["catalogue"] = factories.CataloguePageFactory(
        parent=tree["capabilities"], slug="catalogue"
    )
    tree["certificates"] = factories.CertificatesPageFactory(
        parent=tree["capabilities"], slug="certificates"
    )
    for key in (
        "home",
        "accreditation",
        "area",
        "water",
        "capabilities",
        "catalogue",
        "certificates",
        "contact",
    ):
        tree[f"{key}_en"] = to_english(tree[key], en)
    tree["cod"] = factories.CapabilityEntryFactory(area=tree["water"], sort_order=1)
    tree["ammonia"] = factories.CapabilityEntryFactory(
        area=tree["water"],
        parameter="氨氮",
        aliases="NH3-N",
        method_code="HJ 535-2009",
        method_title="水质 氨氮的测定 纳氏试剂分光光度法",
        detection_limit="0.025 mg/L",
        sort_order=2,
    )
    tree["lead"] = factories.CapabilityEntryFactory(
        area=tree["area"],
        parameter="铅",
        aliases="Pb",
        method_code="HJ 491-2019",
        method_title="土壤和沉积物 铜、锌、铅、镍、铬的测定 火焰原子吸收分光光度法",
        detection_limit="10 mg/kg",
        accredited=False,
        sort_order=3,
    )
    for key in ("cod", "ammonia", "lead"):
        tree[f"{key}_en"] = to_english(tree[key], en)
    for n in range(extra_rows):
        factories.CapabilityEntryFactory(
            area=tree["area"],
            parameter=f"多环芳烃{n:03d}",
            aliases="",
            method_code=f"HJ {900 + n}-2018",
            method_title="土壤和沉积物 多环芳烃的测定",
            sort_order=10 + n,
        )
    return tree


def _build_catalogue_site():
    return build_catalogue_site(Locale.objects.get_or_create(language_code="en")[0])


_state_catalogue_site = shared_state("catalogue_site", _build_catalogue_site)


@pytest.fixture
def tree(_state_catalogue_site, en):
    """``build_catalogue_site(en)``, built once per session (tests/conftest.py)."""
    return _state_catalogue_site.fetch()


def rows(response):
    html = unescape(response.content.decode())
    return re.findall(r'<tr data-testid="catalogue-row">\s*<th scope="row">([^<(]+)', html)


@pytest.mark.parametrize(
    "query",
    [
        "化学需氧量",
        "需氧量",
        "COD",
        "cod",
        "HJ 828",
        "HJ828-2017",
        "ＨＪ８２８",
        "hj 828-2017",
        "重铬酸盐法",
    ],
)
def test_chinese_catalogue_finds_cod_however_it_is_typed(tree, client, query):
    response = client.get("/capabilities/catalogue/", {"q": query})
    assert response.status_code == 200
    assert [r.strip() for r in rows(response)] == ["化学需氧量"]


@pytest.mark.parametrize(
    "query", ["chemical oxygen demand", "oxygen", "COD", "HJ 828", "HJ828-2017", "dichromate"]
)
def test_english_catalogue_finds_cod(tree, client, query):
    response = client.get("/en/capabilities/catalogue/", {"q": query})
    assert response.status_code == 200
    assert [r.strip() for r in rows(response)] == ["Chemical oxygen demand"]
    html = response.content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert not has_han(main), "Chinese under /en/"


def test_unfiltered_catalogue_lists_every_row_of_the_language_in_area_order(tree, client):
    assert [r.strip() for r in rows(client.get("/capabilities/catalogue/"))] == [
        "铅",
        "化学需氧量",
        "氨氮",
    ]
    assert [r.strip() for r in rows(client.get("/en/capabilities/catalogue/"))] == [
        "Lead",
        "Chemical oxygen demand",
        "Ammonia nitrogen",
    ]


def test_filters_by_area_and_by_accreditation(tree, client):
    assert [r.strip() for r in rows(client.get("/capabilities/catalogue/", {"area": "water"}))] == [
        "化学需氧量",
        "氨氮",
    ]
    assert [
        r.strip() for r in rows(client.get("/en/capabilities/catalogue/", {"accredited": "no"}))
    ] == ["Lead"]
    both = client.get("/capabilities/catalogue/", {"q": "HJ", "area": "water", "accredited": "yes"})
    assert sorted(r.strip() for r in rows(both)) == ["化学需氧量", "氨氮"]


@pytest.mark.parametrize(
    "params, status, notice",
    [
        ({"area": "mars"}, 400, "There is no accreditation area “mars”; showing every area."),
        ({"accredited": "maybe"}, 400, "Choose accredited or not accredited; showing both."),
        ({"page": "abc"}, 400, "“abc” is not a page number; here is the first page."),
        ({"page": "99"}, 404, "There is no page 99; here is the first."),
    ],
)
def test_bad_parameters_are_a_4xx_with_a_notice(tree, client, params, status, notice):
    response = client.get("/en/capabilities/catalogue/", params)
    assert response.status_code == status
    assert notice in unescape(response.content.decode())
    assert len(rows(response)) == 3


def test_each_row_links_to_its_area_and_to_a_quote(tree, client):
    html = unescape(client.get("/en/capabilities/catalogue/", {"q": "COD"}).content.decode())
    assert 'href="/en/accreditation/water/">Water and wastewater</a>' in html
    assert 'href="/en/contact/?parameter=Chemical%20oxygen%20demand#inquiry"' in html
    assert "Water quality – Determination of chemical oxygen demand – Dichromate method" in html
    assert "4 mg/L" in html


def test_fifty_rows_a_page(en, client):
    build_catalogue_site(en, extra_rows=60)
    first = client.get("/capabilities/catalogue/")
    assert len(rows(first)) == 50
    assert "61–63" not in first.content.decode()
    second = client.get("/capabilities/catalogue/", {"page": 2})
    assert len(rows(second)) == 13
    searched = client.get("/capabilities/catalogue/", {"q": "多环芳烃", "page": 2})
    assert len(rows(searched)) == 10


def test_area_pages_list_their_parameters(tree, client):
    html = client.get("/accreditation/water/").content.decode()
    section = html.split('data-testid="area-parameters"')[1].split("</section>")[0]
    assert "化学需氧量" in section and "HJ 828-2017" in section and "铅" not in section
    assert "/capabilities/catalogue/?area=water" in section
    english = client.get("/en/accreditation/water/").content.decode()
    assert "Chemical oxygen demand" in english.split('data-testid="area-parameters"')[1]


def test_site_search_knows_catalogue_rows_in_their_language(tree, client):
    chinese = unescape(client.get("/search/", {"q": "化学需氧量"}).content.decode())
    section = chinese.split('data-testid="search-catalogue"')[1].split("</section>")[0]
    assert "化学需氧量" in section and "HJ 828-2017" in section
    english = unescape(client.get("/en/search/", {"q": "oxygen demand"}).content.decode())
    section = english.split('data-testid="search-catalogue"')[1].split("</section>")[0]
    assert "Chemical oxygen demand" in section and "化学需氧量" not in section
    assert (
        'data-testid="search-catalogue"'
        not in client.get("/en/search/", {"q": "化学需氧量"}).content.decode()
    )


# -- the import ---------------------------------------------------------------------------------


def workbook_file(rows_):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["资质领域", "检测项目", "缩写", "方法标准编号", "方法标准名称", "检出限", "是否认可"]
    )
    for row in rows_:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("cma-annex.xlsx", buffer.getvalue())


def test_xlsx_import_with_a_dry_run(tree, client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw-123456")
    user.groups.add(Group.objects.get(name="Editors"))
    client.login(username="editor", password="pw-123456")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    good = [
        [
            "水和废水",
            "化学需氧量",
            "COD",
            "HJ828-2017",
            "水质 化学需氧量的测定 重铬酸盐法",
            "4 mg/L",
            "是",
        ],  # unchanged
        [
            "water",
            "总磷",
            "TP",
            "GB 11893-89",
            "水质 总磷的测定 钼酸铵分光光度法",
            "0.01 mg/L",
            "",
        ],  # new
        [
            "水和废水",
            "氨氮",
            "NH3-N",
            "HJ 535-2009",
            "水质 氨氮的测定 纳氏试剂分光光度法",
            "0.03 mg/L",
            "是",
        ],  # changed limit
    ]
    bad = [
        ["火星", "铁", "", "HJ 1-2000", "标题", "", "是"],
        ["水和废水", "", "", "HJ 2-2000", "标题", "", "是"],
        ["水和废水", "锰", "", "国标 11911", "标题", "", "是"],
        ["水和废水", "锌", "", "HJ 3-2000", "", "", "是"],
        ["水和废水", "铜", "", "HJ 4-2000", "标题", "", "也许"],
        ["水和废水", "镍", "", "HJ 5-2000", "标题", "", "是"],
        ["水和废水", "镍", "", "HJ 5-2000", "标题二", "", "是"],
    ]
    response = client.post("/admin/imports/catalogue/", {"file": workbook_file(good + bad)})
    assert response.status_code == 302, response.content.decode()[:2000]
    html = unescape(client.get(response.url + "?show=reject").content.decode())
    assert dict(re.findall(r'<td data-action="(\w+)">(\d+)</td>', html)) == {
        "create": "1",
        "update": "1",
        "unchanged": "1",
        "reject": "7",
    }
    for reason in (
        "Unknown accreditation area “火星”.",
        "The parameter is missing.",
        "Bad method standard code “国标 11911”",
        "The method standard's title is missing.",
        "“Accredited” must be yes or no (是 or 否), not “也许”.",
        "The same area, parameter and method are also on lines",
    ):
        assert reason in html, reason
    run = ImportRun.objects.get()
    client.post(f"/admin/imports/catalogue/{run.pk}/apply/")
    new = CapabilityEntry.objects.get(parameter="总磷")
    assert (
        new.locale.language_code == "zh-hans" and new.area_id == tree["water"].pk and new.accredited
    )
    assert (
        CapabilityEntry.objects.get(
            parameter="氨氮", locale__language_code="zh-hans"
        ).detection_limit
        == "0.03 mg/L"
    )
    # The new row is in the search index at once.
    assert [r.strip() for r in rows(client.get("/capabilities/catalogue/", {"q": "总磷"}))] == [
        "总磷"
    ]
    again = client.post("/admin/imports/catalogue/", {"file": workbook_file(good)})
    html = client.get(again.url).content.decode()
    assert dict(re.findall(r'<td data-action="(\w+)">(\d+)</td>', html)) == {
        "create": "0",
        "update": "0",
        "unchanged": "3",
        "reject": "0",
    }


# -- page type rules ----------------------------------------------------------------------------


class TestCataloguePageTypes(WagtailPageTestCase):
    def setUp(self):
        self.tree = make_site_tree()
        self.capabilities = factories.StandardPageFactory(
            parent=self.tree["home"], title="技术实力", slug="capabilities"
        )
        self.login()

    def test_only_under_a_standard_page(self):
        self.assertAllowedParentPageTypes(CataloguePage, {StandardPage})
        self.assertAllowedParentPageTypes(CertificatesPage, {StandardPage})
        self.assertCanCreateAt(StandardPage, CataloguePage)
        self.assertCanNotCreateAt(type(self.tree["home"]), CataloguePage)

    def test_created_through_the_admin(self):
        self.assertCanCreate(
            self.capabilities,
            CataloguePage,
            nested_form_data(
                {
                    "title": "检测能力目录",
                    "slug": "catalogue",
                    "intro": "查询",
                    "body": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.capabilities,
            CertificatesPage,
            nested_form_data(
                {
                    "title": "资质证书",
                    "slug": "certificates",
                    "intro": "证书",
                    "body": streamfield([("paragraph", rich_text("<p>证书扫描件带水印。</p>"))]),
                    "also_on": streamfield([("page", self.tree["about"].pk)]),
                }
            ),
        )
        assert (
            CertificatesPage.objects.get(slug="certificates").also_on[0].value.pk
            == self.tree["about"].pk
        )


def test_request_a_quote_fills_in_the_parameter(tree, client):
    from corporate.demo.inquiry import build_inquiry_form
    from corporate.inquiries.models import ContactPage

    build_inquiry_form(ContactPage.objects.get(pk=tree["contact"].pk))
    html = unescape(client.get("/contact/", {"parameter": "化学需氧量"}).content.decode())
    # The words around the parameter come from the UI catalogue (检测项目：… once translated).
    assert re.search(
        r"<textarea[^>]*>\s*(Testing parameter: |检测项目：)化学需氧量</textarea>", html
    )
