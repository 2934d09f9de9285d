"""Admin listing and CSV/XLSX export of inquiries: Wagtail's submissions view, made safe for
the spreadsheet programs the staff use.

- CSV starts with a UTF-8 byte order mark, so Excel shows Chinese instead of mojibake.
- Text that a spreadsheet would run as a formula (=, @, or + / - followed by more than a phone
  number) is prefixed with an apostrophe in CSV; Wagtail already stores XLSX formulas as text.
"""

import re
from collections import OrderedDict
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.views.generic.models import IndexView
from wagtail.contrib.forms.views import SubmissionsListView

from corporate.inquiries.answers import chinese_words, field_labels, in_chinese

# The laboratory's time, stated in the export's headings (the admin may show a user's own zone).
EXPORT_TIME_ZONE = ZoneInfo("Asia/Shanghai")

FORMULA_START = ("=", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"^[+\-][0-9 ()\-./]*$")


def neutralise_formula(value):
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_START) or (
        value.startswith(("+", "-")) and not PHONE_LIKE.match(value)
    ):
        return "'" + value
    return value


class InquirySubmissionsListView(SubmissionsListView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)


def local(value):
    """An aware time as the laboratory's wall-clock time, for a spreadsheet cell."""
    if not value:
        return ""
    return timezone.localtime(value, EXPORT_TIME_ZONE).strftime("%Y-%m-%d %H:%M:%S")


class InboxIndexView(IndexView):
    """The inbox listing (corporate/inquiries/inbox.py) and its export: one CSV/XLSX of every
    inquiry in the list's filters, one column per form field (labelled as on the Chinese contact
    page), answers in Chinese, times in Asia/Shanghai."""

    @cached_property
    def answer_fields(self):
        return field_labels()

    @property
    def list_export(self):
        return [
            "reference",
            "submitted",
            "language",
            "page",
            *(f"answer:{name}" for name, _label in self.answer_fields),
            "mail_status",
            "handled",
            "handled_at",
            "handling_note",
        ]

    @list_export.setter
    def list_export(self, value):
        pass  # set by the viewset; the columns above are the inbox's own

    @property
    def export_headings(self):
        zone = gettext("Asia/Shanghai")
        return {
            "reference": gettext("Reference number"),
            "submitted": gettext("Submitted (%(zone)s time)") % {"zone": zone},
            "language": gettext("Language"),
            "page": gettext("Contact page"),
            **{f"answer:{name}": label for name, label in self.answer_fields},
            "mail_status": gettext("Notification e-mail"),
            "handled": gettext("Handled"),
            "handled_at": gettext("Handled at (%(zone)s time)") % {"zone": zone},
            "handling_note": gettext("Note"),
        }

    @export_headings.setter
    def export_headings(self, value):
        pass

    def get_heading(self, queryset, field):
        return self.export_headings.get(field, field)

    def to_row_dict(self, item):
        words = self.words
        data = item.form_data
        row = OrderedDict(
            reference=item.reference,
            submitted=local(item.submit_time),
            language=item.get_language_display(),
            page=item.page.title if item.page_id else "",
        )
        for name, _label in self.answer_fields:
            row[f"answer:{name}"] = in_chinese(data.get(name), words) if name in data else ""
        row.update(
            mail_status=item.mail_status,
            handled=gettext("Yes") if item.is_handled else gettext("No"),
            handled_at=local(item.handled_at),
            handling_note=item.handling_note,
        )
        return row

    @cached_property
    def words(self):
        return chinese_words()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)
