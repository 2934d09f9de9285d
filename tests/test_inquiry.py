"""The inquiry form on the contact page: what a visitor sees and sends, in both languages, what
editors find in the admin, and how spam and bad input are refused."""

import io
import json
import re

import openpyxl
import polib
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from corporate.demo.inquiry import DEMO_FIELDS, DEMO_SUBJECT, build_inquiry_form
from corporate.inquiries.models import ContactPage, InquirySubmission
from corporate.inquiries.validation import normalise_phone
from tests.helpers import (
    INQUIRY_PO,
    english_data,
    han_in,
    has_han,
    valid_data,
)

REFERENCE = re.compile(r"GP-\d{8}-[2-9A-HJ-NP-Z]{4}")


@pytest.fixture
def site(inquiry_site):
    """``tests.helpers.build_inquiry_site()`` with its English, built once per session
    (tests/conftest.py); each test's changes are rolled back."""
    yield inquiry_site
    cache.clear()


@pytest.fixture
def zh_site(inquiry_site_zh):
    """``build_inquiry_site(english=False)``, built once per session."""
    yield inquiry_site_zh
    cache.clear()


# -- the form a visitor sees ------------------------------------------------------------------


def test_chinese_form_shows_editor_fields_services_and_privacy_link(zh_site, client):
    response = client.get(zh_site["contact"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<section class="inquiry" id="inquiry"' in html
    for label in ("姓名", "单位名称", "联系电话", "电子邮箱", "检测服务", "样品类型", "检测需求"):
        assert label in html
    assert 'value="soil-testing"' in html and "土壤检测" in html
    assert 'value="hazardous-waste-identification"' in html and "危险废物鉴别" in html
    assert f'href="{zh_site["privacy"].url}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The honeypot is in the form but hidden from people and assistive technology.
    assert 'class="inquiry-form__trap" aria-hidden="true"' in html
    # Company details come from the company profile.
    assert "0531-0000 0000" in html


def test_english_form_is_translated_and_lists_english_services(site, client):
    html = client.get(site["contact_en"].url).content.decode()
    for label in ("Name", "Company or organisation", "Phone", "Sample type", "Project location"):
        assert f">{label}" in html
    assert "I have read the privacy policy" in html
    assert "Water and wastewater" in html
    assert site["service_en"].title in html
    english_privacy = site["privacy"].get_translation(site["contact_en"].locale)
    assert f'href="{english_privacy.url}"' in html
    # No Chinese label, choice or service title leaks into the English form.
    form_html = html[html.index('id="inquiry"') : html.index("</form>")]
    assert not has_han(form_html), han_in(form_html)


def test_request_a_quote_button_preselects_the_service(site, client):
    for service in (site["service"], site["service_en"]):
        html = client.get(service.url).content.decode()
        contact = (
            site["contact"] if service.locale.language_code == "zh-hans" else site["contact_en"]
        )
        link = f"{contact.url}?service={service.slug}#inquiry"
        assert f'href="{link}"' in html
        form = client.get(f"{contact.url}?service={service.slug}").content.decode()
        assert re.search(rf'<option value="{service.slug}"\s+selected>', form)


def test_unknown_service_in_the_link_is_ignored(zh_site, client):
    response = client.get(zh_site["contact"].url + "?service=%3Cscript%3E")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split('id="inquiry"')[1]


# -- sending --------------------------------------------------------------------------------


def test_chinese_submission_is_stored_mailed_and_acknowledged(zh_site, client):
    response = client.post(zh_site["contact"].url, valid_data())
    assert response.status_code == 303  # post, redirect, get: a reload sends nothing again
    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    submission = InquirySubmission.objects.get()
    assert submission.reference in html
    assert REFERENCE.fullmatch(submission.reference)
    assert "谢谢" in html or "感谢" in html
    assert submission.language == "zh-hans"
    assert submission.page_id == zh_site["contact"].pk
    assert submission.form_data["name"] == "张三"
    assert submission.form_data["phone"] == "138 1234 5678"
    assert submission.form_data["service"] == "土壤检测"
    assert submission.form_data["consent"] is True
    assert "contact_website" not in submission.form_data
    assert submission.mail_sent_at is not None and submission.mail_error == ""

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lab@guoping-testing.example", "sales@guoping-testing.example"]
    assert message.subject == f"{zh_site['contact'].subject} {submission.reference}"
    assert message.reply_to == ["zhang.san@example.com"]
    assert "姓名：张三" in message.body
    assert "检测服务：土壤检测" in message.body
    assert "建设用地土壤检测" in message.body


def test_english_submission_is_stored_mailed_and_acknowledged_in_english(site, client):
    contact = site["contact_en"]
    response = client.post(contact.url, english_data(service=site["service_en"].slug))
    assert response.status_code == 303
    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Thank you" in html
    submission = InquirySubmission.objects.get()
    assert submission.reference in html
    assert submission.language == "en"
    assert submission.page_id == contact.pk
    assert submission.form_data["service"] == site["service_en"].title
    assert submission.form_data["phone"] == "+44 20 7946 0958"
    assert submission.form_data["sample_type"] == "Soil and sediments"
    # The recipients are synchronised from the Chinese page.
    assert mail.outbox[0].to == ["lab@guoping-testing.example", "sales@guoping-testing.example"]
    assert submission.reference in mail.outbox[0].subject
    assert "Name: Jane Smith" in mail.outbox[0].body
    # The thank-you page of the English site holds no Chinese text of the page itself.
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert not has_han(main), han_in(main)


def test_mail_failure_keeps_the_submission_and_is_logged(zh_site, client, settings, caplog):
    # A real SMTP back end pointed at a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2
    with caplog.at_level("ERROR", logger="corporate.inquiries"):
        response = client.post(zh_site["contact"].url, valid_data(), follow=True)
    assert response.status_code == 200
    submission = InquirySubmission.objects.get()
    assert submission.reference in response.content.decode()
    assert submission.mail_sent_at is None
    assert submission.mail_error
    assert submission.form_data["name"] == "张三"
    assert any(submission.reference in record.getMessage() for record in caplog.records)


def test_page_without_recipients_still_stores(zh_site, client):
    contact = zh_site["contact"]
    contact.to_address = ""
    contact.save_revision().publish()
    response = client.post(contact.url, valid_data())
    assert response.status_code == 303
    submission = InquirySubmission.objects.get()
    assert submission.mail_sent_at is None and submission.mail_error
    assert mail.outbox == []


def test_thank_you_page_shows_the_reference_again_on_reload_and_sends_nothing(zh_site, client):
    contact = zh_site["contact"]
    response = client.post(contact.url, valid_data())
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith(contact.url + "?thanks=")
    submission = InquirySubmission.objects.get()
    assert submission.reference not in location  # signed, not readable or forgeable
    for _reload in range(3):
        again = client.get(location)
        assert again.status_code == 200
        assert submission.reference in again.content.decode()
        assert again["Cache-Control"] == "private, no-store"
    assert InquirySubmission.objects.count() == 1
    assert len(mail.outbox) == 1
    # A forged or foreign token thanks without showing any number.
    forged = client.get(contact.url + "?thanks=GP-20260101-AAAA")
    assert forged.status_code == 200
    assert "GP-20260101-AAAA" not in forged.content.decode()
    assert "data-reference" not in forged.content.decode()


# -- abuse ----------------------------------------------------------------------------------


def test_rate_limit_refuses_the_sixth_request_with_429(zh_site, client):
    url = zh_site["contact"].url
    for _ in range(5):
        assert client.post(url, valid_data()).status_code == 303
    response = client.post(url, valid_data(name="李四"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    with translation.override("zh-hans"):
        expected = ngettext(
            "You have sent several requests in a short time. Please try again in "
            "%(minutes)d minute, or call us.",
            "You have sent several requests in a short time. Please try again in "
            "%(minutes)d minutes, or call us.",
            10,
        ) % {"minutes": 10}
    assert escape(expected) in html
    assert 'value="李四"' in html  # what the visitor typed is kept
    assert InquirySubmission.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(url, valid_data()).status_code == 303


def test_rate_limit_follows_the_setting_and_ignores_mistyped_forms(zh_site, client, settings):
    settings.INQUIRY_RATE_LIMIT = (2, 600)
    url = zh_site["contact"].url
    for _ in range(3):  # invalid forms: the visitor is correcting, not flooding
        assert client.post(url, valid_data(phone="123")).status_code == 400
    assert client.post(url, valid_data()).status_code == 303
    assert client.post(url, valid_data()).status_code == 303
    response = client.post(url, valid_data())
    assert response.status_code == 429
    assert 'role="alert"' in response.content.decode()
    assert InquirySubmission.objects.count() == 2


def test_honeypot_refuses_without_storing_or_mailing(zh_site, client):
    response = client.post(
        zh_site["contact"].url, valid_data(contact_website="http://spam.example")
    )
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("zh-hans"):
        assert escape(gettext("Leave this field empty")) in html
    assert InquirySubmission.objects.count() == 0
    assert mail.outbox == []


def test_csrf_token_is_required(zh_site):
    client = Client(enforce_csrf_checks=True)
    response = client.post(zh_site["contact"].url, valid_data())
    assert response.status_code == 403
    assert InquirySubmission.objects.count() == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", ""),
        ("name", "张" * 201),
        ("name", "张三\r\nBcc: victim@example.com"),
        ("company", "公" * 201),
        ("phone", ""),
        ("phone", "12345"),
        ("phone", "8888 8888"),  # a landline without its area code
        ("phone", "138 1234 567"),  # a mobile number one digit short
        ("phone", "1-800-FLOWERS"),
        ("phone", "+44 20 7946 09581234567890123456"),
        ("email", "not-an-e-mail"),
        ("email", "a@b"),
        ("email", "x" * 250 + "@example.com"),
        ("service", ""),
        ("service", "no-such-service"),
        ("sample_type", ""),
        ("sample_type", "放射性样品"),
        ("location", "济" * 201),
        ("message", ""),
        ("message", "样" * 4001),
        ("message", "含有空字符\x00的留言"),
        ("consent", None),
    ],
)
def test_each_bad_value_is_refused_with_a_field_error(zh_site, client, field, value):
    response = client.post(zh_site["contact"].url, valid_data(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(
        rf'<div class="form-field[^"]*has-error[^"]*">(?:(?!<div class="form-field form-field--).)*?name="{field}"',
        html,
        re.S,
    )
    assert block, f"no error shown on {field}"
    assert InquirySubmission.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("13812345678", "138 1234 5678"),
        ("+86 150-1234-5678", "150 1234 5678"),
        ("0531-8888 8888", "0531 8888 8888"),
        ("(010) 1234 5678", "010 1234 5678"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+1 202-555-0143", "+1 202-555-0143"),
    ],
)
def test_mainland_and_international_phone_numbers_are_accepted(raw, stored):
    assert normalise_phone(raw) == stored


def test_odd_posts_never_make_a_500(zh_site, client):
    url = zh_site["contact"].url
    odd = [
        {},
        {"service": ["soil-testing", "other"], "consent": ["on", "off"]},
        {"phone": "+" * 500, "email": "@" * 500},
        {"message": "x" * 100_000},
    ]
    for data in odd:
        response = client.post(url, data)
        assert response.status_code == 400, data
    assert client.post(url, "garbage", content_type="application/json").status_code == 400
    invalid_utf8 = b"name=%FF%FE&phone=%C0%AF&consent=on"
    response = client.post(url, invalid_utf8, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert InquirySubmission.objects.count() == 0


# -- reference numbers -----------------------------------------------------------------------


def test_reference_numbers_are_unique_even_when_the_draw_repeats(zh_site, monkeypatch):
    page = zh_site["contact"]
    first = InquirySubmission.objects.create(page=page, form_data={})
    draws = iter([first.reference, first.reference, "GP-20261127-ABCD"])
    monkeypatch.setattr("corporate.inquiries.models.new_reference", lambda: next(draws))
    second = InquirySubmission.objects.create(page=page, form_data={})
    assert second.reference == "GP-20261127-ABCD"
    assert InquirySubmission.objects.filter(reference=first.reference).count() == 1


def test_many_reference_numbers_are_distinct_and_readable(zh_site):
    page = zh_site["contact"]
    references = {
        InquirySubmission.objects.create(page=page, form_data={}).reference for _ in range(200)
    }
    assert len(references) == 200
    assert all(REFERENCE.fullmatch(r) for r in references)


# -- the admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_admin_lists_and_exports_submissions_as_csv_and_xlsx(site, client, admin_client):
    client.post(site["contact"].url, valid_data())
    client.post(site["contact_en"].url, english_data(service=site["service_en"].slug))
    zh_ref, en_ref = (
        InquirySubmission.objects.get(language=code).reference for code in ("zh-hans", "en")
    )
    listing = admin_client.get(f"/admin/forms/submissions/{site['contact'].pk}/")
    assert listing.status_code == 200
    assert zh_ref in listing.content.decode() and "张三" in listing.content.decode()

    csv = admin_client.get(f"/admin/forms/submissions/{site['contact'].pk}/?export=csv")
    assert csv.status_code == 200
    content = b"".join(csv.streaming_content)
    assert content.startswith("\ufeff".encode())  # Excel reads the Chinese correctly
    text = content.decode("utf-8-sig")
    assert zh_ref in text and "张三" in text and "138 1234 5678" in text

    xlsx = admin_client.get(f"/admin/forms/submissions/{site['contact_en'].pk}/?export=xlsx")
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    with translation.override("zh-hans"):  # the admin speaks the editors' language
        assert rows[0][0] == gettext("Reference number")
    assert any(en_ref in row and "Jane Smith" in row for row in rows[1:])


def test_csv_export_neutralises_spreadsheet_formulas(zh_site, client, admin_client):
    client.post(zh_site["contact"].url, valid_data(name='=HYPERLINK("http://evil")'))
    csv = admin_client.get(f"/admin/forms/submissions/{zh_site['contact'].pk}/?export=csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_dashboard_warns_about_unsent_notifications(zh_site, admin_client):
    unsent = InquirySubmission.objects.create(
        page=zh_site["contact"], form_data={"name": "王五"}, mail_error="SMTPException: down"
    )
    html = admin_client.get("/admin/").content.decode()
    assert "inquiry-dashboard-panel" in html
    assert "help-warning" in html
    assert unsent.reference in html and "SMTPException: down" in html


# -- the demo form ---------------------------------------------------------------------------


def test_demo_form_is_built_once_and_every_string_has_english(zh_site):
    contact = ContactPage.objects.get(pk=zh_site["contact"].pk)
    assert contact.form_fields.count() == len(DEMO_FIELDS)
    assert build_inquiry_form(contact) == 0
    assert contact.form_fields.count() == len(DEMO_FIELDS)
    # The published revision holds the fields too (an editor's first publish keeps them).
    revision_page = contact.get_latest_revision_as_object()
    assert len(revision_page.form_fields.all()) == len(DEMO_FIELDS)
    english = {e.msgid: e.msgstr for e in polib.pofile(str(INQUIRY_PO))}
    for _name, label, _type, _required, help_text, choices in DEMO_FIELDS:
        for text in (label, help_text, choices.replace("\n", "<br/>")):
            if text:
                assert english.get(text) and not has_han(english[text]), text
    assert english[DEMO_SUBJECT] == "Website inquiry"


def test_editors_see_the_form_fields_in_both_editors(site, admin_client):
    edit = admin_client.get(f"/admin/pages/{site['contact'].pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    for field_type in ("phone", "service", "consent"):
        assert f'<option value="{field_type}" selected>' in html
    assert "样品类型" in html
    # The English page opens in wagtail-localize's translation editor with the form's words.
    translation = admin_client.get(f"/admin/pages/{site['contact_en'].pk}/edit/")
    assert translation.status_code == 200
    text = translation.content.decode()
    assert json.dumps("样品类型")[1:-1] in text  # the source string, JSON-escaped in the props
    assert "Sample type" in text
