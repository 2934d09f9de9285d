"""Company-wide data that editors change in one place, per language."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from corporate.core import site_cache

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,24}$",
    _("Enter a phone number of digits, spaces, brackets and dashes, e.g. 0531-0000 0000."),
)


psb_number_validator = RegexValidator(
    r"[0-9]{8,20}",
    _("Enter the public security filing number as issued, e.g. 鲁公网安备37010202000000号."),
)
# The public security (公安) filing's own query page; the code is the number's digits.
PSB_FILING_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


@register_snippet
class CompanyProfile(TranslatableMixin, models.Model):
    """The company's name, contact details and legal footer, one per language.

    Phone, e-mail and the ICP number are synchronised: they are the same in every language."""

    name = models.CharField(_("company name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=60)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=250)
    phone = models.CharField(_("phone"), max_length=30, validators=[phone_validator])
    email = models.EmailField(_("e-mail"))
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    icp_number = models.CharField(
        _("ICP filing number"),
        max_length=40,
        help_text=_("Shown in the footer of every page and linked to beian.miit.gov.cn."),
    )
    psb_number = models.CharField(
        _("public security filing number"),
        max_length=60,
        blank=True,
        validators=[psb_number_validator],
        help_text=_(
            "公安备案号, e.g. 鲁公网安备37010202000000号: shown beside the ICP number with its icon and linked to beian.mps.gov.cn."
        ),
    )
    cma_number = models.CharField(
        _("CMA certificate number"),
        max_length=40,
        blank=True,
        help_text=_(
            "The inspection body accreditation (资质认定) certificate number, given to search engines with the company's details."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square PNG or JPEG of at least 300×300 for search engines and share cards; the site's mark by default."
        ),
    )
    wechat_account_name = models.CharField(
        _("WeChat official account name"),
        max_length=60,
        blank=True,
        help_text=_("Shown under the QR code, e.g. 国评检测."),
    )
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("WeChat QR code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The official account's QR code as downloaded from the WeChat platform; shown in the footer of every page and behind the WeChat button on phones."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "Of the address, in GCJ-02 as Amap's coordinate picker shows it, e.g. 36.651200; with the longitude it opens the address in Amap and Baidu Maps."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=10,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("e.g. 117.120100"),
    )
    copyright_holder = models.CharField(
        _("legal name for the copyright line"),
        max_length=120,
        help_text=_("The registered Chinese name, kept as it is in every language."),
    )
    copyright_since = models.PositiveSmallIntegerField(_("copyright since"), default=2019)
    is_sample = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_("Marks demo contact details that must be replaced before launch."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("tagline")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Location on the map"),
        ),
        MultiFieldPanel(
            [FieldPanel("wechat_account_name"), FieldPanel("wechat_qr")],
            heading=_("WeChat"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("psb_number"),
                FieldPanel("cma_number"),
                FieldPanel("copyright_holder"),
                FieldPanel("copyright_since"),
                FieldPanel("is_sample"),
            ],
            heading=_("Legal"),
        ),
        FieldPanel("logo"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("tagline"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("wechat_account_name"),
        SynchronizedField("wechat_qr"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("icp_number"),
        SynchronizedField("psb_number"),
        SynchronizedField("cma_number"),
        SynchronizedField("logo"),
        SynchronizedField("copyright_holder"),
        SynchronizedField("copyright_since"),
        SynchronizedField("is_sample"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("company profile")
        verbose_name_plural = _("company profile")

    def __str__(self):
        return f"{self.name} ({self.locale})"

    @property
    def psb_code(self):
        """The digits of the public security filing number, as its query page expects."""
        match = re.search(r"[0-9]{8,20}", self.psb_number or "")
        return match.group(0) if match else ""

    @property
    def psb_url(self):
        return PSB_FILING_URL.format(code=self.psb_code) if self.psb_code else ""

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            message = _("Enter both the latitude and the longitude, or neither.")
            raise ValidationError({"latitude": message, "longitude": message})

    @property
    def place(self):
        """The company's address as a place on the map, with links to the map apps."""
        from corporate.core.maps import company_place

        return company_place(self)

    @classmethod
    def for_locale(cls, locale=None):
        """The profile of the given (default: active) locale, or None; the active locale's is
        cached until the next change (corporate/core/site_cache.py)."""
        if locale is None:
            return site_cache.cached("company-profile", lambda: cls._read(Locale.get_active()))
        return cls._read(locale)

    @classmethod
    def _read(cls, locale):
        return cls.objects.filter(locale=locale).select_related("logo", "wechat_qr").first()
