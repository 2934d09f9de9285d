"""Freshness of the English copies made with wagtail-localize.

A translation is *out of date* when its Chinese source was published after wagtail-localize last
synced the source (``TranslationSource.last_updated_at``), or when the source's translatable
strings now differ from the ones the translators worked on. Progress is wagtail-localize's own
count of translated strings. The admin report and dashboard panel in
``corporate/translations/wagtail_hooks.py`` show these records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.strings import StringValue

from corporate.core.localize_gaps.progress import bulk_progress

CHANGE_LABELS = {
    "changed": _("changed"),
    "new": _("new"),
    "removed": _("removed"),
}


@dataclass
class StringChange:
    """One source string that differs from what the translators last saw."""

    kind: str  # "changed", "new" or "removed"
    path: str
    field: str
    old: str = ""
    new: str = ""
    # The English of the old text, shown to the translator as a hint (never saved by itself).
    previous_translation: str = ""

    @property
    def kind_label(self):
        return CHANGE_LABELS[self.kind]


@dataclass
class TranslationStatus:
    translation: Translation
    source_instance: object
    target_instance: object | None
    published_since_sync: bool
    changes: list[StringChange] = field(default_factory=list)
    total_strings: int = 0
    translated_strings: int = 0

    @property
    def source(self) -> TranslationSource:
        return self.translation.source

    @property
    def source_published_at(self):
        """When the Chinese page was last published (None for snippets and drafts)."""
        return getattr(self.source_instance, "last_published_at", None)

    @property
    def target_published_at(self):
        return getattr(self.target_instance, "last_published_at", None)

    @property
    def is_page(self):
        return isinstance(self.source_instance, Page)

    @property
    def is_stale(self):
        """The Chinese source moved on since the English was last synced."""
        return self.published_since_sync or bool(self.changes)

    @property
    def is_complete(self):
        return self.translated_strings >= self.total_strings

    @property
    def needs_attention(self):
        return self.is_stale or not self.is_complete

    @property
    def percent(self):
        if not self.total_strings:
            return 100
        return int(100 * self.translated_strings / self.total_strings)

    @property
    def changed_count(self):
        return sum(1 for change in self.changes if change.kind == "changed")

    @property
    def new_count(self):
        return sum(1 for change in self.changes if change.kind == "new")

    @property
    def removed_count(self):
        return sum(1 for change in self.changes if change.kind == "removed")

    @property
    def title(self):
        target = self.target_instance
        if target is not None:
            return target.get_admin_display_title() if self.is_page else str(target)
        return self.source.object_repr

    @property
    def source_title(self):
        instance = self.source_instance
        return instance.get_admin_display_title() if self.is_page else str(instance)

    @property
    def edit_url(self):
        """wagtail-localize's translation editor for the English object."""
        return self.translation.get_target_instance_edit_url()

    @property
    def sync_url(self):
        """wagtail-localize's "Sync translated pages" view; afterwards it opens the editor."""
        url = reverse("wagtail_localize:update_translations", args=[self.source.id])
        edit_url = self.edit_url
        return f"{url}?{urlencode({'next': edit_url})}" if edit_url else url

    @property
    def source_edit_url(self):
        return self.source.get_source_instance_edit_url()

    @property
    def live_url(self):
        target = self.target_instance
        if self.is_page and target is not None and target.live:
            return target.get_url()
        return None


def _field_label(model, path):
    """A readable name for a segment path such as ``body.<block id>.heading``."""
    name = path.split(".", 1)[0]
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = name
    return label[:1].upper() + label[1:]


def _text(data):
    return StringValue(data).render_text().strip()


# Bookkeeping that changes on every save or publish, not content a translator works on.
VOLATILE_KEYS = {
    "pk",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "expired",
    "owner",
    "wagtail_admin_comments",
}


def _content(content_json):
    return {k: v for k, v in json.loads(content_json).items() if k not in VOLATILE_KEYS}


def source_changes(source: TranslationSource, instance=None) -> list[StringChange]:
    """Compare the strings wagtail-localize holds for ``source`` with the live source object.

    ``changed``: the same place in the content now holds different text; ``new``: a place that
    did not exist at the last sync; ``removed``: text that is gone from the source."""
    if instance is None:
        instance = source.get_source_instance()
    model = type(instance)
    # Extract from the serialised content, exactly as wagtail-localize does when it syncs, so
    # that only differences a sync would pick up are reported.
    if isinstance(instance, ClusterableModel):
        content_json = instance.to_json()
    else:
        content_json = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    if _content(content_json) == _content(source.content_json):
        return []  # the quick answer for most pages: nothing but bookkeeping changed
    probe = TranslationSource(
        object_id=source.object_id,
        specific_content_type_id=source.specific_content_type_id,
        locale_id=source.locale_id,
        content_json=content_json,
    )
    extracted = extract_segments(probe.as_instance())
    synced = {}
    for segment in source.stringsegment_set.select_related("context", "string").order_by("order"):
        synced[segment.context.path] = segment.string.data
    current = {}
    for segment in extracted:
        if isinstance(segment, StringSegmentValue):
            current[segment.path] = segment.string.data
    changes = []
    for path, data in current.items():
        old = synced.get(path)
        if old is None:
            changes.append(StringChange("new", path, _field_label(model, path), new=_text(data)))
        elif old != data:
            changes.append(
                StringChange(
                    "changed", path, _field_label(model, path), old=_text(old), new=_text(data)
                )
            )
    for path, data in synced.items():
        if path not in current:
            changes.append(
                StringChange("removed", path, _field_label(model, path), old=_text(data))
            )
    return changes


_UNSET = object()


def _specific_or_none(given, fetch):
    """``given``, or what ``fetch()`` returns when nothing was given (None when the object is
    gone); a page as its specific type."""
    if given is _UNSET:
        try:
            given = fetch()
        except ObjectDoesNotExist:
            given = None
    return given.specific if isinstance(given, Page) else given


def translation_status(
    translation: Translation, source_instance=_UNSET, target_instance=_UNSET, progress=None
) -> TranslationStatus | None:
    """The freshness and progress of one translation; None when its source was deleted.

    ``translation_statuses`` passes the objects and progress it fetched in bulk."""
    source = translation.source
    instance = _specific_or_none(source_instance, source.get_source_instance)
    if instance is None:
        return None
    target = _specific_or_none(target_instance, translation.get_target_instance)
    published_at = getattr(instance, "last_published_at", None)
    total, translated = progress if progress is not None else translation.get_progress()
    changes = source_changes(source, instance)
    if changes:
        total, translated = current_progress(translation, changes, total, translated)
        add_previous_translations(translation, changes)
    return TranslationStatus(
        translation=translation,
        source_instance=instance,
        target_instance=target,
        published_since_sync=bool(published_at and published_at > source.last_updated_at),
        changes=changes,
        total_strings=total,
        translated_strings=translated,
    )


def current_progress(translation, changes, total, translated):
    """Progress against the source as it is now, not as it was at the last sync: a new string
    adds one to do, a changed or removed one no longer counts as done."""
    stale_paths = [c.path for c in changes if c.kind in ("changed", "removed")]
    stale_done = (
        StringSegment.objects.filter(source_id=translation.source_id, context__path__in=stale_paths)
        .annotate_translation(translation.target_locale_id)
        .filter(translation__isnull=False)
        .count()
        if stale_paths
        else 0
    )
    new = sum(1 for c in changes if c.kind == "new")
    removed = sum(1 for c in changes if c.kind == "removed")
    return total - removed + new, max(0, translated - stale_done)


def add_previous_translations(translation, changes):
    """The English that the old text of each changed string had, as a hint."""
    changed = {c.path: c for c in changes if c.kind == "changed"}
    if not changed:
        return
    rows = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        context__path__in=list(changed),
        locale_id=translation.target_locale_id,
    ).select_related("context", "translation_of")
    for row in rows:
        change = changed[row.context.path]
        if _text(row.translation_of.data) == change.old:
            change.previous_translation = _text(row.data)


@dataclass
class PendingString:
    """A synced string without English yet, with the English its place had before, if any."""

    path: str
    field: str
    text: str
    previous_translation: str = ""


def pending_strings(translation) -> list[PendingString]:
    """The translation's strings that have no English (what the translator does next). Where
    the Chinese at that place changed, the English of the previous Chinese is the hint."""
    model = translation.source.specific_content_type.model_class()
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale_id)
        .filter(translation__isnull=True)
        .select_related("context", "string")
        .order_by("order")
    )
    pending = [
        PendingString(s.context.path, _field_label(model, s.context.path), _text(s.string.data))
        for s in segments
    ]
    if pending:
        previous = {}
        rows = (
            StringTranslation.objects.filter(
                context__object_id=translation.source.object_id,
                context__path__in=[p.path for p in pending],
                locale_id=translation.target_locale_id,
            )
            .select_related("context")
            .order_by("updated_at", "id")
        )
        for row in rows:
            previous[row.context.path] = _text(row.data)  # the latest wins
        for item in pending:
            item.previous_translation = previous.get(item.path, "")
    return pending


def status_for_target(instance) -> TranslationStatus | None:
    """The status of the translation whose target is ``instance`` (an English page or
    snippet), or None when it is not a translation."""
    key = getattr(instance, "translation_key", None)
    if key is None:
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=key, target_locale_id=instance.locale_id, enabled=True
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source", "source__specific_content_type", "target_locale")
        .first()
    )
    if translation is None:
        return None
    return translation_status(translation, target_instance=instance)


def target_locales():
    """Every locale translators keep: all but the source language (Chinese) and the generated
    ones (the Traditional site)."""
    return Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).exclude(
        language_code__in=settings.GENERATED_LANGUAGES
    )


def translation_statuses(locale: Locale | None = None) -> list[TranslationStatus]:
    """Status of every enabled translation into ``locale`` (default: every target locale),
    pages in tree order first, then snippets."""
    translations = Translation.objects.filter(enabled=True).select_related(
        "source", "source__specific_content_type", "target_locale"
    )
    if locale is not None:
        translations = translations.filter(target_locale=locale)
    else:
        translations = translations.filter(target_locale__in=target_locales())
    translations = list(translations)
    progress = bulk_progress(translations)
    # Pages of both languages in one query; snippets (a handful) are fetched one by one.
    page_type_ids = {
        t.source.specific_content_type_id
        for t in translations
        if issubclass(t.source.specific_content_type.model_class() or object, Page)
    }
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in={
                t.source.object_id
                for t in translations
                if t.source.specific_content_type_id in page_type_ids
            }
        ).specific()
    }
    statuses = []
    for t in translations:
        if t.source.specific_content_type_id in page_type_ids:
            key = t.source.object_id
            status = translation_status(
                t,
                source_instance=pages.get((key, t.source.locale_id)),
                target_instance=pages.get((key, t.target_locale_id)),
                progress=progress[t.id],
            )
        else:
            status = translation_status(t, progress=progress[t.id])
        if status is not None:
            statuses.append(status)

    def order(status):
        if status.is_page:
            return (0, status.source_instance.path, status.translation.target_locale_id)
        return (1, status.source.object_repr, status.translation.target_locale_id)

    return sorted(statuses, key=order)


def out_of_date(locale: Locale | None = None) -> list[TranslationStatus]:
    """Translations that need a translator: stale sources or unfinished strings."""
    return [status for status in translation_statuses(locale) if status.needs_attention]


def untranslated_pages(locale: Locale):
    """Live Chinese pages that have no page at all in ``locale`` yet."""
    source_locale = Locale.get_default()
    translated_keys = Page.objects.filter(locale=locale).values("translation_key")
    return (
        Page.objects.filter(locale=source_locale, depth__gt=1)
        .live()
        .exclude(translation_key__in=translated_keys)
        .order_by("path")
        .specific()
    )
