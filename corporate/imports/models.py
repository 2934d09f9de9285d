"""One upload and what came of it: the dry run's outcome per row, and when it was applied.
Kept as the import history (who imported which file when)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from corporate.imports.base import Outcome
from corporate.imports.storage import private_storage


class ImportRun(models.Model):
    CHECKED, APPLIED, STALE = "checked", "applied", "stale"
    STATUS_CHOICES = [
        (CHECKED, _("Dry run done, not applied")),
        (APPLIED, _("Applied")),
        (STALE, _("Superseded by a newer dry run")),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=CHECKED)
    counts = models.JSONField(_("counts"), default=dict)
    outcomes = models.JSONField(_("outcome per row"), default=list)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seconds = models.FloatField(_("seconds to apply"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind}: {self.original_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def outcome_list(self, action=None):
        rows = (Outcome.from_row(row) for row in self.outcomes)
        return [o for o in rows if action is None or o.action == action]

    @property
    def to_apply(self):
        return self.counts.get("create", 0) + self.counts.get("update", 0)
