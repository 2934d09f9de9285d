from django import forms
from django.utils.translation import gettext_lazy as _

from corporate.reports.codes import MAX_CODE_LENGTH, MAX_NUMBER_LENGTH


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Report number"),
        max_length=MAX_NUMBER_LENGTH,
        error_messages={"required": _("Enter the report number printed on the report.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Verification code"),
        max_length=MAX_CODE_LENGTH,
        help_text=_("Printed on the report beside the QR code; letters and digits."),
        error_messages={"required": _("Enter the verification code printed on the report.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
