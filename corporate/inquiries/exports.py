"""Admin listing and CSV/XLSX export of inquiries: Wagtail's submissions view, made safe for
the spreadsheet programs the staff use.

- CSV starts with a UTF-8 byte order mark, so Excel shows Chinese instead of mojibake.
- Text that a spreadsheet would run as a formula (=, @, or + / - followed by more than a phone
  number) is prefixed with an apostrophe in CSV; Wagtail already stores XLSX formulas as text.
"""

import re

from wagtail.contrib.forms.views import SubmissionsListView

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
