"""The words the Advertising Law check looks for (广告法 Art. 9 item 3: 国家级, 最高级, 最佳 and the
like), managed by editors as a snippet. Seeded by migration 0006."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class AdLawLanguage(models.TextChoices):
    CHINESE = "zh-hans", _("Chinese pages")
    ENGLISH = "en", _("English pages")


@register_snippet
class AdLawTerm(models.Model):
    term = models.CharField(
        _("word or phrase"),
        max_length=40,
        help_text=_("e.g. 最好, 第一, 国家级; English: best, No. 1 (matched as whole words)."),
    )
    language = models.CharField(
        _("checked on"),
        max_length=10,
        choices=AdLawLanguage.choices,
        default=AdLawLanguage.CHINESE,
    )
    exceptions = models.TextField(
        _("not a hit inside"),
        blank=True,
        help_text=_(
            "One longer word per line in which the word is harmless, e.g. 第一季度 or 第一次 for 第一."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("language"),
        FieldPanel("exceptions"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("Advertising Law term")
        verbose_name_plural = _("Advertising Law terms")
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="unique_adlaw_term")
        ]

    def __str__(self):
        return self.term

    def exception_words(self):
        return [line.strip() for line in self.exceptions.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        self.term = (self.term or "").strip()
        if not self.term:
            raise ValidationError({"term": _("Enter the word to look for.")})
        folded = self.term.casefold()
        wrong = [word for word in self.exception_words() if folded not in word.casefold()]
        if wrong:
            raise ValidationError(
                {
                    "exceptions": _("Each line must contain “%(term)s”: %(lines)s")
                    % {"term": self.term, "lines": ", ".join(wrong)}
                }
            )
