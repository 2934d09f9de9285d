"""Import of the capability catalogue (the CMA annex) from XLSX or CSV, with a dry run.

One row per (accreditation area, parameter, method standard): a new combination creates a
Chinese catalogue entry, a known one is updated where the row differs, an identical row
changes nothing. English entries come from the Chinese ones through wagtail-localize (the
translators' out-of-date report lists the entries an import changed); rows that are not in
the file are left as they are."""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelsearch.backends import get_search_backends
from wagtail.models import Locale

from corporate.capabilities.models import CapabilityEntry
from corporate.imports.base import CREATE, REJECT, UNCHANGED, UPDATE, Importer, Outcome, Plan
from corporate.imports.reading import normalise_header

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./:()+\-–—]*$")
YES = {"", "是", "y", "yes", "true", "1", "认可", "cma", "√", "✓"}
NO = {"否", "n", "no", "false", "0", "未认可", "不认可", "×"}
BATCH = 1000


def normalise_code(code):
    """HJ 828-2017 however it is spaced (HJ828-2017, ＨＪ 828－2017)."""
    import unicodedata

    code = (
        unicodedata.normalize("NFKC", code or "")
        .replace("－", "-")
        .replace("—", "-")
        .replace("–", "-")
    )
    code = " ".join(code.split())
    return re.sub(r"^([A-Za-z/]+)\s*(?=\d)", lambda m: m.group(1).upper() + " ", code)


class CatalogueImporter(Importer):
    kind = "catalogue"
    title = gettext_lazy("Import the capability catalogue")
    icon = "table"
    permissions = ("capabilities.add_capabilityentry", "capabilities.change_capabilityentry")
    help_template = "capabilities/admin/import_help.html"
    columns = {
        "area": ("资质领域", "accreditation area", "area", "领域", "类别"),
        "parameter": ("检测项目", "parameter", "项目", "参数", "检测参数"),
        "aliases": ("缩写", "abbreviations", "aliases", "别名"),
        "method_code": ("方法标准编号", "method standard", "standard code", "标准编号", "依据标准"),
        "method_title": ("方法标准名称", "method title", "standard title", "标准名称"),
        "detection_limit": ("检出限", "limit of detection", "detection limit", "lod"),
        "accredited": ("是否认可", "accredited", "cma认可", "资质认定"),
    }
    required = ("area", "parameter", "method_code", "method_title")
    FIELDS = ["aliases", "method_title", "detection_limit", "accredited", "sort_order"]
    FIELD_LABELS = {
        "aliases": gettext_lazy("abbreviations"),
        "method_title": gettext_lazy("method title"),
        "detection_limit": gettext_lazy("limit of detection"),
        "accredited": gettext_lazy("accredited (CMA)"),
        "sort_order": gettext_lazy("order"),
    }

    def source_locale(self):
        return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]

    def area_names(self, locale):
        from corporate.core.models import AccreditationAreaPage

        pages = list(
            AccreditationAreaPage.objects.values(
                "id", "title", "slug", "translation_key", "locale_id"
            )
        )
        source = {p["translation_key"]: p["id"] for p in pages if p["locale_id"] == locale.id}
        names = {}
        for page in pages:
            if page["translation_key"] in source:
                for name in (page["title"], page["slug"]):
                    names.setdefault(normalise_header(name), source[page["translation_key"]])
        return names

    def plan_rows(self, records, progress):
        locale = self.source_locale()
        areas = self.area_names(locale)
        existing = {
            (e["area_id"], e["parameter"], normalise_code(e["method_code"])): e
            for e in CapabilityEntry.objects.filter(locale=locale).values(
                "id", "area_id", "parameter", "method_code", *self.FIELDS
            )
        }
        checked = []
        lines = {}
        for index, (line, values) in enumerate(records):
            outcome = Outcome(line=line, key="")
            row = self._check(values, outcome, areas, order=index + 1)
            if row is not None:
                lines.setdefault(row["key"], []).append(line)
            checked.append((outcome, row))
            if index % 1000 == 0:
                progress.update("checking", index, len(records))
        plan = Plan()
        for outcome, row in checked:
            if row is not None and len(lines[row["key"]]) > 1:
                outcome.reject(
                    _("The same area, parameter and method are also on lines %(lines)s.")
                    % {"lines": ", ".join(str(n) for n in lines[row["key"]] if n != outcome.line)}
                )
            if outcome.action != REJECT:
                current = existing.get(row["key"])
                if current is None:
                    outcome.action = CREATE
                else:
                    changed = [f for f in self.FIELDS if current[f] != row[f]]
                    outcome.action = UPDATE if changed else UNCHANGED
                    outcome.changes = [str(self.FIELD_LABELS[f]) for f in changed]
                    row["id"] = current["id"]
                if outcome.action in (CREATE, UPDATE):
                    plan.work.append((outcome, row))
            plan.outcomes.append(outcome)
        return plan

    def _check(self, values, outcome, areas, order):
        area_name = values.get("area", "").strip()
        parameter = " ".join(values.get("parameter", "").split())
        code = normalise_code(values.get("method_code", ""))
        title = " ".join(values.get("method_title", "").split())
        outcome.key = f"{parameter} · {code}" if parameter or code else ""
        area_id = areas.get(normalise_header(area_name)) if area_name else None
        if not area_name:
            outcome.reject(_("The accreditation area is missing."))
        elif area_id is None:
            outcome.reject(_("Unknown accreditation area “%(name)s”.") % {"name": area_name[:60]})
        if not parameter:
            outcome.reject(_("The parameter is missing."))
        elif len(parameter) > 200:
            outcome.reject(_("The parameter is longer than 200 characters."))
        if not code:
            outcome.reject(_("The method standard's code is missing."))
        elif len(code) > 64 or not CODE_RE.match(code):
            outcome.reject(
                _(
                    "Bad method standard code “%(code)s”: use Latin letters, digits, spaces and . / - ( ) only, e.g. HJ 828-2017."
                )
                % {"code": code[:64]}
            )
        if not title:
            outcome.reject(_("The method standard's title is missing."))
        elif len(title) > 300:
            outcome.reject(_("The method standard's title is longer than 300 characters."))
        aliases = ", ".join(
            a.strip() for a in re.split(r"[,，、;；]", values.get("aliases", "")) if a.strip()
        )
        if len(aliases) > 200:
            outcome.reject(_("The abbreviations are longer than 200 characters."))
        limit = " ".join(values.get("detection_limit", "").split())
        if len(limit) > 80:
            outcome.reject(_("The limit of detection is longer than 80 characters."))
        raw = values.get("accredited", "").strip().lower()
        accredited = True if raw in YES else False if raw in NO else None
        if accredited is None:
            outcome.reject(
                _("“Accredited” must be yes or no (是 or 否), not “%(value)s”.")
                % {"value": raw[:20]}
            )
        if outcome.action == REJECT:
            return None
        return {
            "key": (area_id, parameter, code),
            "area_id": area_id,
            "parameter": parameter,
            "method_code": code,
            "method_title": title,
            "aliases": aliases,
            "detection_limit": limit,
            "accredited": accredited,
            "sort_order": order,
        }

    def apply(self, plan, progress, user=None):
        locale = self.source_locale()
        total = len(plan.work)
        new = [
            CapabilityEntry(
                locale=locale,
                area_id=row["area_id"],
                parameter=row["parameter"],
                method_code=row["method_code"],
                **{f: row[f] for f in self.FIELDS},
            )
            for outcome, row in plan.work
            if outcome.action == CREATE
        ]
        created = CapabilityEntry.objects.bulk_create(new, batch_size=BATCH)
        progress.update("applying", len(created), total)
        changed = [
            CapabilityEntry(id=row["id"], **{f: row[f] for f in self.FIELDS})
            for outcome, row in plan.work
            if outcome.action == UPDATE
        ]
        CapabilityEntry.objects.bulk_update(changed, self.FIELDS, batch_size=BATCH)
        # bulk_create and bulk_update send no signals: index the rows here.
        ids = [e.id for e in created] + [e.id for e in changed]
        for start in range(0, len(ids), BATCH):
            objs = list(CapabilityEntry.objects.filter(id__in=ids[start : start + BATCH]))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(CapabilityEntry, objs)
            progress.update("applying", min(total, start + BATCH), total)
        return {"created": len(created), "updated": len(changed)}
