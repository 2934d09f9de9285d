"""Report verification (报告查询): lookup by number and code or by the QR code's address, in
both languages; a wrong code and an unknown number answered alike; the rate limit; the log;
the PDF in private storage; the Reports-only admin with its QR codes."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from corporate.reports.codes import SIGNATURE_LENGTH, hash_code, make_token
from corporate.reports.masking import mask_client_name
from corporate.reports.models import ReportLookup, ReportVerificationPage, TestReport
from home.models import HomePage
from tests import factories
from tests.helpers import build_reports_site, has_han, make_site_tree, shared_state, translated

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">')


def _build_reports_site():
    return build_reports_site(Locale.objects.get_or_create(language_code="en")[0])


_state_reports_site = shared_state("reports_site", _build_reports_site)


@pytest.fixture
def tree(_state_reports_site, en):
    """``build_reports_site``, built once per session (tests/conftest.py)."""
    return _state_reports_site.fetch()


def verify(client, url, number, code, **extra):
    return client.post(url, {"number": number, "code": code}, **extra)


# -- the page -----------------------------------------------------------------------------------


def test_the_page_shows_the_form_in_both_languages(tree, client):
    for url, verify_url in [
        ("/reports/", "/reports/verify/"),
        ("/en/reports/", "/en/reports/verify/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        form = BeautifulSoup(response.content, "html.parser").find("form", method="post")
        assert form["action"] == verify_url
    chinese = client.get("/reports/verify/")
    assert chinese.status_code == 200
    assert "报告查询" in chinese.content.decode()
    english = client.get("/en/reports/verify/")
    assert english.status_code == 200
    html = english.content.decode()
    assert "Report verification" in html and "Verification code" in html
    assert not has_han(html.split("<main")[1].split("</main>")[0])


@pytest.mark.parametrize(
    "url, area_title",
    [("/reports/verify/", "土壤和水系沉积物"), ("/en/reports/verify/", "Soil and sediments")],
)
def test_verify_by_number_and_code(tree, client, url, area_title):
    response = verify(client, url, "gp-2025-00042", "k7q2 m9x4")  # case and spaces do not count
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="report-number">GP-2025-00042<' in html
    assert "verify-result--valid" in html
    assert "山东**化工有限公司" in html and "山东某某化工有限公司" not in html
    assert area_title in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert "noindex" in response["X-Robots-Tag"]
    assert "K7Q2" not in html  # the code is never echoed


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_verify_by_the_qr_code_address(tree, client, prefix):
    token = make_token(tree["report"])
    response = client.get(f"{prefix}/reports/verify/{token}/")
    assert response.status_code == 200
    assert 'data-testid="report-number">GP-2025-00042<' in response.content.decode()
    assert ReportLookup.objects.get().method == ReportLookup.QR


def test_a_tampered_or_outdated_qr_code_is_refused(tree, client):
    report = tree["report"]
    token = make_token(report)
    payload, signature = token[:-SIGNATURE_LENGTH], token[-SIGNATURE_LENGTH:]
    other = json.loads(signing.b64_decode(payload.encode()))
    other[0] = "GP-2025-00043"
    forged = signing.b64_encode(json.dumps(other).encode()).decode() + signature
    assert client.get(f"/en/reports/verify/{forged}/").status_code == 404
    assert client.get("/en/reports/verify/not-a-token/").status_code == 404
    # A new code makes the QR code printed with the old one invalid.
    report.code_hash = hash_code(report.number, "NEWCODE1")
    report.save()
    response = client.get(f"/en/reports/verify/{token}/")
    assert response.status_code == 404
    assert "This QR code does not belong to a report" in response.content.decode()
    assert set(ReportLookup.objects.values_list("result", flat=True)) == {ReportLookup.BAD_TOKEN}


@pytest.mark.parametrize("url", ["/reports/verify/", "/en/reports/verify/"])
def test_wrong_code_and_unknown_number_are_indistinguishable(tree, client, url):
    wrong_code = verify(client, url, "GP-2025-00042", "WRONG123")
    unknown = verify(client, url, "GP-2099-99999", "WRONG123")
    assert wrong_code.status_code == unknown.status_code == 404

    def body(response, number):
        html = CSRF_INPUT.sub("", response.content.decode())
        assert html.count(number) >= 1  # the number is echoed, so a typo can be seen
        return html.replace(number, "<NUMBER>")

    assert body(wrong_code, "GP-2025-00042") == body(unknown, "GP-2099-99999")
    results = list(ReportLookup.objects.order_by("pk").values_list("result", flat=True))
    assert results == [ReportLookup.WRONG_CODE, ReportLookup.UNKNOWN]  # only the log tells


def test_superseded_and_revoked_reports(tree, client):
    new = factories.TestReportFactory(number="GP-2025-00050")
    old = tree["report"]
    old.status, old.superseded_by = TestReport.SUPERSEDED, new
    old.save()
    html = verify(client, "/en/reports/verify/", old.number, "K7Q2M9X4").content.decode()
    assert "verify-result--superseded" in html and "replaced by report GP-2025-00050" in html

    old.status, old.superseded_by = TestReport.REVOKED, None
    old.revoked_reason, old.revoked_on = "Sample mix-up", datetime.date(2025, 4, 2)
    old.save()
    html = verify(client, "/en/reports/verify/", old.number, "K7Q2M9X4").content.decode()
    assert "verify-result--revoked" in html and "Sample mix-up" in html and "Revoked on" in html


def test_incomplete_form_is_a_400_with_messages(tree, client):
    response = client.post("/en/reports/verify/", {"number": "", "code": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the report number printed on the report." in html
    assert "Enter the verification code printed on the report." in html


# -- the PDF --------------------------------------------------------------------------------------


def test_the_pdf_is_private_and_offered_only_for_a_valid_published_report(tree, client):
    report = tree["report"]
    report.pdf.save("gp-2025-00042.pdf", ContentFile(b"%PDF-1.4 sample report\n"), save=False)
    report.publish_pdf = True
    report.save()
    assert str(settings.PRIVATE_MEDIA_ROOT) in report.pdf.path
    assert str(settings.MEDIA_ROOT) not in report.pdf.path
    with pytest.raises(ValueError):
        report.pdf.url  # noqa: B018 (no public address)

    token = make_token(report)
    html = client.get(f"/reports/verify/{token}/").content.decode()
    assert f"/reports/verify/{token}/pdf/" in html
    response = client.get(f"/reports/verify/{token}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    report.publish_pdf = False
    report.save()
    assert "/pdf/" not in client.get(f"/reports/verify/{token}/").content.decode()
    assert client.get(f"/reports/verify/{token}/pdf/").status_code == 404


# -- rate limit and log ---------------------------------------------------------------------------


@override_settings(REPORTS_LOOKUP_RATE_LIMIT=(3, 600))
def test_lookups_per_address_are_limited(tree, client):
    token = make_token(tree["report"])
    assert verify(client, "/en/reports/verify/", "GP-1", "X").status_code == 404
    assert verify(client, "/en/reports/verify/", "GP-2", "X").status_code == 404
    assert client.get(f"/en/reports/verify/{token}/").status_code == 200  # QR lookups count too
    refused = verify(client, "/en/reports/verify/", "GP-2025-00042", "K7Q2M9X4")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert re.search(
        r"Too many lookups from your address\. Please try again in \d+ minutes?\.",
        refused.content.decode(),
    )
    # Another address is not affected.
    other = verify(
        client, "/en/reports/verify/", "GP-2025-00042", "K7Q2M9X4", REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200
    assert ReportLookup.objects.filter(result=ReportLookup.RATE_LIMITED).count() == 1


def test_every_lookup_is_logged_with_a_hashed_address(tree, client):
    verify(client, "/reports/verify/", "GP-2025-00042", "K7Q2M9X4", REMOTE_ADDR="192.0.2.7")
    verify(client, "/en/reports/verify/", "GP-2025-00042", "nope", REMOTE_ADDR="192.0.2.7")
    rows = list(ReportLookup.objects.order_by("pk"))
    assert [(r.number, r.result, r.language) for r in rows] == [
        ("GP-2025-00042", ReportLookup.VALID, "zh-hans"),
        ("GP-2025-00042", ReportLookup.WRONG_CODE, "en"),
    ]
    assert rows[0].address_hash == rows[1].address_hash
    assert "192.0.2.7" not in rows[0].address_hash and len(rows[0].address_hash) == 16


# -- masking --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, masked",
    [
        ("山东某某化工有限公司", "山东**化工有限公司"),
        ("济南市环境保护研究院", "济南**保护研究院"),
        ("青岛某某股份有限公司", "青**某股份有限公司"),
        ("张三", "张**"),
        ("Acme Chemical Co., Ltd.", "A*** Chemical Co., Ltd."),
        ("Northwind Traders", "N*** Traders"),
    ],
)
def test_client_names_are_masked(name, masked):
    assert mask_client_name(name) == masked


# -- admin: the Reports group only ----------------------------------------------------------------


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw-123456")
    user.groups.add(Group.objects.get(name=group))
    return user


def shows(html, label):
    """The admin menu is JSON in the page (non-ASCII escaped as \\uXXXX)."""
    return label in html or json.dumps(label)[1:-1] in html


def test_only_the_reports_group_manages_reports(tree, client, django_user_model):
    make_user(django_user_model, "editor", "Editors")
    make_user(django_user_model, "lab", "Reports")
    client.login(username="editor", password="pw-123456")
    assert not shows(client.get("/admin/").content.decode(), translated("Test reports"))
    for url in ("/admin/test_reports/", "/admin/test-reports/lookups/", "/admin/imports/reports/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.logout()

    client.login(username="lab", password="pw-123456")
    dashboard = client.get("/admin/").content.decode()
    assert shows(dashboard, translated("Test reports"))
    listing = client.get("/admin/test_reports/")
    assert listing.status_code == 200 and "GP-2025-00042" in listing.content.decode()
    assert client.get("/admin/pages/").status_code in (302, 403)  # no pages for this group


def test_a_reports_user_adds_a_report_through_the_admin(tree, client, django_user_model):
    make_user(django_user_model, "lab", "Reports")
    client.login(username="lab", password="pw-123456")
    data = {
        "number": "gp-2025-00077",
        "verification_code": "ZX12-CV34",
        "client_name": "济南某某环保科技有限公司",
        "description": "地下水检测",
        "areas": [str(tree["area"].pk)],
        "issue_date": "2025-05-06",
        "language": "zh-hans",
        "status": "valid",
        "replaced_by_number": "",
        "revoked_reason": "",
        "revoked_on": "",
    }
    response = client.post("/admin/test_reports/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = TestReport.objects.get(number="GP-2025-00077")
    assert report.code_hash == hash_code("GP-2025-00077", "ZX12CV34")
    assert list(report.areas.all()) == [tree["area"]]
    # Superseded without a known replacement: refused with a message, nothing saved.
    edit = client.post(
        f"/admin/test_reports/edit/{report.pk}/",
        {**data, "status": "superseded", "replaced_by_number": "GP-0000"},
    )
    assert edit.status_code == 200
    assert translated("There is no report with this number.") in edit.content.decode()
    assert TestReport.objects.get(pk=report.pk).status == TestReport.VALID
    # Editing without a code keeps the code.
    saved = client.post(
        f"/admin/test_reports/edit/{report.pk}/",
        {**data, "verification_code": "", "description": "地下水"},
    )
    assert saved.status_code == 302, re.findall(
        r'class="error-message">(.*?)<', saved.content.decode(), re.S
    )
    report.refresh_from_db()
    assert report.description == "地下水" and report.code_hash == hash_code(
        report.number, "ZX12CV34"
    )


def test_the_admin_offers_qr_codes_as_png_and_svg(tree, client, django_user_model):
    make_user(django_user_model, "lab", "Reports")
    client.login(username="lab", password="pw-123456")
    report = tree["report"]
    png = client.get(f"/admin/test-reports/qr/{report.pk}.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get(f"/admin/test-reports/qr/{report.pk}.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    edit = client.get(f"/admin/test_reports/edit/{report.pk}/").content.decode()
    assert f"http://localhost/reports/verify/{make_token(report)}/" in edit
    client.logout()
    make_user(django_user_model, "editor", "Editors")
    client.login(username="editor", password="pw-123456")
    assert client.get(f"/admin/test-reports/qr/{report.pk}.png").status_code in (302, 403)


def test_the_lookup_log_counts_per_day(tree, client, django_user_model):
    verify(client, "/reports/verify/", "GP-2025-00042", "K7Q2M9X4")
    verify(client, "/reports/verify/", "GP-2025-00042", "bad")
    verify(client, "/reports/verify/", "GP-9", "bad")
    make_user(django_user_model, "lab", "Reports")
    client.login(username="lab", password="pw-123456")
    html = client.get("/admin/test-reports/lookups/").content.decode()
    today = datetime.date.today().isoformat()
    row = re.search(rf"<tr><td>{today}</td>(.*?)</tr>", html).group(1)
    cells = re.findall(r"<td>(?:<strong>)?(\d+)", row)
    # valid, superseded, revoked, wrong code, unknown, bad token, rate limited, invalid, total
    assert cells == ["1", "0", "0", "1", "1", "0", "0", "0", "3"]


# -- page type rules and the admin form -------------------------------------------------------------


class TestVerificationPageType(WagtailPageTestCase):
    def setUp(self):
        self.tree = make_site_tree()
        self.login()

    def test_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ReportVerificationPage, {HomePage})
        self.assertAllowedSubpageTypes(ReportVerificationPage, set())

    def test_created_through_the_admin(self):
        self.assertCanCreate(
            self.tree["home"],
            ReportVerificationPage,
            nested_form_data(
                {
                    "title": "报告查询",
                    "slug": "reports",
                    "intro": "核验检测报告。",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>报告编号位于报告封面右上角。</p>"))]
                    ),
                }
            ),
        )
        assert ReportVerificationPage.objects.get(slug="reports").intro == "核验检测报告。"
