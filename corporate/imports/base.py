"""The shape every importer shares: read the rows, plan (what each row would do, and why a
row is rejected), then apply the plan in one transaction.

An importer subclasses ``Importer`` and registers itself (``corporate.imports.registry``);
the admin views of this app do the rest (upload, dry run, apply, progress)."""

import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _

from corporate.imports.reading import FileProblem, map_columns, read_table

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"
ACTIONS = (CREATE, UPDATE, UNCHANGED, REJECT)
PROGRESS_TIMEOUT = 3600


@dataclass
class Outcome:
    """What one row of the file does: its line in the file, the key it is known by (a report
    number), the action, and the reasons it is rejected or the fields it changes."""

    line: int
    key: str
    action: str = CREATE
    reasons: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    def reject(self, reason):
        self.action = REJECT
        self.reasons.append(str(reason))

    def as_row(self):
        return [self.line, self.key, self.action, self.reasons, self.changes]

    @classmethod
    def from_row(cls, row):
        line, key, action, reasons, changes = row
        return cls(line=line, key=key, action=action, reasons=reasons, changes=changes)


@dataclass
class Plan:
    outcomes: list = field(default_factory=list)
    # (outcome, prepared values) of the rows to create or update, for ``Importer.apply``.
    work: list = field(default_factory=list)

    def counts(self):
        counts = dict.fromkeys(ACTIONS, 0)
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts


class Progress:
    """How far an import has got, in the cache (shared by every app server through Redis), so
    that the page that started it can show a progress bar while the request runs."""

    def __init__(self, token=""):
        self.key = f"imports-progress:{token}" if token else ""
        self.last = 0.0

    def update(self, phase, done, total, force=False):
        if not self.key:
            return
        now = time.monotonic()
        if force or now - self.last > 0.25:
            self.last = now
            cache.set(self.key, {"phase": phase, "done": done, "total": total}, PROGRESS_TIMEOUT)

    @staticmethod
    def read(token):
        return cache.get(f"imports-progress:{token}")


class Importer:
    """Subclasses set the class attributes and implement ``plan_rows`` and ``apply``."""

    kind = ""  # in the admin's addresses: /admin/imports/<kind>/
    title = ""  # e.g. "Import test reports"
    icon = "upload"
    columns = {}  # column key → (heading shown in the help, other accepted headings …)
    required = ()  # column keys that must be present
    permissions = ()  # the user needs every one of these
    help_template = ""  # explains the columns on the upload page
    max_rows = 200_000

    def has_permission(self, user):
        return user.is_active and all(user.has_perm(p) for p in self.permissions)

    def read(self, data, filename, progress):
        """[(line number, {column key: text})], blank rows left out."""
        headers, rows = read_table(data, filename)
        mapping = map_columns(headers, self.columns, self.required)
        records = []
        for line, row in enumerate(rows, start=2):
            if not any(row):
                continue
            records.append(
                (line, {key: row[i] if i < len(row) else "" for key, i in mapping.items()})
            )
            if len(records) > self.max_rows:
                raise FileProblem(
                    _("The file has more than %(max)d rows; split it.") % {"max": self.max_rows}
                )
            if len(records) % 1000 == 0:
                progress.update("reading", len(records), 0)
        if not records:
            raise FileProblem(_("The file has column headings but no rows."))
        return records

    def plan(self, data, filename, progress=None):
        progress = progress or Progress()
        records = self.read(data, filename, progress)
        plan = self.plan_rows(records, progress)
        progress.update("checked", len(records), len(records), force=True)
        return plan

    def plan_rows(self, records, progress):
        raise NotImplementedError

    def apply(self, plan, progress, user=None):
        """Write the plan's work (inside the caller's transaction); return counts."""
        raise NotImplementedError
