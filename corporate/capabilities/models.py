"""Certificates and catalogue entries: snippets translated with wagtail-localize (one row per
language), and the two page types that show them."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

EXPIRY_WARNING_DAYS = 90


class Certificate(TranslatableMixin, models.Model):
    CMA, CNAS, ISO, OTHER = "cma", "cnas", "iso", "other"
    ISSUER_CHOICES = [
        (CMA, _("CMA (inspection body accreditation, China)")),
        (CNAS, _("CNAS (China National Accreditation Service)")),
        (ISO, _("ISO management system certification")),
        (OTHER, _("Other")),
    ]

    name = models.CharField(_("name"), max_length=200)
    number = models.CharField(_("certificate number"), max_length=80)
    issuer = models.CharField(_("issuer"), max_length=10, choices=ISSUER_CHOICES, default=CMA)
    issuer_name = models.CharField(
        _("issuing body"), max_length=200, blank=True, help_text=_("e.g. 山东省市场监督管理局")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    scope_summary = models.TextField(_("scope"), max_length=1000, blank=True)
    scan = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("scan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown with a watermark; the uploaded original stays clean."),
    )
    annex = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("annex (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    check_url = models.URLField(
        _("issuer's public check page"),
        blank=True,
        help_text=_("Where anyone can confirm the certificate, e.g. the CNCA or CNAS database."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("number"),
                FieldPanel("issuer"),
                FieldPanel("issuer_name"),
            ],
            heading=_("Certificate"),
        ),
        MultiFieldPanel(
            [FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("Validity")
        ),
        FieldPanel("scope_summary"),
        FieldPanel("scan"),
        FieldPanel("annex"),
        FieldPanel("check_url"),
        FieldPanel("sort_order"),
        FieldPanel("is_sample"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("issuer_name"),
        TranslatableField("scope_summary"),
        SynchronizedField("number"),
        SynchronizedField("issuer"),
        SynchronizedField("valid_from"),
        SynchronizedField("valid_until"),
        SynchronizedField("scan"),
        SynchronizedField("annex"),
        SynchronizedField("check_url"),
        SynchronizedField("sort_order"),
        SynchronizedField("is_sample"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["sort_order", "valid_until", "pk"]

    def __str__(self):
        return f"{self.name} {self.number}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity is before its start.")})

    def is_expired(self, today=None):
        return self.valid_until < (today or timezone.localdate())

    def expires_soon(self, today=None):
        today = today or timezone.localdate()
        return not self.is_expired(today) and self.valid_until <= today + datetime.timedelta(
            days=EXPIRY_WARNING_DAYS
        )

    def search_text(self):
        return " ".join(
            filter(
                None,
                [
                    self.name,
                    self.number,
                    self.get_issuer_display(),
                    self.issuer_name,
                    self.scope_summary,
                ],
            )
        )


class CapabilityEntry(TranslatableMixin, index.Indexed, models.Model):
    """One line of the CMA annex: a parameter, tested by a method standard, in an area."""

    # A Page, not an AccreditationAreaPage: wagtail-localize swaps the reference for the
    # translation's page as a plain Page, which a foreign key to the subclass refuses.
    area = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accreditation area"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    parameter = models.CharField(_("parameter"), max_length=200, help_text=_("e.g. 化学需氧量"))
    aliases = models.CharField(
        _("abbreviations"),
        max_length=200,
        blank=True,
        help_text=_("Same in every language, separated by commas, e.g. COD, CODCr."),
    )
    method_code = models.CharField(
        _("method standard"), max_length=64, help_text=_("e.g. HJ 828-2017")
    )
    method_title = models.CharField(_("method title"), max_length=300)
    detection_limit = models.CharField(
        _("limit of detection"), max_length=80, blank=True, help_text=_("e.g. 4 mg/L")
    )
    accredited = models.BooleanField(_("accredited (CMA)"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    panels = [
        PageChooserPanel("area", "corporate.AccreditationAreaPage"),
        FieldPanel("parameter"),
        FieldPanel("aliases"),
        MultiFieldPanel(
            [FieldPanel("method_code"), FieldPanel("method_title")], heading=_("Method standard")
        ),
        FieldPanel("detection_limit"),
        FieldPanel("accredited"),
        FieldPanel("sort_order"),
        FieldPanel("is_sample"),
    ]
    translatable_fields = [
        TranslatableField("area"),  # followed to the area page of the translation's language
        TranslatableField("parameter"),
        TranslatableField("method_title"),
        SynchronizedField("aliases"),
        SynchronizedField("method_code"),
        SynchronizedField("detection_limit"),
        SynchronizedField("accredited"),
        SynchronizedField("sort_order"),
        SynchronizedField("is_sample"),
    ]
    search_fields = [
        # "title" is the field the search ranks first: the parameter and its abbreviations.
        index.SearchField("title"),
        index.SearchField("method_code"),
        index.SearchField("method_title"),
        index.AutocompleteField("parameter"),
        index.FilterField("locale"),
        index.FilterField("area"),
        index.FilterField("accredited"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["area__path", "sort_order", "pk"]
        indexes = [
            models.Index(fields=["locale", "area", "sort_order"], name="capabilities_listing")
        ]

    def __str__(self):
        return f"{self.parameter} — {self.method_code}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from corporate.core.models import AccreditationAreaPage

        if self.area_id and not issubclass(
            self.area.specific_class or object, AccreditationAreaPage
        ):
            raise ValidationError({"area": _("Choose an accreditation area page.")})

    @property
    def title(self):
        return f"{self.parameter} {self.aliases}".strip()

    def alias_list(self):
        return [a.strip() for a in self.aliases.replace("，", ",").split(",") if a.strip()]


# The page types live in their own module; imported here so that Django finds them.
from corporate.capabilities.pages import CataloguePage, CertificatesPage  # noqa: E402, F401
