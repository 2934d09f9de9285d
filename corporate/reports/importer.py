"""Import of test reports from the laboratory's LIMS (CSV or XLSX), with a dry run.

One row per report, identified by its number: a new number creates a report, a known one
updates it where the row differs, and an identical row changes nothing (so importing the same
file twice is harmless). A row is rejected, with the reason, for a missing or malformed
number, a number that appears twice in the file, a missing code or client, a bad date, an
unknown accreditation area, status or language, a superseded report without a known
replacement, or a revoked one without reason and date."""

import datetime
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from corporate.core.models import AccreditationAreaPage
from corporate.imports.base import CREATE, REJECT, UNCHANGED, UPDATE, Importer, Outcome, Plan
from corporate.imports.reading import normalise_header
from corporate.reports.codes import MAX_CODE_LENGTH, hash_code, normalise_code, normalise_number
from corporate.reports.models import TestReport

NUMBER_RE = re.compile(r"^[A-Z0-9][A-Z0-9 ./_\-]*$")
LIST_SEPARATORS = re.compile(r"[;；、,，|\n]+")
CHUNK = 5000
BATCH = 2000

STATUSES = {
    TestReport.VALID: ("valid", "有效", "正常", "在用", "active"),
    TestReport.SUPERSEDED: ("superseded", "已替代", "替代", "被替代", "replaced"),
    TestReport.REVOKED: ("revoked", "撤销", "已撤销", "作废", "已作废", "withdrawn"),
}
LANGUAGES = {
    "zh-hans": ("zh-hans", "zh", "zh-cn", "chinese", "中文", "汉语", "cn"),
    "en": ("en", "english", "英文", "英语"),
    "zh-hans+en": ("zh-hans+en", "zh+en", "bilingual", "中英文", "中英", "中英双语", "双语"),
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%d.%m.%Y")


def _choices(table):
    return {normalise_header(word): key for key, words in table.items() for word in words}


STATUS_WORDS = _choices(STATUSES)
LANGUAGE_WORDS = _choices(LANGUAGES)


def parse_date(text):
    """A date from a cell (2025-03-01, 2025/3/1, 2025年3月1日, 20250301), or None."""
    text = (text or "").strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class AreaLookup:
    """Accreditation areas by what a LIMS may call them: the Chinese or English title, or the
    slug; always answered with the Chinese (source) page, whose translations the lookup
    follows at display time."""

    def __init__(self):
        source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        pages = list(
            AccreditationAreaPage.objects.values(
                "id", "title", "slug", "translation_key", "locale_id"
            )
        )
        source_by_key = {
            p["translation_key"]: p["id"] for p in pages if source and p["locale_id"] == source.id
        }
        self.names = {}
        for page in pages:
            page_id = source_by_key.get(page["translation_key"])
            if page_id is None:
                continue
            for name in (page["title"], page["slug"]):
                self.names.setdefault(normalise_header(name), page_id)

    def find(self, name):
        return self.names.get(normalise_header(name))


class ReportImporter(Importer):
    kind = "reports"
    title = gettext_lazy("Import test reports from the LIMS")
    icon = "doc-full"
    permissions = ("reports.add_testreport", "reports.change_testreport")
    help_template = "reports/admin/import_help.html"
    columns = {
        "number": ("报告编号", "report number", "report no", "编号"),
        "code": ("验证码", "verification code", "防伪码", "查询码"),
        "client": ("委托单位", "client", "client name", "委托方", "客户名称"),
        "description": (
            "项目/样品",
            "project or sample",
            "description",
            "项目名称",
            "样品名称",
            "project",
            "sample",
        ),
        "areas": ("资质领域", "accreditation areas", "accreditation area", "areas", "领域"),
        "issue_date": ("签发日期", "issue date", "date of issue", "报告日期"),
        "status": ("状态", "status"),
        "replaced_by": ("替代报告", "replaced by", "superseded by", "替代报告编号"),
        "revoked_reason": ("撤销原因", "reason for revoking", "revoked reason"),
        "revoked_on": ("撤销日期", "revoked on", "revoked date"),
        "language": ("报告语言", "language", "语言"),
    }
    required = ("number", "code", "client", "issue_date")

    FIELD_LABELS = {
        "code_hash": gettext_lazy("verification code"),
        "client_name": gettext_lazy("client"),
        "description": gettext_lazy("project or sample"),
        "issue_date": gettext_lazy("issue date"),
        "status": gettext_lazy("status"),
        "replaced_by": gettext_lazy("replaced by"),
        "revoked_reason": gettext_lazy("reason for revoking"),
        "revoked_on": gettext_lazy("revoked on"),
        "language": gettext_lazy("language of the report"),
        "areas": gettext_lazy("accreditation areas"),
    }

    # -- planning ------------------------------------------------------------------------------

    def plan_rows(self, records, progress):
        areas = AreaLookup()
        today = timezone.localdate()
        numbers = [normalise_number(values.get("number", "")) for _line, values in records]
        existing = self._existing(numbers)
        lines = {}
        for (line, _values), number in zip(records, numbers, strict=True):
            if number:
                lines.setdefault(number, []).append(line)
        accepted_numbers = set()
        plan = Plan()
        checked = []
        for index, (line, values) in enumerate(records):
            number = numbers[index]
            outcome = Outcome(line=line, key=number)
            row = self._check(values, number, outcome, areas, today)
            if number and len(lines[number]) > 1:
                # Which of the rows is right cannot be told: none is imported.
                outcome.reject(
                    _("Duplicate number: on lines %(lines)s of the file.")
                    % {"lines": ", ".join(str(n) for n in lines[number][:10])}
                )
            if outcome.action != REJECT:
                accepted_numbers.add(number)
            checked.append((outcome, row))
            if index % 1000 == 0:
                progress.update("checking", index, len(records))
        # Replacements may be in the database or among the file's accepted rows.
        known = accepted_numbers | self._known_numbers(
            {row["replaced_by"] for o, row in checked if row and row.get("replaced_by")}
            - accepted_numbers
        )
        for outcome, row in checked:
            if outcome.action != REJECT and row["replaced_by"] and row["replaced_by"] not in known:
                outcome.reject(
                    _("Replacing report %(number)s is neither in the file nor in the database.")
                    % {"number": row["replaced_by"]}
                )
            if outcome.action != REJECT:
                current = existing.get(outcome.key)
                if current is None:
                    outcome.action = CREATE
                else:
                    changed = [f for f in self.FIELD_LABELS if current[f] != row[f]]
                    outcome.action = UPDATE if changed else UNCHANGED
                    outcome.changes = [str(self.FIELD_LABELS[f]) for f in changed]
                    row["id"] = current["id"]
                    row["changed"] = changed
                if outcome.action in (CREATE, UPDATE):
                    plan.work.append((outcome, row))
            plan.outcomes.append(outcome)
        return plan

    def _check(self, values, number, outcome, areas, today):
        """The row's values as the model holds them, rejecting the outcome where one is wrong."""
        if not number:
            outcome.reject(_("The report number is missing."))
        elif len(number) > 40 or not NUMBER_RE.match(number):
            outcome.reject(
                _(
                    "The report number may hold letters, digits, spaces and . / _ - only (at most 40)."
                )
            )
        code = normalise_code(values.get("code", ""))
        if not code:
            outcome.reject(_("The verification code is missing."))
        elif len(code) > MAX_CODE_LENGTH:
            outcome.reject(
                _("The verification code is longer than %(max)d characters.")
                % {"max": MAX_CODE_LENGTH}
            )
        client = " ".join(values.get("client", "").split())
        if not client:
            outcome.reject(_("The client's name is missing."))
        elif len(client) > 200:
            outcome.reject(_("The client's name is longer than 200 characters."))
        description = " ".join(values.get("description", "").split())
        if len(description) > 500:
            outcome.reject(_("The project or sample description is longer than 500 characters."))

        issue_date = parse_date(values.get("issue_date"))
        if issue_date is None:
            outcome.reject(
                _("Bad issue date “%(value)s”: write it as YYYY-MM-DD.")
                % {"value": values.get("issue_date", "")[:30]}
            )
        elif issue_date > today:
            outcome.reject(
                _("The issue date %(date)s is in the future.") % {"date": issue_date.isoformat()}
            )

        area_ids = []
        for name in (n.strip() for n in LIST_SEPARATORS.split(values.get("areas", ""))):
            if not name:
                continue
            area_id = areas.find(name)
            if area_id is None:
                outcome.reject(_("Unknown accreditation area “%(name)s”.") % {"name": name[:60]})
            else:
                area_ids.append(area_id)

        raw_status = values.get("status", "").strip()
        status = STATUS_WORDS.get(normalise_header(raw_status)) if raw_status else TestReport.VALID
        if status is None:
            outcome.reject(
                _(
                    "Unknown status “%(value)s”: use valid, superseded or revoked (有效, 已替代, 已撤销)."
                )
                % {"value": raw_status[:30]}
            )
        raw_language = values.get("language", "").strip()
        language = LANGUAGE_WORDS.get(normalise_header(raw_language)) if raw_language else "zh-hans"
        if language is None:
            outcome.reject(
                _("Unknown report language “%(value)s”: use zh, en or zh+en.")
                % {"value": raw_language[:30]}
            )

        replaced_by = ""
        revoked_reason = ""
        revoked_on = None
        if status == TestReport.SUPERSEDED:
            replaced_by = normalise_number(values.get("replaced_by", ""))
            if not replaced_by:
                outcome.reject(
                    _("A superseded report needs the number of the report that replaces it.")
                )
            elif replaced_by == number:
                outcome.reject(_("A report cannot replace itself."))
        elif status == TestReport.REVOKED:
            revoked_reason = " ".join(values.get("revoked_reason", "").split())[:300]
            revoked_on = parse_date(values.get("revoked_on"))
            if not revoked_reason:
                outcome.reject(_("A revoked report needs the reason for revoking."))
            if revoked_on is None:
                outcome.reject(_("A revoked report needs the date it was revoked (YYYY-MM-DD)."))
            elif issue_date and revoked_on < issue_date:
                outcome.reject(_("The report was revoked before it was issued."))

        if outcome.action == REJECT:
            return None
        return {
            "number": number,
            "code_hash": hash_code(number, code),
            "client_name": client,
            "description": description,
            "issue_date": issue_date,
            "status": status,
            "replaced_by": replaced_by,
            "revoked_reason": revoked_reason,
            "revoked_on": revoked_on,
            "language": language,
            "areas": frozenset(area_ids),
        }

    def _existing(self, numbers):
        """{number: the report's comparable values} for the numbers already stored."""
        found = {}
        wanted = [n for n in dict.fromkeys(numbers) if n]
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = TestReport.objects.filter(number__in=chunk).values(
                "id",
                "number",
                "code_hash",
                "client_name",
                "description",
                "issue_date",
                "status",
                "superseded_by__number",
                "revoked_reason",
                "revoked_on",
                "language",
            )
            by_id = {}
            for row in rows:
                row["replaced_by"] = row.pop("superseded_by__number") or ""
                row["areas"] = set()
                by_id[row["id"]] = row
                found[row["number"]] = row
            through = TestReport.areas.through.objects.filter(testreport_id__in=list(by_id))
            for report_id, area_id in through.values_list(
                "testreport_id", "accreditationareapage_id"
            ):
                by_id[report_id]["areas"].add(area_id)
            for row in by_id.values():
                row["areas"] = frozenset(row["areas"])
        return found

    def _known_numbers(self, numbers):
        numbers = list(numbers)
        known = set()
        for start in range(0, len(numbers), CHUNK):
            known.update(
                TestReport.objects.filter(number__in=numbers[start : start + CHUNK]).values_list(
                    "number", flat=True
                )
            )
        return known

    # -- applying ------------------------------------------------------------------------------

    MODEL_FIELDS = [
        "code_hash",
        "client_name",
        "description",
        "issue_date",
        "status",
        "revoked_reason",
        "revoked_on",
        "language",
    ]

    def apply(self, plan, progress, user=None):
        total = len(plan.work)
        now = timezone.now()
        new = [row for outcome, row in plan.work if outcome.action == CREATE]
        changed = [row for outcome, row in plan.work if outcome.action == UPDATE]

        created = []
        for start in range(0, len(new), BATCH):
            batch = [
                TestReport(number=row["number"], **{f: row[f] for f in self.MODEL_FIELDS})
                for row in new[start : start + BATCH]
            ]
            created.extend(TestReport.objects.bulk_create(batch, batch_size=BATCH))
            progress.update("applying", start + len(batch), total)
        for report, row in zip(created, new, strict=True):
            row["id"] = report.id

        updates = []
        for row in changed:
            report = TestReport(
                id=row["id"],
                number=row["number"],
                updated_at=now,
                **{f: row[f] for f in self.MODEL_FIELDS},
            )
            updates.append(report)
        for start in range(0, len(updates), BATCH):
            TestReport.objects.bulk_update(
                updates[start : start + BATCH], [*self.MODEL_FIELDS, "updated_at"], batch_size=BATCH
            )
            progress.update("applying", len(new) + start + BATCH, total)

        # Replacements: after every new report exists.
        replacing = {row["replaced_by"] for row in new + changed if row["replaced_by"]}
        ids = (
            dict(TestReport.objects.filter(number__in=replacing).values_list("number", "id"))
            if replacing
            else {}
        )
        links = [
            TestReport(id=row["id"], superseded_by_id=ids.get(row["replaced_by"]))
            for row in new + changed
            if row["replaced_by"] or "replaced_by" in row.get("changed", ())
        ]
        TestReport.objects.bulk_update(links, ["superseded_by"], batch_size=BATCH)

        # Areas: replace the links of the reports whose areas are new or changed.
        through = TestReport.areas.through
        area_rows = new + [row for row in changed if "areas" in row["changed"]]
        ids_to_reset = [row["id"] for row in area_rows if "changed" in row]
        for start in range(0, len(ids_to_reset), CHUNK):
            through.objects.filter(testreport_id__in=ids_to_reset[start : start + CHUNK]).delete()
        links = [
            through(testreport_id=row["id"], accreditationareapage_id=area_id)
            for row in area_rows
            for area_id in sorted(row["areas"])
        ]
        through.objects.bulk_create(links, batch_size=BATCH * 2)
        progress.update("applying", total, total, force=True)
        return {"created": len(new), "updated": len(changed)}
