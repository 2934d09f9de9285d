"""资料下载 / Downloads: documents editors publish for visitors, grouped by category, each with
its title (translated), file format, size and date; the download centre at /downloads/ lists
them with a search box and a category filter, and service pages link those that apply."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from corporate.core import site_cache
from corporate.core.models import BasePage

MAX_QUERY_LENGTH = 100


class Category(models.TextChoices):
    QUALIFICATIONS = "qualifications", _("Qualifications")
    FORMS = "forms", _("Forms")
    GUIDES = "guides", _("Guides")
    REPORTS = "reports", _("Reports")


@register_snippet
class Download(TranslatableMixin, models.Model):
    """One document in the download centre, in one language: the English copy names its own
    file (translators choose it in the translation editor; the Chinese file is the default)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=400, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("PDF, Word or Excel; its format and size are shown from the file."),
    )
    date = models.DateField(_("date"), help_text=_("Issue or revision date shown in the list."))
    all_services = models.BooleanField(
        _("link from every service page"),
        default=False,
        help_text=_("E.g. the commissioning form, which every service needs."),
    )
    services = StreamField(
        [
            (
                "service",
                blocks.PageChooserBlock(page_type="corporate.ServicePage", label=_("Service")),
            )
        ],
        verbose_name=_("link from these service pages"),
        blank=True,
    )
    is_sample = models.BooleanField(
        _("sample document"),
        default=False,
        help_text=_("Marks demo content that must be replaced before launch."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldPanel("document"),
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldPanel("all_services"), FieldPanel("services")],
            heading=_("Service pages"),
        ),
        FieldPanel("is_sample"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("category"),
        # The English copy may give its own file (an English form); the Chinese one otherwise.
        SynchronizedField("document", overridable=True),
        SynchronizedField("date"),
        SynchronizedField("all_services"),
        SynchronizedField("services"),
        SynchronizedField("is_sample"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["category", "-date", "title"]

    def __str__(self):
        return self.title

    @property
    def file_format(self):
        return (self.document.file_extension or "").upper()

    @property
    def file_size(self):
        return self.document.get_file_size()

    def chosen_page_ids(self):
        """The ids of the service pages this download names (read from the stored blocks, so
        finding them costs no query)."""
        return {item.get("value") for item in self.services.raw_data if item.get("value")}


def downloads_for_service(service):
    """The downloads of the service page's language that it links, by category and date; two
    queries however many downloads there are, cached until the next change."""
    return site_cache.cached(
        "service-downloads", lambda: _downloads_for_service(service), service.pk, per_language=False
    )


def _downloads_for_service(service):
    found = list(Download.objects.filter(locale_id=service.locale_id).select_related("document"))
    for download in found:
        # Wagtail measures a document's size on first use and saves it: do it before caching,
        # or every request would measure (and save) it again.
        download.document.get_file_size()
    chosen = {download.pk: download.chosen_page_ids() for download in found}
    ids = set().union(*chosen.values()) if chosen else set()
    keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    return [
        download
        for download in found
        if download.all_services
        or service.translation_key in {keys.get(pk) for pk in chosen[download.pk]}
    ]


class DownloadIndexPage(BasePage):
    """资料下载: every download of this language, by category; ?q= searches the titles and
    descriptions, ?category= shows one category."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    chrome_role = "downloads"  # the home page and the site chrome link here

    class Meta:
        verbose_name = _("download centre page")
        verbose_name_plural = _("download centre pages")

    def downloads(self):
        return Download.objects.filter(locale_id=self.locale_id).select_related("document")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        category = request.GET.get("category", "")
        if category and category not in Category.values:
            raise Http404(_("There is no such category of downloads."))
        everything = self.downloads()
        counts = dict.fromkeys(Category.values, 0)
        for key in everything.values_list("category", flat=True):
            counts[key] += 1
        found = everything
        if category:
            found = found.filter(category=category)
        for word in query.split():
            found = found.filter(Q(title__icontains=word) | Q(description__icontains=word))
        found = list(found)
        groups = [
            {"key": key, "label": label, "items": [d for d in found if d.category == key]}
            for key, label in Category.choices
        ]
        context.update(
            {
                "query": query,
                "active_category": category,
                "categories": [
                    {"key": key, "label": label, "count": counts[key]}
                    for key, label in Category.choices
                    if counts[key]
                ],
                "groups": [group for group in groups if group["items"]],
                "found_count": len(found),
                "is_filtered": bool(query or category),
            }
        )
        return context


def download_index_for(locale_id):
    return site_cache.section_page(DownloadIndexPage, locale_id)
