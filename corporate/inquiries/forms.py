"""The visitor's form, built from the fields editors define on the contact page.

Wagtail's FormBuilder plus three field types of our own: ``phone`` (validated with
``phonenumbers``), ``service`` (a choice of the live service pages of the page's language) and
``consent`` (a required checkbox linked to the privacy policy page). Every field gets an upper
length bound, and every form a honeypot field that people never see."""

import django.forms
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext, gettext_lazy
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from corporate.core.models import ServicePage, StandardPage

from .validation import (
    MAX_LENGTHS,
    normalise_phone,
    reject_control_characters,
    reject_control_characters_except_newlines,
)

HONEYPOT_FIELD = "contact_website"
OTHER_SERVICE = "other"
PRIVACY_POLICY_SLUG = "privacy-policy"
# Browser autofill hints for the fields of the demo form (by their stored names).
AUTOCOMPLETE = {"name": "name", "company": "organization", "location": "address-level2"}


class PhoneField(django.forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTHS["phone"])
        kwargs.setdefault(
            "widget",
            django.forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


class InquiryForm(BaseForm):
    """The base of every generated inquiry form: adds the honeypot field."""

    honeypot_field = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = django.forms.CharField(
            label=gettext_lazy("Leave this field empty"),
            required=False,
            max_length=200,
            widget=django.forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_spam(self):
        """A bot filled in the field that people do not see."""
        return self.is_bound and bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def inquiry_fields(self):
        """The bound fields people see, in editor order."""
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def submission_data(self):
        """The cleaned data to store: everything but the honeypot."""
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT_FIELD}


class InquiryFormBuilder(FormBuilder):
    def __init__(self, fields, page=None):
        super().__init__(fields)
        self.page = page

    def get_field_options(self, field):
        options = super().get_field_options(field)
        autocomplete = AUTOCOMPLETE.get(field.clean_name)
        if autocomplete and field.field_type == "singleline":
            options["widget"] = django.forms.TextInput(attrs={"autocomplete": autocomplete})
        return options

    # -- Wagtail's types, with length limits ----------------------------------------------------

    def create_singleline_field(self, field, options):
        return django.forms.CharField(
            max_length=MAX_LENGTHS["singleline"], validators=[reject_control_characters], **options
        )

    def create_multiline_field(self, field, options):
        options.setdefault("widget", django.forms.Textarea(attrs={"rows": 6}))
        return django.forms.CharField(
            max_length=MAX_LENGTHS["multiline"],
            validators=[reject_control_characters_except_newlines],
            **options,
        )

    def create_email_field(self, field, options):
        options.setdefault("widget", django.forms.EmailInput(attrs={"autocomplete": "email"}))
        return django.forms.EmailField(max_length=MAX_LENGTHS["email"], **options)

    def create_url_field(self, field, options):
        options["max_length"] = MAX_LENGTHS["url"]
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = MAX_LENGTHS["hidden"]
        return super().create_hidden_field(field, options)

    def create_number_field(self, field, options):
        return django.forms.DecimalField(max_digits=15, decimal_places=4, **options)

    def create_dropdown_field(self, field, options):
        form_field = super().create_dropdown_field(field, options)
        # A required drop-down must not silently default to its first choice.
        form_field.choices = [("", gettext("Please choose")), *form_field.choices]
        return form_field

    # -- our types -----------------------------------------------------------------------------

    def create_phone_field(self, field, options):
        return PhoneField(**options)

    def create_service_field(self, field, options):
        services = self.service_choices()
        titles = dict(services)
        titles[OTHER_SERVICE] = gettext("Other / not sure")
        return django.forms.TypedChoiceField(
            choices=[
                ("", gettext("Please choose a service")),
                *services,
                (OTHER_SERVICE, titles[OTHER_SERVICE]),
            ],
            # Store the service's title (readable in exports and e-mail), not its slug.
            coerce=titles.__getitem__,
            empty_value="",
            **options,
        )

    def create_consent_field(self, field, options):
        # Consent that may be left unchecked is no consent: always required.
        options["required"] = True
        privacy = self.privacy_policy_page()
        if privacy is not None:
            url = privacy.get_url()
            text = field.help_text or ""
            options["help_text"] = format_html(
                '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                conditional_escape(text),
                url,
                gettext("Read the privacy policy"),
            )
        return django.forms.BooleanField(**options)

    # -- data for our types --------------------------------------------------------------------

    def service_choices(self):
        """(slug, title) of the live service pages in the contact page's language."""
        if self.page is None or self.page.locale_id is None:
            return []
        pages = (
            ServicePage.objects.live()
            .public()
            .filter(locale_id=self.page.locale_id)
            .order_by("path")
            .only("slug", "title")
        )
        return [(page.slug, page.title) for page in pages]

    def privacy_policy_page(self):
        """The live privacy policy page (slug privacy-policy) in the contact page's language."""
        if self.page is None or self.page.locale_id is None:
            return None
        return (
            StandardPage.objects.live()
            .public()
            .filter(locale_id=self.page.locale_id, slug=PRIVACY_POLICY_SLUG)
            .order_by("depth", "path")
            .first()
        )

    def get_form_class(self):
        return type("InquiryFormGenerated", (InquiryForm,), self.formfields)
