"""The admin form of a test report: the verification code is entered, never shown (only its
hash is stored), and the replacing report is typed by number (a list of every report would be
tens of thousands long)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from corporate.core.models import AccreditationAreaPage
from corporate.reports.codes import MAX_CODE_LENGTH, hash_code, normalise_code, normalise_number


class TestReportForm(WagtailAdminModelForm):
    verification_code = forms.CharField(
        label=_("Verification code"),
        max_length=MAX_CODE_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Stored only as a hash. Leave empty to keep the current code; a new code makes the old QR code invalid."
        ),
    )
    replaced_by_number = forms.CharField(
        label=_("Replaced by (report number)"),
        max_length=40,
        required=False,
        help_text=_("For a superseded report: the number of the report that replaces it."),
    )

    # Not shown: it receives the model's own check of the replacement (TestReport.clean), which
    # _post_clean moves to the field the user typed in.
    superseded_by = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["verification_code"].required = True
            self.fields["verification_code"].help_text = _("Stored only as a hash.")
        elif self.instance.superseded_by_id:
            self.initial.setdefault("replaced_by_number", self.instance.superseded_by.number)
        if "areas" in self.fields:
            self.fields["areas"].queryset = AccreditationAreaPage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).order_by("path")
            self.fields["areas"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["areas"].choices
            )

    def clean_number(self):
        return normalise_number(self.cleaned_data["number"])

    def clean(self):
        cleaned = super().clean()
        code = normalise_code(cleaned.get("verification_code", ""))
        number_changed = cleaned.get("number") not in (None, self.instance.number)
        if self.instance.pk and number_changed and not code:
            self.add_error(
                "verification_code",
                _("The code is tied to the number: enter it again when you change the number."),
            )
        replaced_by = normalise_number(cleaned.get("replaced_by_number", ""))
        model = self._meta.model
        self.instance.superseded_by = None
        if replaced_by:
            replacement = model.objects.filter(number=replaced_by).first()
            if replacement is None:
                self.add_error("replaced_by_number", _("There is no report with this number."))
            elif replacement.pk == self.instance.pk:
                self.add_error("replaced_by_number", _("A report cannot replace itself."))
            else:
                self.instance.superseded_by = replacement
        if cleaned.get("status") == model.SUPERSEDED and not replaced_by:
            self.add_error("replaced_by_number", _("Choose the report that replaces this one."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # The model's clean() checks the replacement through superseded_by; its message
        # belongs to the field the user typed in.
        if "superseded_by" in self._errors:
            self._errors.setdefault("replaced_by_number", self.error_class()).extend(
                self._errors.pop("superseded_by")
            )

    def save(self, commit=True):
        code = normalise_code(self.cleaned_data.get("verification_code", ""))
        if code:
            self.instance.code_hash = hash_code(self.instance.number, code)
        return super().save(commit=commit)
