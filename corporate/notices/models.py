"""Site-wide notices (e.g. holiday opening hours, a changed sample address): one snippet per
language, shown as a bar under the header of every page from its start until its end.

Times are stored in UTC and entered and shown in the site's time zone (Asia/Shanghai)."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

BOUNDARIES_CACHE_KEY = "notices:boundaries"
BOUNDARIES_CACHE_SECONDS = 24 * 3600


class Level(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Important")
    URGENT = "urgent", _("Urgent")


SEVERITY = {Level.URGENT: 0, Level.WARNING: 1, Level.INFO: 2}


class NoticeQuerySet(models.QuerySet):
    def current(self, locale=None, now=None):
        """The notices of a locale (default: active) shown at ``now``, most severe first."""
        locale = locale or Locale.get_active()
        now = now or timezone.now()
        severity = Case(
            *(When(level=level, then=Value(rank)) for level, rank in SEVERITY.items()),
            default=Value(9),
            output_field=IntegerField(),
        )
        return (
            self.filter(locale=locale, starts_at__lte=now)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .select_related("link_page")
            .annotate(severity=severity)
            .order_by("severity", "-starts_at", "id")
        )


@register_snippet
class Notice(TranslatableMixin, models.Model):
    text = models.CharField(_("text"), max_length=300)
    link_label = models.CharField(_("link text"), max_length=60, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("or to an address"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.INFO)
    starts_at = models.DateTimeField(
        _("show from"),
        default=timezone.now,
        help_text=_("Beijing time (Asia/Shanghai)."),
    )
    ends_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("Beijing time (Asia/Shanghai); empty: until it is deleted."),
    )

    objects = NoticeQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("level"),
        MultiFieldPanel(
            [FieldPanel("link_label"), FieldPanel("link_page"), FieldPanel("link_url")],
            heading=_("Link"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
    ]
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("link_label"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
        SynchronizedField("level"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site notice")
        verbose_name_plural = _("site notices")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["locale", "starts_at"])]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if self.link_page_id and self.link_url:
            message = _("Choose a page or enter an address, not both.")
            errors["link_page"] = message
            errors["link_url"] = message
        if self.link_label and not (self.link_page_id or self.link_url):
            errors["link_page"] = _("A link text needs a page or an address to link to.")
        if errors:
            raise ValidationError(errors)

    @property
    def dismiss_key(self):
        """The same in every language, and new when the notice is moved to another start, so
        a notice dismissed once stays dismissed in both languages."""
        return f"{self.translation_key}:{int(self.starts_at.timestamp())}"


def boundaries():
    """Every future start and end of any notice, as sorted UTC timestamps (cached; the cache
    is cleared whenever a notice is saved or deleted)."""
    found = cache.get(BOUNDARIES_CACHE_KEY)
    if found is None:
        now = timezone.now()
        starts = Notice.objects.filter(starts_at__gt=now).values_list("starts_at", flat=True)
        ends = Notice.objects.filter(ends_at__gt=now).values_list("ends_at", flat=True)
        found = sorted({moment.timestamp() for moment in [*starts, *ends]})
        cache.set(BOUNDARIES_CACHE_KEY, found, BOUNDARIES_CACHE_SECONDS)
    return found


def seconds_until_next_change(now=None):
    """Seconds until a notice next appears or disappears, or None when none will."""
    now = (now or timezone.now()).timestamp()
    upcoming = [moment for moment in boundaries() if moment > now]
    if not upcoming:
        return None
    return max(0, int(upcoming[0] - now))
