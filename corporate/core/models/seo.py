"""Site-wide settings for search engines, sharing and analytics (one per Site, not per
language: per-language text such as the company's name lives in the company profile)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

baidu_tongji_validator = RegexValidator(
    r"^[0-9a-f]{32}$",
    _(
        "A Baidu Tongji site id is 32 characters of 0–9 and a–f, e.g. the part after hm.js? in its code."
    ),
)
robots_path_validator = RegexValidator(
    r"^(/\S*\n?)*$",
    _("One path per line, each starting with /."),
)


class AnalyticsProvider(models.TextChoices):
    NONE = "", _("None (off)")
    BAIDU = "baidu", _("Baidu Tongji")
    SCRIPT = "script", _("Another provider's script (by address)")


@register_setting(icon="site")
class SeoSettings(BaseSiteSetting):
    """robots.txt, the default share image, analytics (off by default, loaded only after the
    visitor agrees) and the optional WeChat JS-SDK share card."""

    allow_indexing = models.BooleanField(
        _("let search engines index the site"),
        default=True,
        help_text=_("Untick on a staging copy: robots.txt then disallows everything."),
    )
    robots_disallow = models.TextField(
        _("further paths to keep out of search engines"),
        blank=True,
        validators=[robots_path_validator],
        help_text=_(
            "One path per line (e.g. /downloads/drafts/). /admin/ and the search pages are always disallowed."
        ),
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Used when a page has neither a sharing image nor a main image; at least 1200×630."
        ),
    )
    analytics_provider = models.CharField(
        _("analytics"),
        max_length=10,
        blank=True,
        default=AnalyticsProvider.NONE,
        choices=AnalyticsProvider.choices,
        help_text=_(
            "Loaded only after a visitor accepts it in the cookie banner; named in the privacy policy."
        ),
    )
    baidu_tongji_id = models.CharField(
        _("Baidu Tongji site id"), max_length=32, blank=True, validators=[baidu_tongji_validator]
    )
    analytics_script_url = models.URLField(
        _("analytics script address"),
        blank=True,
        help_text=_("For another provider: the https:// address of its script."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent banner (in the visitor's language)."),
    )
    wechat_app_id = models.CharField(
        _("WeChat official account AppID"),
        max_length=32,
        blank=True,
        help_text=_(
            "Optional custom share card in WeChat (JS-SDK); needs a certified official account."
        ),
    )
    wechat_signature_url = models.URLField(
        _("WeChat JS-SDK signature endpoint"),
        blank=True,
        help_text=_(
            "An https:// service that signs a page address for the JS-SDK (see README); both fields or neither."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("allow_indexing"), FieldPanel("robots_disallow")],
            heading=_("Search engines"),
        ),
        FieldPanel("default_share_image"),
        MultiFieldPanel(
            [
                FieldPanel("analytics_provider"),
                FieldPanel("baidu_tongji_id"),
                FieldPanel("analytics_script_url"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Analytics"),
        ),
        MultiFieldPanel(
            [FieldPanel("wechat_app_id"), FieldPanel("wechat_signature_url")],
            heading=_("WeChat share card"),
        ),
    ]

    select_related = ["default_share_image", "privacy_page"]

    class Meta:
        verbose_name = _("search engines, sharing and analytics")

    def clean(self):
        super().clean()
        errors = {}
        if self.analytics_provider == AnalyticsProvider.BAIDU and not self.baidu_tongji_id:
            errors["baidu_tongji_id"] = _("Enter the Baidu Tongji site id, or turn analytics off.")
        if self.analytics_provider == AnalyticsProvider.SCRIPT and not self.analytics_script_url:
            errors["analytics_script_url"] = _(
                "Enter the address of the script, or turn analytics off."
            )
        for name in ("analytics_script_url", "wechat_signature_url"):
            value = getattr(self, name)
            if value and not value.startswith("https://"):
                errors[name] = _("Use an https:// address.")
        if bool(self.wechat_app_id) != bool(self.wechat_signature_url):
            errors["wechat_signature_url"] = _(
                "The WeChat share card needs both the AppID and the signature endpoint."
            )
        if errors:
            raise ValidationError(errors)

    def robots_disallowed_paths(self):
        return [line.strip() for line in self.robots_disallow.splitlines() if line.strip()]


class SearchEnginePush(models.Model):
    """One address pushed to one search engine when its page was first published or moved
    (corporate/core/seo/push.py); shown to editors on the page (Promote tab) and in its
    history."""

    class Engine(models.TextChoices):
        BAIDU = "baidu", _("Baidu (普通收录)")
        INDEXNOW = "indexnow", _("IndexNow (Bing, Yandex and others)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RETRYING = "retrying", _("failed, trying again")
        PUSHED = "pushed", _("pushed")
        FAILED = "failed", _("failed")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    engine = models.CharField(_("search engine"), max_length=10, choices=Engine.choices)
    url = models.URLField(_("address"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    detail = models.CharField(_("answer"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last attempt"), auto_now=True)

    class Meta:
        verbose_name = _("search engine push")
        verbose_name_plural = _("search engine pushes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "engine", "-created_at"])]

    def __str__(self):
        return f"{self.get_engine_display()}: {self.url} ({self.get_status_display()})"
