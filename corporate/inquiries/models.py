"""联系我们: the contact page and its inquiry form (Wagtail's form builder).

Editors define the form's fields; wagtail-localize translates their labels, help texts and
choices with the page (the stored names stay the same in every language, so exports line up).
Each submission is stored with a reference number before the notification e-mail is queued."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from corporate.core.blocks import BaseStreamBlock
from corporate.core.models import BasePage, SeoMixin
from corporate.core.seo.adlaw_form import AdLawConfirmPanel, AdLawPageForm
from corporate.inquiries.forms import InquiryFormBuilder
from corporate.inquiries.reference import new_reference
from corporate.inquiries.submission import handle_submission, thank_you_response
from corporate.inquiries.tasks import queue_notification

INQUIRY_FIELD_CHOICES = (
    *FORM_FIELD_CHOICES,
    ("phone", _("Phone number (mainland or international, validated)")),
    ("service", _("Service (choice of the live service pages)")),
    ("consent", _("Consent to the privacy policy (required checkbox)")),
)


class ContactFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey(
        "inquiries.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=INQUIRY_FIELD_CHOICES
    )
    field_type.required_on_save = True

    # The stored name and the type are the same in every language; the words are translated.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class InquirySubmission(AbstractFormSubmission):
    """One inquiry: the visitor's answers, a reference number, and whether the e-mail went out."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, editable=False
    )
    mail_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail error"), max_length=500, blank=True)
    # Set by the inquiry handlers in the inbox (corporate/inquiries/inbox.py).
    is_handled = models.BooleanField(_("handled"), default=False, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)
    handling_note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-submit_time"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        for _attempt in range(20):
            self.reference = new_reference()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not type(self).objects.filter(reference=self.reference).exists():
                    raise
        raise IntegrityError("No free reference number found")

    @property
    def mail_status(self):
        if self.mail_sent_at:
            return gettext("Sent")
        if self.mail_error:
            return gettext("Not sent: %(error)s") % {"error": self.mail_error}
        return gettext("Not sent")

    def get_data(self):
        return {
            **super().get_data(),
            "reference": self.reference,
            "language": self.get_language_display(),
            "mail_status": self.mail_status,
        }


class ContactPageForm(AdLawPageForm, WagtailAdminFormPageForm):
    """The form page's editor (checks that form field names are unique) with the Advertising
    Law check every other page type has (BasePage.base_form_class)."""


class ContactPage(SeoMixin, AbstractEmailForm):
    """联系我们: the company's contact details (from the company profile) and the inquiry form."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("map image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    map_alt_text = models.CharField(_("map description"), max_length=200, blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    base_form_class = ContactPageForm
    content_panels = AbstractEmailForm.content_panels + [
        AdLawConfirmPanel(),
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("map_image"), FieldPanel("map_alt_text")], heading=_("Map")),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    promote_panels = BasePage.promote_panels
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]

    # The recipients are the same people whichever language the visitor writes in.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
    ]

    form_builder = InquiryFormBuilder
    chrome_role = "contact"  # the header, footer and calls to action link here

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    # -- the form ------------------------------------------------------------------------------

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), page=self).get_form_class()

    def get_submission_class(self):
        return InquirySubmission

    def get_submissions_list_view_class(self):
        # Imported here: wagtail.contrib.forms.views loads Page models at import, so it cannot be
        # imported while this models module is being loaded (models → admin views → models).
        from corporate.inquiries.exports import InquirySubmissionsListView

        return InquirySubmissionsListView

    def get_data_fields(self):
        return [
            ("reference", _("Reference number")),
            ("submit_time", _("Submission date")),
            ("language", _("Language")),
            *((field.clean_name, field.label) for field in self.get_form_fields()),
            ("mail_status", _("Notification e-mail")),
        ]

    def initial_from_request(self, request):
        """``?service=<slug>`` (the service pages' "request a quote" button) preselects it;
        ``?parameter=<name>`` (the capability catalogue's "request a quote") starts the first
        multi-line field with the parameter."""
        slug = request.GET.get("service", "")[:100]
        parameter = " ".join(request.GET.get("parameter", "")[:200].split())
        initial = {}
        for field in self.get_form_fields():
            if slug and field.field_type == "service":
                initial[field.clean_name] = slug
            elif parameter and field.field_type == "multiline":
                initial[field.clean_name] = gettext("Testing parameter: %(parameter)s") % {
                    "parameter": parameter
                }
                parameter = ""  # the first multi-line field only
        return initial

    def process_form_submission(self, form):
        """Store first, then queue the e-mail (corporate.inquiries.tasks, sent by the task
        worker in production): a slow or failing mail server never loses the inquiry or holds
        up the page."""
        submission = InquirySubmission.objects.create(
            page=self,
            form_data=form.submission_data(),
            language=self.locale.language_code,
        )
        queue_notification(submission)
        submission.refresh_from_db(fields=["mail_error", "mail_sent_at"])
        return submission

    def render_form(self, request, form, status=200):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["form_submission"] = form_submission
        context["reference"] = getattr(form_submission, "reference", "")
        return TemplateResponse(request, self.get_landing_page_template(request), context)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            thanks = thank_you_response(self, request)  # ?thanks=<token>, after a POST
            if thanks is not None:
                return thanks
            form = self.get_form(
                page=self, user=request.user, initial=self.initial_from_request(request)
            )
            return self.render_form(request, form)
        return handle_submission(self, request, *args, **kwargs)
