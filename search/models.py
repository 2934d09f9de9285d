"""Synonyms that editors manage, and the log of what visitors searched for."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale

MAX_TERM_LENGTH = 100
SYNONYM_SEPARATORS = re.compile(r"[\n,，、;；]+")


def normalise_query(text):
    """How a query is logged and compared: trimmed, single spaces, lower-case Latin letters."""
    return " ".join(text.split()).lower()


class SearchSynonym(models.Model):
    """Words that mean the same on this site in one language: a search for any of them also
    finds pages that use the others (危废 ↔ 危险废物)."""

    locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(
        _("term"),
        max_length=MAX_TERM_LENGTH,
        help_text=_("What visitors type, for example an abbreviation such as VOCs."),
    )
    synonyms = models.TextField(
        _("means the same as"),
        help_text=_("One or more words or phrases, separated by commas or new lines."),
    )

    panels = [FieldPanel("locale"), FieldPanel("term"), FieldPanel("synonyms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["locale", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "term"], name="search_synonym_unique_term_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.term} → {', '.join(self.synonym_list())}"

    def synonym_list(self):
        return [
            item for item in (s.strip() for s in SYNONYM_SEPARATORS.split(self.synonyms)) if item
        ]

    def group(self):
        """The term and its synonyms, each once."""
        return list(dict.fromkeys([self.term.strip(), *self.synonym_list()]))

    def clean(self):
        self.term = " ".join(self.term.split())
        errors = {}
        if not self.term:
            errors["term"] = _("Enter the word that visitors type.")
        items = self.synonym_list()
        if not items:
            errors["synonyms"] = _("Enter at least one word or phrase that means the same.")
        elif any(len(item) > MAX_TERM_LENGTH for item in items):
            errors["synonyms"] = _("Each synonym can have at most %(max)d characters.") % {
                "max": MAX_TERM_LENGTH
            }
        elif self.term and all(normalise_query(i) == normalise_query(self.term) for i in items):
            errors["synonyms"] = _("Enter a word or phrase other than the term itself.")
        if errors:
            raise ValidationError(errors)
        self.synonyms = "\n".join(items)


class SearchQueryLog(models.Model):
    """How often a query was searched for on one day, and how many pages it found."""

    locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    query_string = models.CharField(_("query"), max_length=255)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)
    result_count = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "query_string", "date"], name="search_query_log_unique_day"
            )
        ]
        indexes = [models.Index(fields=["date", "result_count"], name="search_log_date_results")]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, locale, result_count):
        """Count one search now (a request uses search/query_log.py, which counts in Redis)."""
        query_string = normalise_query(query_string)[:255]
        if query_string:
            cls.add(locale.pk, query_string, timezone.localdate(), 1, result_count)

    @classmethod
    def add(cls, locale_id, query_string, date, hits, result_count):
        """Add ``hits`` searches of one query on one day; the latest result count wins."""
        entry, _created = cls.objects.get_or_create(
            locale_id=locale_id,
            query_string=query_string,
            date=date,
            defaults={"result_count": result_count},
        )
        cls.objects.filter(pk=entry.pk).update(hits=F("hits") + hits, result_count=result_count)
