"""Admin views of an import: upload and dry run, the dry run's outcome per row, apply, the
progress of the running step (JSON), and the outcome as CSV.

A dry run reads the file and plans every row without writing anything but the ImportRun
record. Applying plans the stored file again against the database as it is now: if that
differs from the dry run the user saw, nothing is written and the new dry run is shown;
otherwise the plan is applied in one transaction (all rows or none)."""

import csv
import hashlib
import time
import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from corporate.imports.base import ACTIONS, REJECT, Progress
from corporate.imports.models import ImportRun
from corporate.imports.reading import FileProblem
from corporate.imports.registry import get_importer

OUTCOMES_PER_PAGE = 100
DEFAULT_MAX_UPLOAD = 30 * 1024 * 1024


def max_upload_size():
    return getattr(settings, "IMPORTS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy("The first row holds the column headings."),
    )
    progress_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_size():
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": max_upload_size() // 2**20}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or an XLSX file."))
        return upload


class ImportMixin(WagtailAdminTemplateMixin):
    header_icon = "upload"

    def dispatch(self, request, *args, kind, **kwargs):
        self.importer = get_importer(kind)
        if self.importer is None:
            raise Http404
        if not self.importer.has_permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, kind=kind, **kwargs)

    def get_page_title(self):
        return self.importer.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("imports:upload", args=[self.importer.kind]),
                "label": self.importer.title,
            },
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["importer"] = self.importer
        return context


class UploadView(ImportMixin, TemplateView):
    template_name = "imports/upload.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or UploadForm(initial={"progress_token": uuid.uuid4().hex})
        context["recent"] = ImportRun.objects.filter(kind=self.importer.kind)[:10]
        context["columns"] = [
            (key, names[0] if names else key, key in self.importer.required)
            for key, names in self.importer.columns.items()
        ]
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        progress = Progress(form.cleaned_data.get("progress_token") or "")
        try:
            plan = self.importer.plan(data, upload.name, progress)
        except FileProblem as problem:
            form.add_error("file", str(problem))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        run = ImportRun(
            kind=self.importer.kind,
            original_name=upload.name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=request.user,
            counts=plan.counts(),
            outcomes=[o.as_row() for o in plan.outcomes],
        )
        run.file.save(f"{run.id}-{upload.name[-80:]}", ContentFile(data), save=False)
        run.save()
        return redirect("imports:run", self.importer.kind, run.pk)


class RunView(ImportMixin, TemplateView):
    template_name = "imports/run.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(ImportRun, pk=kwargs["pk"], kind=self.importer.kind)
        show = self.request.GET.get("show", "")
        if show not in ACTIONS:
            show = REJECT if run.counts.get(REJECT) else ""
        outcomes = run.outcome_list(show or None)
        paginator = Paginator(outcomes, OUTCOMES_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        applied_before = (
            ImportRun.objects.filter(kind=run.kind, sha256=run.sha256, status=ImportRun.APPLIED)
            .exclude(pk=run.pk)
            .order_by("-applied_at")
            .first()
        )
        context.update(
            run=run,
            show=show,
            page_obj=page,
            filters=[
                (action, label, run.counts.get(action, 0))
                for action, label in (
                    ("create", _("New")),
                    ("update", _("Changed")),
                    ("unchanged", _("Unchanged")),
                    ("reject", _("Rejected")),
                )
            ],
            applied_before=applied_before,
            progress_token=uuid.uuid4().hex,
        )
        return context


class ApplyView(ImportMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, kind, pk, **kwargs):
        run = get_object_or_404(ImportRun, pk=pk, kind=kind)
        if run.status != ImportRun.CHECKED:
            messages.error(
                request, _("This import was applied already or replaced by a newer dry run.")
            )
            return redirect("imports:run", kind, run.pk)
        progress = Progress(request.POST.get("progress_token", "")[:64])
        with run.file.open("rb") as handle:
            data = handle.read()
        started = time.monotonic()
        try:
            plan = self.importer.plan(data, run.original_name, progress)
        except FileProblem as problem:
            messages.error(request, str(problem))
            return redirect("imports:run", kind, run.pk)
        if plan.counts() != run.counts:
            # The database changed since the dry run: show the new one, write nothing.
            fresh = ImportRun.objects.create(
                kind=run.kind,
                file=run.file.name,
                original_name=run.original_name,
                sha256=run.sha256,
                uploaded_by=request.user,
                counts=plan.counts(),
                outcomes=[o.as_row() for o in plan.outcomes],
            )
            run.status = ImportRun.STALE
            run.save(update_fields=["status"])
            messages.warning(
                request,
                _(
                    "The data changed since this dry run, so nothing was imported. Here is a new dry run: check it and apply again."
                ),
            )
            return redirect("imports:run", kind, fresh.pk)
        with transaction.atomic():
            self.importer.apply(plan, progress, user=request.user)
            run.status = ImportRun.APPLIED
            run.applied_at = timezone.now()
            run.applied_by = request.user
            run.seconds = round(time.monotonic() - started, 2)
            run.save(update_fields=["status", "applied_at", "applied_by", "seconds"])
        progress.update("applied", len(plan.outcomes), len(plan.outcomes), force=True)
        messages.success(
            request,
            _(
                "Imported: %(create)d new, %(update)d changed, %(unchanged)d unchanged, %(reject)d rejected rows skipped."
            )
            % run.counts,
        )
        return redirect("imports:run", kind, run.pk)


def progress_view(request, token):
    if not request.user.is_active or not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return JsonResponse(Progress.read(token[:64]) or {"phase": "waiting", "done": 0, "total": 0})


def outcomes_csv(request, kind, pk):
    importer = get_importer(kind)
    if importer is None:
        raise Http404
    if not importer.has_permission(request.user):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=pk, kind=kind)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="dry-run-{kind}-{run.created_at:%Y%m%d-%H%M}.csv"'
    )
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response)
    writer.writerow([_("Line"), _("Key"), _("Action"), _("Reasons"), _("Changed fields")])
    labels = {
        "create": _("New"),
        "update": _("Changed"),
        "unchanged": _("Unchanged"),
        "reject": _("Rejected"),
    }
    for outcome in run.outcome_list():
        writer.writerow(
            [
                outcome.line,
                outcome.key,
                labels[outcome.action],
                "; ".join(outcome.reasons),
                ", ".join(outcome.changes),
            ]
        )
    return response
