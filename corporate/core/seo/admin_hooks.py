"""Admin hooks of the SEO package: the Advertising Law check's history entry and messages, and
the editor's stylesheet for its highlights. Imported by corporate/core/wagtail_hooks.py."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log

from .adlaw import scan_page
from .adlaw_form import CONFIRM_FIELD, AdLawPageForm, is_publishing

ADLAW_CONFIRMED = "corporate.adlaw_confirmed"
# The push module names these too (it is imported at start-up, this module with the admin).
PUSHED_ACTION = "corporate.search_push.pushed"
FAILED_ACTION = "corporate.search_push.failed"


@hooks.register("register_log_actions")
def register_adlaw_actions(actions):
    @actions.register_action(ADLAW_CONFIRMED)
    class AdLawConfirmed(LogFormatter):
        label = _("Confirm Advertising Law terms")

        def format_message(self, log_entry):
            terms = "”, “".join(log_entry.data.get("terms", []))
            return _("Published with Advertising Law terms confirmed: “%(terms)s”") % {
                "terms": terms
            }

    @actions.register_action(PUSHED_ACTION)
    class SearchEnginePushed(LogFormatter):
        label = _("Push to a search engine")

        def format_message(self, log_entry):
            return _("Pushed %(url)s to %(engine)s") % _push_names(log_entry)

    @actions.register_action(FAILED_ACTION)
    class SearchEnginePushFailed(LogFormatter):
        label = _("Search engine push failed")

        def format_message(self, log_entry):
            return _("Push of %(url)s to %(engine)s failed: %(detail)s") % _push_names(log_entry)


def _push_names(log_entry):
    from corporate.core.models import SearchEnginePush

    data = log_entry.data or {}
    engines = dict(SearchEnginePush.Engine.choices)
    return {
        "url": data.get("url", ""),
        "engine": engines.get(data.get("engine"), data.get("engine", "")),
        "detail": (data.get("detail") or "")[:200],
    }


@hooks.register("insert_editor_css")
def adlaw_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("corporate/admin-adlaw.css"))


def _after_save(request, page):
    specific = page.specific
    form_class = getattr(type(specific), "base_form_class", None)
    if not (isinstance(form_class, type) and issubclass(form_class, AdLawPageForm)):
        return  # a page type without the check (e.g. one with its own editor form)
    hits = scan_page(specific)
    if not hits:
        return
    terms = sorted({term for hit in hits for term in hit.terms})
    if is_publishing(request.POST) and request.POST.get(CONFIRM_FIELD):
        log(
            instance=specific,
            action=ADLAW_CONFIRMED,
            user=request.user,
            data={
                "terms": terms,
                "fields": [{"label": hit.label, "terms": hit.terms} for hit in hits],
            },
        )
    elif not is_publishing(request.POST):
        messages.warning(
            request,
            ngettext(
                "Saved. Advertising Law: “%(terms)s” is highlighted beside its field; reword it "
                "or confirm it before publishing.",
                "Saved. Advertising Law: “%(terms)s” are highlighted beside their fields; reword "
                "them or confirm them before publishing.",
                len(terms),
            )
            % {"terms": "”, “".join(terms)},
        )


@hooks.register("after_create_page")
def adlaw_after_create(request, page):
    _after_save(request, page)


@hooks.register("after_edit_page")
def adlaw_after_edit(request, page):
    _after_save(request, page)
