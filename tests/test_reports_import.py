"""Importing test reports from the LIMS in the admin: upload, dry run (what each row creates,
changes or why it is rejected), apply in one transaction; the same file again changes nothing."""

import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from corporate.imports.models import ImportRun
from corporate.reports.codes import hash_code
from corporate.reports.models import TestReport
from tests import factories
from tests.helpers import make_site_tree

pytestmark = pytest.mark.django_db

HEADER = (
    "报告编号,验证码,委托单位,项目/样品,资质领域,签发日期,状态,替代报告,撤销原因,撤销日期,报告语言"
)
GOOD_ROWS = [
    "GP-2025-0001,AAAA1111,山东某某化工有限公司,厂界噪声,土壤和水系沉积物,2025-03-01,有效,,,,zh",
    "GP-2025-0002,BBBB2222,济南某某环保有限公司,地下水,soil,2025/03/02,valid,,,,en",
    "GP-2025-0003,CCCC3333,青岛某某港务有限公司,海水,土壤和水系沉积物;soil,2025年3月3日,已替代,GP-2025-0002,,,中英文",
    "GP-2025-0004,DDDD4444,淄博某某陶瓷有限公司,废气,,2025-03-04,revoked,,样品编号错误,2025-03-20,",
]
BAD_ROWS = {
    "GP-2025-0005,EEEE5555,某公司,项目,土壤和水系沉积物,2025-13-45,有效,,,,": "Bad issue date “2025-13-45”",
    "GP-2025-0006,FFFF6666,某公司,项目,火星土壤,2025-03-01,有效,,,,": "Unknown accreditation area “火星土壤”",
    "GP-2025-0007,,某公司,项目,,2025-03-01,有效,,,,": "The verification code is missing.",
    "GP-2025-0008,GGGG7777,某公司,项目,,2025-03-01,作废了,,,,": "Unknown status “作废了”",
    "GP-2025-0009,HHHH8888,某公司,项目,,2025-03-01,superseded,,,,": "needs the number of the report that replaces it",
    "GP-2025-0010,IIII9999,某公司,项目,,2025-03-01,superseded,GP-1999-0000,,,": "Replacing report GP-1999-0000 is neither in the file nor in the database.",
    "GP-2025-0011,JJJJ0000,某公司,项目,,2025-03-01,revoked,,,,": "A revoked report needs the reason for revoking.",
    "GP-2025-0012,KKKK1111,某公司,项目,,2099-01-01,有效,,,,": "is in the future",
    ",LLLL2222,某公司,项目,,2025-03-01,有效,,,,": "The report number is missing.",
    "GP-2025-0013,MMMM3333,,项目,,2025-03-01,有效,,,,": "The client's name is missing.",
    "GP-2025-0014,NNNN4444,某公司,项目,,2025-03-01,有效,,,,klingon": "Unknown report language “klingon”",
    "GP#2025,OOOO5555,某公司,项目,,2025-03-01,有效,,,,": "may hold letters, digits",
    "GP-2025-0015,PPPP6666,甲公司,项目,,2025-03-01,有效,,,,": "Duplicate number: on lines",
    "GP-2025-0015,QQQQ7777,乙公司,项目,,2025-03-01,有效,,,,": "Duplicate number: on lines",
}


@pytest.fixture
def tree(db):
    return make_site_tree()


@pytest.fixture
def lab_client(client, django_user_model, tree):
    user = django_user_model.objects.create_user(username="lab", password="pw-123456")
    user.groups.add(Group.objects.get(name="Reports"))
    client.login(username="lab", password="pw-123456")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin in English
    return client


def csv_file(rows, name="lims.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(
        name, "\n".join([HEADER, *rows]).encode(encoding), content_type="text/csv"
    )


def upload(client, file):
    return client.post("/admin/imports/reports/", {"file": file, "progress_token": "t1"})


def run_page(client, response, show=""):
    assert response.status_code == 302, response.content.decode()[:2000]
    return unescape(client.get(response.url + (f"?show={show}" if show else "")).content.decode())


def counts(html):
    return dict(re.findall(r'<td data-action="(\w+)">(\d+)</td>', html))


def test_dry_run_shows_each_row_and_writes_nothing(lab_client):
    response = upload(lab_client, csv_file(GOOD_ROWS + list(BAD_ROWS)))
    html = run_page(lab_client, response, show="reject")
    assert counts(html) == {
        "create": "4",
        "update": "0",
        "unchanged": "0",
        "reject": str(len(BAD_ROWS)),
    }
    for reason in BAD_ROWS.values():
        assert reason in html, reason
    assert TestReport.objects.count() == 0
    created = run_page(lab_client, upload(lab_client, csv_file(GOOD_ROWS)), show="create")
    assert "GP-2025-0003" in created


def test_apply_writes_the_accepted_rows_and_a_second_import_changes_nothing(lab_client, tree):
    upload(lab_client, csv_file(GOOD_ROWS + list(BAD_ROWS)))
    run = ImportRun.objects.get()
    applied = lab_client.post(f"/admin/imports/reports/{run.pk}/apply/", {"progress_token": "t2"})
    assert applied.status_code == 302
    assert "Imported: 4 new, 0 changed, 0 unchanged" in lab_client.get(applied.url).content.decode()
    assert TestReport.objects.count() == 4
    first = TestReport.objects.get(number="GP-2025-0001")
    assert first.code_hash == hash_code("GP-2025-0001", "AAAA1111")
    assert list(first.areas.all()) == [tree["area"]]
    third = TestReport.objects.get(number="GP-2025-0003")
    assert third.status == TestReport.SUPERSEDED
    assert third.superseded_by.number == "GP-2025-0002"
    assert third.language == "zh-hans+en" and third.issue_date == datetime.date(2025, 3, 3)
    assert list(third.areas.all()) == [tree["area"]]  # the same area named twice
    fourth = TestReport.objects.get(number="GP-2025-0004")
    assert (fourth.status, fourth.revoked_reason, fourth.revoked_on) == (
        TestReport.REVOKED,
        "样品编号错误",
        datetime.date(2025, 3, 20),
    )
    updated_at = {r.number: r.updated_at for r in TestReport.objects.all()}

    again = run_page(lab_client, upload(lab_client, csv_file(GOOD_ROWS + list(BAD_ROWS))))
    assert counts(again) == {
        "create": "0",
        "update": "0",
        "unchanged": "4",
        "reject": str(len(BAD_ROWS)),
    }
    assert "Nothing to apply" in again
    assert "The same file was applied on" in again
    assert {r.number: r.updated_at for r in TestReport.objects.all()} == updated_at


def test_a_changed_row_is_an_update_naming_the_fields(lab_client):
    factories.TestReportFactory(
        number="GP-2025-0001",
        code="AAAA1111",
        client_name="旧名称",
        issue_date=datetime.date(2025, 3, 1),
    )
    html = run_page(lab_client, upload(lab_client, csv_file(GOOD_ROWS[:1])), show="update")
    assert "client" in html and "accreditation areas" in html
    run = ImportRun.objects.get()
    lab_client.post(f"/admin/imports/reports/{run.pk}/apply/")
    report = TestReport.objects.get(number="GP-2025-0001")
    assert report.client_name == "山东某某化工有限公司" and report.areas.count() == 1


def test_apply_refuses_when_the_database_changed_since_the_dry_run(lab_client):
    upload(lab_client, csv_file(GOOD_ROWS[:2]))
    run = ImportRun.objects.get()
    factories.TestReportFactory(number="GP-2025-0001", code="AAAA1111")
    response = lab_client.post(f"/admin/imports/reports/{run.pk}/apply/")
    html = lab_client.get(response.url).content.decode()
    assert "The data changed since this dry run, so nothing was imported." in html
    assert TestReport.objects.count() == 1
    run.refresh_from_db()
    assert run.status == ImportRun.STALE


def test_xlsx_with_date_cells(lab_client, tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Report number",
            "Verification code",
            "Client",
            "Accreditation areas",
            "Issue date",
            "Status",
        ]
    )
    sheet.append(
        [
            "GP-2025-0100",
            "XLSX0001",
            "Acme Chemical Co., Ltd.",
            "soil",
            datetime.datetime(2025, 2, 1),
            "valid",
        ]
    )
    sheet.append(["GP-2025-0101", 12345678, "Acme Chemical Co., Ltd.", "", "not a date", "valid"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("lims.xlsx", buffer.getvalue())
    html = run_page(lab_client, upload(lab_client, file), show="reject")
    assert counts(html) == {"create": "1", "update": "0", "unchanged": "0", "reject": "1"}
    assert "Bad issue date “not a date”" in html
    lab_client.post(f"/admin/imports/reports/{ImportRun.objects.get().pk}/apply/")
    report = TestReport.objects.get(number="GP-2025-0100")
    assert report.issue_date == datetime.date(2025, 2, 1)


def test_a_gb18030_csv_from_an_old_lims_is_read(lab_client):
    html = run_page(lab_client, upload(lab_client, csv_file(GOOD_ROWS[:1], encoding="gb18030")))
    assert counts(html)["create"] == "1"


@pytest.mark.parametrize(
    "file, message",
    [
        (
            SimpleUploadedFile("lims.csv", "编号,委托单位\nGP-1,某公司".encode()),
            "Required columns are missing",
        ),
        (SimpleUploadedFile("lims.pdf", b"%PDF-1.4"), "Upload a CSV or an XLSX file."),
        (
            SimpleUploadedFile("lims.xlsx", b"PK\x03\x04 broken"),
            "The file is not a readable XLSX workbook.",
        ),
        (
            SimpleUploadedFile("lims.csv", HEADER.encode()),
            "The file has column headings but no rows.",
        ),
    ],
)
def test_unreadable_files_are_a_400_with_a_message(lab_client, file, message):
    response = upload(lab_client, file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_progress_and_outcomes_csv(lab_client):
    upload(lab_client, csv_file(GOOD_ROWS + list(BAD_ROWS)[:1]))
    progress = lab_client.get("/admin/imports/progress/t1/").json()
    assert progress == {"phase": "checked", "done": 5, "total": 5}
    run = ImportRun.objects.get()
    outcome = lab_client.get(f"/admin/imports/reports/{run.pk}/outcomes.csv").content.decode(
        "utf-8-sig"
    )
    assert outcome.splitlines()[0] == "Line,Key,Action,Reasons,Changed fields"
    assert "GP-2025-0005" in outcome and "Rejected" in outcome
    assert run.file.path.startswith(str(__import__("django.conf").conf.settings.PRIVATE_MEDIA_ROOT))


def test_editors_cannot_import_reports(client, django_user_model, tree):
    user = django_user_model.objects.create_user(username="editor", password="pw-123456")
    user.groups.add(Group.objects.get(name="Editors"))
    client.login(username="editor", password="pw-123456")
    assert client.get("/admin/imports/reports/").status_code in (302, 403)
    assert upload(client, csv_file(GOOD_ROWS)).status_code in (302, 403)
    assert TestReport.objects.count() == 0
