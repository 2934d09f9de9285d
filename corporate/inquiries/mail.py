"""The notification e-mail to the recipients editors set on the contact page.

Sending happens after the submission is stored; a failure is logged and recorded on the
submission (shown in the admin listing and exports), never shown to the visitor as an error."""

import datetime
import logging

import django.forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from corporate.core.cjk import CHINESE_TEXT

logger = logging.getLogger("corporate.inquiries")


def recipients(page):
    return [address.strip() for address in (page.to_address or "").split(",") if address.strip()]


def display_value(value):
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return "" if value is None else str(value)


def labelled(label):
    """``(label, colon)`` for a line of the e-mail: the label without a closing full stop (a
    consent sentence), and a full-width colon after a Chinese label (姓名：张三), ': ' after any
    other (Name: Jane Smith), whatever the language of the e-mail's fixed wording."""
    label = str(label).strip().rstrip("。.")
    return label, "：" if CHINESE_TEXT.fullmatch(label[-1:] or "a") else ": "


def build_message(page, submission, form):
    data = submission.form_data
    rows = [
        (*labelled(field.label), display_value(data.get(field.name)))
        for field in form.inquiry_fields()
        if field.name in data
    ]
    reply_to = [
        data[field.name]
        for field in form.inquiry_fields()
        if isinstance(field.field, django.forms.EmailField) and data.get(field.name)
    ]
    # Fixed wording in the staff's language (the site's source language); the field labels are
    # the ones the visitor saw.
    with translation.override(settings.LANGUAGE_CODE):
        default_subject = gettext("Website inquiry")
        subject = " ".join(f"{page.subject or default_subject} {submission.reference}".split())
        body = render_to_string(
            "inquiries/inquiry/email.txt",
            {
                "page": page,
                "submission": submission,
                "rows": rows,
                "page_url": page.full_url,
                "language": submission.get_language_display(),
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients(page),
        reply_to=reply_to[:1],
    )


def send_notification(page, submission, form):
    """Send the e-mail; return "" on success, otherwise a short description of the failure."""
    if not recipients(page):
        return gettext("No recipients set on the contact page")
    try:
        build_message(page, submission, form).send(fail_silently=False)
    except Exception as error:  # SMTP, DNS, timeouts, bad headers: the lead is already saved.
        logger.exception(
            "Inquiry %s was saved, but its notification e-mail failed", submission.reference
        )
        return f"{type(error).__name__}: {error}"[:500]
    return ""
