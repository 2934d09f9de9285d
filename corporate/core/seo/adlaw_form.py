"""The page editor's side of the Advertising Law check (``corporate.core.seo.adlaw``).

Every save and publish scans the page's text fields and blocks; each field with a hit gets a
note beside it with the words highlighted. Saving a draft goes ahead; publishing is refused
with an error on each such field until the editor ticks the confirmation box (shown only then),
and ``admin_hooks`` records that confirmation in the page's history."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .adlaw import scan, scan_page

CONFIRM_FIELD = "adlaw_confirmed"


def is_publishing(data):
    return bool(data and data.get("action-publish"))


def hit_note(hits):
    """The note shown beside a field: each hit's place and its words highlighted."""
    items = format_html_join(
        "",
        '<li><span class="adlaw-note__where">{}</span>: {}</li>',
        ((hit.label, hit.highlighted()) for hit in hits),
    )
    return format_html(
        '<div class="adlaw-note help-block help-warning" data-adlaw-note><p>{}</p><ul>{}</ul></div>',
        _(
            "Advertising Law, Art. 9 (3): absolute terms such as these may not be used in "
            "advertising. Reword them, or confirm that they are lawful here before publishing."
        ),
        items,
    )


class AdLawPageForm(WagtailAdminPageForm):
    adlaw_confirmed = forms.BooleanField(
        required=False,
        label=_("Publish with the highlighted words"),
        help_text=_(
            "I have checked every highlighted word: it states a fact that can be proved and is "
            "lawful here (Advertising Law, Art. 9). This confirmation is recorded in the page's history."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adlaw_hits = []
        if not self.is_bound and getattr(self.instance, "pk", None):
            # Opening the editor: the hits of the draft being edited.
            self._note(scan_page(self.instance))

    def _language_code(self):
        locale = getattr(self.instance, "locale", None)
        if locale is None and self.parent_page is not None:
            locale = self.parent_page.locale
        return locale.language_code if locale is not None else ""

    def _note(self, hits):
        self.adlaw_hits = hits
        by_field = {}
        for hit in hits:
            by_field.setdefault(hit.field, []).append(hit)
        for name, field_hits in by_field.items():
            if name in self.fields:
                field = self.fields[name]
                original = getattr(field, "_adlaw_original_help", field.help_text)
                field._adlaw_original_help = original
                field.help_text = mark_safe(  # noqa: S308 - both parts are escaped HTML
                    format_html("{}", original) + hit_note(field_hits)
                )
                # The editor may have bound the field (and read its help text) already.
                bound = self._bound_fields_cache.get(name)
                if bound is not None:
                    bound.help_text = field.help_text
        return by_field

    def clean(self):
        cleaned_data = super().clean()
        values = {name: cleaned_data.get(name) for name in self.fields if name in cleaned_data}
        hits = scan(self._meta.model, values, self._language_code())
        by_field = self._note(hits)
        if hits and is_publishing(self.data) and not cleaned_data.get(CONFIRM_FIELD):
            for name, field_hits in by_field.items():
                terms = sorted({term for hit in field_hits for term in hit.terms})
                message = ngettext(
                    "Advertising Law: “%(terms)s” needs rewording or your confirmation below.",
                    "Advertising Law: “%(terms)s” need rewording or your confirmation below.",
                    len(terms),
                ) % {"terms": "”, “".join(terms)}
                self.add_error(name if name in self.fields else None, ValidationError(message))
        return cleaned_data


class AdLawConfirmPanel(FieldPanel):
    """The confirmation box, shown only while the page has hits."""

    def __init__(self, field_name=CONFIRM_FIELD, *args, **kwargs):
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.form, "adlaw_hits", None)) and super().is_shown()
