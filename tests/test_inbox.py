"""One inquiry inbox for the Inquiry handlers: both languages in one list, choices in Chinese,
filters by date, service, language and handled state, a handled mark, and one CSV/XLSX export in
local time (corporate/inquiries/inbox.py, exports.py)."""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from corporate.inquiries.models import InquirySubmission
from corporate.translations.roles import EDITORS, INQUIRY_HANDLERS, TRANSLATORS, setup_groups
from tests.helpers import english_data, valid_data

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
INDEX = "inbox:index"


@pytest.fixture
def inquiries(inquiry_site):
    """One inquiry from each language's form, as visitors send them."""
    site = inquiry_site
    visitor = Client()
    assert visitor.post(site["contact"].url, valid_data()).status_code == 303
    english = english_data(service=site["service_en"].slug)
    assert (
        Client(REMOTE_ADDR="203.0.113.7").post(site["contact_en"].url, english).status_code == 303
    )
    zh = InquirySubmission.objects.get(language="zh-hans")
    en = InquirySubmission.objects.get(language="en")
    # The English one came in two days earlier, at 23:30 Beijing time (15:30 UTC).
    earlier = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=SHANGHAI)
    InquirySubmission.objects.filter(pk=en.pk).update(submit_time=earlier)
    en.refresh_from_db()
    return {"site": site, "zh": zh, "en": en}


def member(django_user_model, group, name=None):
    setup_groups()
    user = django_user_model.objects.create_user(username=name or group, password="pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def handler(django_user_model):
    return member(django_user_model, INQUIRY_HANDLERS)


def listing(client, **filters):
    response = client.get(reverse(INDEX), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_both_languages_in_one_list_with_choices_in_chinese(inquiries, handler):
    html = listing(handler)
    assert inquiries["zh"].reference in html and inquiries["en"].reference in html
    assert "Jane Smith" in html and "张三" in html
    assert "English" in html and "简体中文" in html
    # The English visitor chose the English service page: the staff read its Chinese title.
    assert html.count("土壤检测") >= 2
    assert inquiries["site"]["service_en"].title not in html


def test_filters_by_language_service_date_and_handled(inquiries, handler):
    zh, en = inquiries["zh"].reference, inquiries["en"].reference
    html = listing(handler, language="en")
    assert en in html and zh not in html
    service = inquiries["site"]["service"]
    html = listing(handler, service=str(service.translation_key))
    assert en in html and zh in html
    other = inquiries["site"]["waste"]
    html = listing(handler, service=str(other.translation_key))
    assert en not in html and zh not in html
    html = listing(handler, submit_time_from="2026-03-01", submit_time_to="2026-03-01")
    assert en in html and zh not in html
    html = listing(handler, is_handled="false")
    assert en in html and zh in html
    html = listing(handler, is_handled="true")
    assert en not in html and zh not in html


def test_a_handler_marks_an_inquiry_handled_with_a_note(inquiries, handler):
    submission = inquiries["en"]
    url = reverse("inbox:edit", args=[submission.pk])
    page = handler.get(url).content.decode()
    assert 'data-testid="inquiry-answers"' in page
    assert "土壤和沉积物" in page  # the English visitor's "Soil and sediments", in Chinese
    response = handler.post(url, {"is_handled": "on", "handling_note": "已回电，约好采样时间。"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.is_handled and submission.handled_at is not None
    assert submission.handling_note == "已回电，约好采样时间。"
    assert submission.form_data["name"] == "Jane Smith"  # the visitor's answers are untouched
    html = listing(handler, is_handled="true")
    assert submission.reference in html and inquiries["zh"].reference not in html


def test_one_export_of_both_languages_in_local_time(inquiries, handler):
    en = inquiries["en"]
    response = handler.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    header, *rows = text.splitlines()
    with translation.override("zh-hans"):
        zone = gettext("Asia/Shanghai")
        assert gettext("Submitted (%(zone)s time)") % {"zone": zone} in header
    assert "样品类型" in header  # labels of the Chinese form
    english_row = next(row for row in rows if en.reference in row)
    assert "2026-03-01 23:30:00" in english_row  # Beijing time, not UTC's 15:30
    assert "Jane Smith" in english_row and "土壤检测" in english_row
    assert "土壤和沉积物" in english_row and "Soil and sediments" not in english_row
    assert any(inquiries["zh"].reference in row and "张三" in row for row in rows)

    response = handler.get(reverse(INDEX), {"export": "xlsx", "language": "en"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert len(sheet) == 2 and en.reference in sheet[1]
    assert "2026-03-01 23:30:00" in sheet[1]


def test_only_inquiry_handlers_see_the_inbox(inquiries, handler, django_user_model):
    assert "Jane Smith" in listing(handler)
    for group in (EDITORS, TRANSLATORS):
        client = member(django_user_model, group, name=f"inbox-{group}")
        response = client.get(reverse(INDEX))
        assert response.status_code in (302, 403)
        assert "Jane Smith" not in response.content.decode()
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse(INDEX) not in menu
    home = handler.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in home
    # Nobody adds an inquiry by hand; handlers delete them.
    assert handler.get(reverse("inbox:add")).status_code in (302, 403)
    pk = inquiries["zh"].pk
    response = handler.post(reverse("inbox:delete", args=[pk]))
    assert response.status_code == 302
    assert not InquirySubmission.objects.filter(pk=pk).exists()
