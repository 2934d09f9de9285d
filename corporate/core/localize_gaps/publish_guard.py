"""Gap: nothing in Wagtail or wagtail-localize stops Chinese text from going live under /en/.

wagtail-localize fills every string that has no translation yet with the source (Chinese) text
whenever it writes a translation (its editor's "Publish", the update view's "Publish
immediately" checkbox, "Sync translated pages", a new snippet translation), and it writes the
page's row directly, so a live English page shows the Chinese at once. Wagtail's own paths
(the editor, scheduled publishing, reverting, bulk publish, copying, aliases, ``publish()`` in
a shell) know nothing of languages at all.

So the guard sits where every publish passes, not on one view:

- ``PublishRevisionAction.execute`` (every ``revision.publish()``: editor, revert, schedule,
  workflow approval, bulk publish, shell) refuses an object of another language's tree that
  holds untranslated Chinese, before anything is written;
- a ``pre_save`` receiver on every page model and every translatable snippet or setting refuses
  the row write that would put *new* Chinese text live (wagtail-localize's ``save()`` of a live
  English page or of a snippet, copying a live page into the English tree); a cross-language
  *alias* (which would mirror the Chinese page) is kept unpublished instead, so publishing the
  Chinese page and wagtail-localize's tree synchronisation keep working;
- admin hooks refuse early with the missing strings (the editors, bulk publish), keeping the
  saved draft; ``PublishGuardMiddleware`` turns a refusal raised anywhere else into a message
  in the user's admin language and a redirect, and gives the model layer the request so that
  a refusal which a view swallows (wagtail-localize suppresses ValidationError) is still shown.

The refusal is ``UntranslatedContent``, a ``ValidationError`` that lists the strings.

Delete when wagtail-localize refuses to publish incomplete translations itself (not as of
1.14: ``save_target`` always falls back to the source text) and Wagtail offers a pre-publish
validation hook that every publish path runs (not as of 8.0)."""

from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager, suppress
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext, pgettext
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from corporate.core.cjk import has_han

logger = logging.getLogger("corporate.localize_gaps")

SHOWN_STRINGS = 5
# Fields a save may touch without changing what visitors see (revisions, tree bookkeeping).
BOOKKEEPING_FIELDS = {
    "draft_title",
    "expired",
    "first_published_at",
    "has_unpublished_changes",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    "owner",
    "path",
    "depth",
    "url_path",
    "search_description",
}


# -- what is untranslated -------------------------------------------------------------------


def _source_locale_id():
    return Locale.get_default().id


def target_locale_id(instance):
    """The language the object is shown in: for a page, that of the tree it sits in (a copy
    or alias keeps its own locale under another language's home page), else its locale."""
    if isinstance(instance, Page):
        if instance.depth and instance.depth >= 2 and instance.path:
            root_path = instance.path[: Page.steplen * 2]
            if root_path == instance.path:
                return instance.locale_id
            tree_locale = (
                Page.objects.filter(path=root_path).values_list("locale_id", flat=True).first()
            )
            if tree_locale is not None and tree_locale != instance.locale_id:
                return tree_locale
        return instance.locale_id
    return getattr(instance, "locale_id", None)


def _generated_locale_ids():
    """Locales written from the source by a machine in Chinese script (the Traditional site,
    ``GENERATED_LANGUAGES``): Chinese text is their content, not an untranslated string."""
    ids = set()
    for code in settings.GENERATED_LANGUAGES:
        with suppress(Locale.DoesNotExist):
            ids.add(Locale.objects.get_for_language(code).id)
    return ids


def is_guarded(instance):
    """An object shown in a language other than the source (Chinese) and not generated from
    it in Chinese script."""
    if not isinstance(instance, TranslatableMixin):
        return False
    if isinstance(instance, Page) and (instance.depth or 0) < 2:
        return False
    locale_id = target_locale_id(instance)
    if locale_id is None or locale_id == _source_locale_id():
        return False
    return locale_id not in _generated_locale_ids()


def _related_untranslated(instance, locale_id):
    """Translatable snippets the object points at that are in another language (e.g. a news
    category wagtail-localize left pointing at the Chinese one): their names would show."""
    found = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        model = field.related_model
        if not issubclass(model, TranslatableMixin) or issubclass(model, Page):
            continue
        related_id = getattr(instance, field.attname)
        if related_id is None:
            continue
        related = model._default_manager.filter(pk=related_id).first()
        if related is not None and related.locale_id != locale_id:
            found.append(str(related))
    return found


def untranslated_strings(instance) -> list[str]:
    """The text of ``instance`` that is still Chinese: translatable strings (fields, blocks,
    inline rows) holding Chinese characters, and related snippets not in its language."""
    strings = []
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            text = segment.string.render_text().strip()
            if has_han(text):
                strings.append(text)
    strings += _related_untranslated(instance, target_locale_id(instance))
    return list(dict.fromkeys(strings))


def untranslated_chinese_strings(translation):
    """Source strings with Chinese text that have no translation into the target locale (what
    wagtail-localize would fill with the Chinese text when it writes the translation)."""
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale)
        .select_related("string")
    )
    return [
        segment.string.data
        for segment in segments
        if not segment.translation and has_han(segment.string.data)
    ]


def translation_into(instance):
    """The enabled translation whose target is ``instance`` (from another locale), or None."""
    key = instance.translation_key
    return (
        Translation.objects.filter(
            source__object_id=key, target_locale_id=instance.locale_id, enabled=True
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source", "target_locale")
        .first()
    )


# -- the refusal ----------------------------------------------------------------------------


def _title(instance):
    if isinstance(instance, Page):
        return instance.get_admin_display_title()
    return str(instance)


def _shown(strings):
    shown = [f"“{text[:60]}{'…' if len(text) > 60 else ''}”" for text in strings[:SHOWN_STRINGS]]
    if len(strings) > SHOWN_STRINGS:
        shown.append("…")
    # Translators: separates the quoted untranslated strings of a list.
    return pgettext("list separator", ", ").join(shown)


def refusal_message(instance, strings):
    """What the user reads, in the active language."""
    return ngettext(
        "“%(title)s” was not published: %(count)d string is not translated yet: "
        "%(strings)s. Translate it first, or the English site would show the Chinese text. "
        "Everything saved so far is kept.",
        "“%(title)s” was not published: %(count)d strings are not translated yet: "
        "%(strings)s. Translate them first, or the English site would show the Chinese text. "
        "Everything saved so far is kept.",
        len(strings),
    ) % {"title": _title(instance), "count": len(strings), "strings": _shown(strings)}


def alias_message(instance, strings):
    return ngettext(
        "The alias “%(title)s” was kept unpublished: it would show %(count)d Chinese string "
        "on the English site (%(strings)s). Translate the page instead.",
        "The alias “%(title)s” was kept unpublished: it would show %(count)d Chinese strings "
        "on the English site (%(strings)s). Translate the page instead.",
        len(strings),
    ) % {"title": _title(instance), "count": len(strings), "strings": _shown(strings)}


class UntranslatedContent(ValidationError):
    """Publishing ``instance`` would put its untranslated (Chinese) ``strings`` live."""

    def __init__(self, instance, strings):
        self.instance = instance
        self.strings = list(strings)
        self.text = refusal_message(instance, self.strings)
        self.announced = False
        # A dict, as wagtail-localize expects of the ValidationError it catches.
        super().__init__({NON_FIELD_ERRORS: [ValidationError(self.text, code="untranslated")]})

    def __str__(self):
        return self.text


_current_request = contextvars.ContextVar("publish_guard_request", default=None)
_untranslated_allowed = contextvars.ContextVar("publish_guard_allowed", default=False)


@contextmanager
def untranslated_allowed():
    """Inside this block only, Chinese text may go live in another language's tree. For test
    fixtures that build English pages by hand, quickly and with some Chinese left where no test
    looks; the site's own code never uses it."""
    token = _untranslated_allowed.set(True)
    try:
        yield
    finally:
        _untranslated_allowed.reset(token)


def _announce(error_or_text, level=messages.ERROR):
    """Show the refusal to the user of the current admin request (once)."""
    request = _current_request.get()
    if request is None or not hasattr(request, "_messages"):
        return
    if isinstance(error_or_text, UntranslatedContent):
        if error_or_text.announced:
            return
        error_or_text.announced = True
        text = error_or_text.text
    else:
        text = error_or_text
    shown = request.__dict__.setdefault("_publish_guard_messages", set())
    if text not in shown:
        shown.add(text)
        messages.add_message(request, level, text)


def refuse(instance, strings):
    error = UntranslatedContent(instance, strings)
    _announce(error)
    logger.info("Refused to publish %r: %d untranslated strings", instance, len(strings))
    raise error


def check_can_go_live(instance):
    """Raise ``UntranslatedContent`` when ``instance`` (to be shown in another language than
    Chinese) still holds Chinese text."""
    if _untranslated_allowed.get() or not is_guarded(instance):
        return
    strings = untranslated_strings(instance)
    if strings:
        refuse(instance, strings)


# -- every revision.publish() ---------------------------------------------------------------


def _guard_publish_revision(execute):
    @wraps(execute)
    def guarded_execute(self, *args, **kwargs):
        try:
            check_can_go_live(self.object)
        except UntranslatedContent:
            if self.log_action == "wagtail.publish.scheduled":
                # publish_scheduled: one refusal must not stop the other objects' schedules.
                # The revision stays saved; it is no longer scheduled.
                type(self.revision).objects.filter(pk=self.revision.pk).update(
                    approved_go_live_at=None
                )
                logger.error("Scheduled publishing of %r refused: untranslated", self.object)
                return None
            raise
        return execute(self, *args, **kwargs)

    guarded_execute.publish_guard = True
    return guarded_execute


# -- every save that makes content live ------------------------------------------------------


def _writes_content(update_fields):
    return update_fields is None or bool(set(update_fields) - BOOKKEEPING_FIELDS)


def _stored(instance):
    if instance.pk is None or instance._state.adding:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def check_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse a row write that puts new Chinese text live in another language."""
    if raw or _untranslated_allowed.get() or not _writes_content(update_fields):
        return
    if isinstance(instance, DraftStateMixin) and not instance.live:
        return  # a draft row is not shown
    if not is_guarded(instance):
        return
    strings = untranslated_strings(instance)
    if not strings:
        return
    if isinstance(instance, Page) and instance.alias_of_id:
        # An alias of the Chinese page: kept unpublished (serving it would show Chinese).
        instance.live = False
        instance.has_unpublished_changes = True
        _announce(alias_message(instance, strings), messages.WARNING)
        return
    stored = _stored(instance)
    if stored is not None and (not isinstance(stored, DraftStateMixin) or stored.live):
        # Already live: refuse only what this write adds (moving a page rewrites the same row).
        already = set(untranslated_strings(stored)) if is_guarded(stored) else set()
        strings = [text for text in strings if text not in already]
        if not strings:
            return
    refuse(instance, strings)


def guarded_models():
    """Every page model and every translatable snippet or setting (not inline rows, which are
    checked with their page)."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        if model._meta.abstract or model._meta.proxy:
            continue
        if (
            issubclass(model, Page)
            or issubclass(model, TranslatableMixin)
            and not any(isinstance(field, ParentalKey) for field in model._meta.fields)
        ):
            found.append(model)
    return found


def install():
    """Called once from ``TranslationsConfig.ready``."""
    from wagtail.actions.publish_revision import PublishRevisionAction

    if not getattr(PublishRevisionAction.execute, "publish_guard", False):
        PublishRevisionAction.execute = _guard_publish_revision(PublishRevisionAction.execute)
    for model in guarded_models():
        pre_save.connect(
            check_before_save,
            sender=model,
            dispatch_uid=f"corporate.publish_guard.{model._meta.label}",
        )


# -- the admin: refuse early, keep the draft -------------------------------------------------


def _edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    try:
        return reverse(
            f"wagtailsnippets_{instance._meta.app_label}_{instance._meta.model_name}:edit",
            args=[instance.pk],
        )
    except NoReverseMatch:
        return None


def _refuse_in_view(request, instance, strings):
    messages.error(request, refusal_message(instance, strings))
    return redirect(_edit_url(instance) or "wagtailadmin_home")


def _translation_editor_strings(instance):
    """What wagtail-localize's "Publish" would put live: its untranslated Chinese strings."""
    translation = translation_into(instance)
    if translation is None:
        return None
    return untranslated_chinese_strings(translation)


@hooks.register("before_edit_page", order=-10)
def refuse_publishing_from_translation_editor(request, page):
    """Runs before wagtail-localize's editor, whose "Publish" fills missing strings with the
    Chinese source text."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not is_guarded(page):
        return None
    strings = _translation_editor_strings(page)
    if strings:
        return _refuse_in_view(request, page, strings)
    return None


@hooks.register("before_edit_snippet", order=-10)
def refuse_publishing_snippet_from_translation_editor(request, instance):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not is_guarded(instance):
        return None
    strings = _translation_editor_strings(instance)
    if strings:
        return _refuse_in_view(request, instance, strings)
    return None


@hooks.register("before_publish_page")
def refuse_publishing_untranslated_page(request, page):
    """Wagtail's editor (also reverting and scheduling): the revision is saved already."""
    if is_guarded(page):
        strings = untranslated_strings(page)
        if strings:
            return _refuse_in_view(request, page, strings)
    return None


@hooks.register("before_publish")
def refuse_publishing_untranslated_snippet(request, instance):
    if is_guarded(instance):
        strings = untranslated_strings(instance)
        if strings:
            return _refuse_in_view(request, instance, strings)
    return None


def _bulk_candidates(request, objects):
    for page in objects:
        yield page
        if request.POST.get("include_descendants"):
            yield from page.get_descendants().not_live().specific()


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_untranslated(request, action_type, objects, action_class_instance):
    """Bulk publish: all or nothing, the incomplete pages named."""
    if action_type != "publish":
        return None
    refused = []
    for page in _bulk_candidates(request, objects):
        if not isinstance(page, Page):
            continue
        revision = page.get_latest_revision()
        candidate = revision.as_object() if revision else page.specific
        if is_guarded(candidate):
            strings = untranslated_strings(candidate)
            if strings:
                refused.append((candidate, strings))
    if not refused:
        return None
    for candidate, strings in refused:
        messages.error(request, refusal_message(candidate, strings))
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = reverse("wagtailadmin_explore_root")
    return redirect(next_url)


# -- refusals raised anywhere else -----------------------------------------------------------


class PublishGuardMiddleware:
    """Gives the model layer the current request (for messages) and turns an
    ``UntranslatedContent`` that reaches the top into a message and a redirect (or a 400 for
    scripts), instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)

    def process_exception(self, request, exception):
        if not isinstance(exception, UntranslatedContent):
            return None
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or (
            "application/json" in request.headers.get("accept", "")
        ):
            return JsonResponse(
                {"success": False, "error_code": "untranslated", "error_message": exception.text},
                status=400,
            )
        _announce(exception)
        target = _edit_url(exception.instance) if exception.instance.pk else None
        if target is None:
            referer = request.headers.get("referer", "")
            allowed = url_has_allowed_host_and_scheme(referer, {request.get_host()})
            target = referer if allowed else reverse("wagtailadmin_home")
        return redirect(target)
