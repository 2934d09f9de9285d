"""The Traditional Chinese site (``/zh-hant/``), generated from the Simplified one.

Nobody translates it. Every page, snippet and translatable setting of the Chinese (Simplified)
site is translated into the ``zh-hant`` locale through wagtail-localize, as a translator's work
would be: wagtail-localize exports the object's PO file, ``OpenCCTranslator`` (a wagtail-localize
machine translator running OpenCC, Simplified → Traditional with Taiwan or Hong Kong phrasing,
``TRADITIONAL_CHINESE_PHRASING``) fills it, wagtail-localize imports it, saves the Traditional
object and, for a live page, publishes it (``po_round_trip.translate_instance``).

It is kept in step by ``generate_traditional`` (``corporate.translations.tasks``), queued when
a Chinese page is published, unpublished or deleted and when a Chinese snippet is saved or
deleted (``connect_receivers``); ``regenerate_all`` (``manage.py generate_traditional_site``)
makes the whole site again. English is untouched: translators keep working on it as before.
"""

import logging
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

import opencc
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import (
    MissingRelatedObjectError,
    TranslatableObject,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from corporate.operations import references
from corporate.translations import po_round_trip

logger = logging.getLogger("corporate.translations")

TRADITIONAL = "zh-hant"
# OpenCC configurations: Simplified to Traditional with the phrasing of Taiwan (软件 → 軟體,
# 信息 → 資訊) or of Hong Kong.
PHRASINGS = {"tw": "s2twp", "hk": "s2hk"}
TOOL_NAME = "OpenCC"

_converters = threading.local()


def phrasing():
    value = settings.TRADITIONAL_CHINESE_PHRASING
    return value if value in PHRASINGS else "tw"


def convert(text):
    """Simplified Chinese text in Traditional characters and the chosen phrasing. Anything
    that is not Chinese (markup, Latin text, numbers) is left as it is."""
    config = PHRASINGS[phrasing()]
    converter = getattr(_converters, config, None)
    if converter is None:
        converter = opencc.OpenCC(config)
        setattr(_converters, config, converter)
    return converter.convert(text)


class OpenCCTranslator(BaseMachineTranslator):
    """A wagtail-localize machine translator from Simplified to Traditional Chinese."""

    display_name = TOOL_NAME

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue(convert(string.data)) for string in strings}

    def can_translate(self, source_locale, target_locale):
        return (
            source_locale.language_code == settings.LANGUAGE_CODE
            and target_locale.language_code == TRADITIONAL
        )


def fill_po(po, translator=None):
    """Fill every entry of a wagtail-localize PO export with the translator's Traditional text."""
    translator = translator or OpenCCTranslator({})
    source, target = Locale.get_default(), traditional_locale()
    strings = {entry.msgid: StringValue(entry.msgid) for entry in po}
    translated = translator.translate(source, target, list(strings.values()))
    for entry in po:
        entry.msgstr = translated[strings[entry.msgid]].data
    return []


# -- which objects ------------------------------------------------------------------------------


def traditional_locale():
    """The ``zh-hant`` locale, created the first time the site is generated."""
    return Locale.objects.get_or_create(language_code=TRADITIONAL)[0]


def is_enabled():
    return TRADITIONAL in dict(settings.LANGUAGES)


def snippet_models():
    """Translatable models that are not pages nor a page's inline rows (a form field travels
    with its page): the snippets and translatable settings."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, TranslatableMixin) or issubclass(model, Page):
            continue
        if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
            continue
        found.append(model)
    return found


def _member(model, translation_key, **locale):
    """The object of this translation set in one locale (``locale=…`` or
    ``locale__language_code=…``), or None when it has none."""
    found = (
        model.get_translation_model()
        .objects.filter(translation_key=translation_key, **locale)
        .first()
    )
    return found.specific if isinstance(found, Page) else found


# -- keeping one object in step -----------------------------------------------------------------


def sync(model, translation_key):
    """Make the Traditional object of this translation set what its Chinese one is now: write it
    (published when the Chinese page is live), unpublish it, or delete it. Returns what was
    done: "written", "unpublished", "deleted" or "unchanged"."""
    source = _member(model, translation_key, locale=Locale.get_default())
    existing = _member(model, translation_key, locale__language_code=TRADITIONAL)
    if source is None:
        if existing is None:
            return "unchanged"
        existing.delete()
        return "deleted"
    if isinstance(source, Page):
        if source.depth < 2 or source.alias_of_id:
            return "unchanged"
        if not source.live:
            if existing is not None and existing.live:
                existing.unpublish()
                return "unpublished"
            if existing is None:
                return "unchanged"
        _ensure_parents(source)
    write(source)
    return "written"


def _ensure_parents(page):
    """The Traditional copies of the page's ancestors, written first (a new page's parent may
    be new too)."""
    locale = traditional_locale()
    for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
        if not ancestor.has_translation(locale):
            write(ancestor)


def write(instance, _seen=None, force=False):
    """Translate one Chinese object into Traditional through wagtail-localize; objects it names
    that have no Traditional copy yet (a catalogue entry's area page, an article's category)
    are written first. Unless ``force``, a copy already made from the object as it is now is
    left as it is."""
    seen = _seen if _seen is not None else set()
    seen.add((type(instance), instance.pk))
    locale = traditional_locale()
    if not force and _up_to_date(instance, locale):
        return instance.get_translation(locale)
    try:
        with transaction.atomic():
            return _round_trip(instance, locale)
    except MissingRelatedObjectError:
        pass
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in source.relatedobjectsegment_set.select_related("object"):
        related = segment.object.get_instance_or_none(source.locale)
        if related is None or related.has_translation(locale):
            continue
        related = related.specific if isinstance(related, Page) else related
        if (type(related), related.pk) in seen:
            continue
        if isinstance(related, Page):
            _ensure_parents(related)
        write(related, seen, force)
    with transaction.atomic():
        return _round_trip(instance, locale)


def _round_trip(instance, locale):
    is_new = not instance.has_translation(locale)
    target, _missing = po_round_trip.translate_instance(
        instance, locale, fill_po, tool_name=TOOL_NAME
    )
    if is_new and isinstance(instance, Page):
        _place_among_siblings(instance, target, locale)
    # wagtail-localize has the field but leaves it empty: it marks what this copy was made from.
    Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=locale
    ).update(destination_last_updated_at=timezone.now())
    return target


def _place_among_siblings(source, target, locale):
    """wagtail-localize adds a new copy as its parent's last child; the menus follow the tree's
    order, so put it before the copy of the Chinese page's next sibling (pages written out of
    order, e.g. an area page a catalogue entry names, end up where the Chinese one stands)."""
    following = (
        Page.objects.filter(
            path__startswith=source.path[: -Page.steplen],
            depth=source.depth,
            path__gt=source.path,
        )
        .order_by("path")
        .values_list("translation_key", flat=True)
    )
    keys = list(following)
    if not keys:
        return
    copies = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale)
    }
    for key in keys:
        if key in copies:
            Page.objects.get(pk=target.pk).move(copies[key], pos="left")
            return


def _up_to_date(instance, locale):
    """The Traditional copy was written from the Chinese object as it is now."""
    try:
        source = TranslationSource.objects.get_for_instance(instance)
    except (TranslationSource.DoesNotExist, TranslatableObject.DoesNotExist):
        return False
    written = (
        Translation.objects.filter(source=source, target_locale=locale)
        .values_list("destination_last_updated_at", flat=True)
        .first()
    )
    if written is None or written < source.last_updated_at:
        return False
    if po_round_trip.content_json(source.get_source_instance()) != source.content_json:
        return False
    target = instance.get_translation_or_none(locale)
    if target is None:
        return False
    if isinstance(instance, Page):
        return target.live == instance.live and not (
            instance.live and target.has_unpublished_changes
        )
    return True


def regenerate_all(force=False):
    """Write the whole Traditional site: every Chinese snippet, then every page in tree order
    (live pages published, drafts as drafts); with ``force`` also the copies that are up to
    date (after a change of ``TRADITIONAL_CHINESE_PHRASING``). Returns (objects, seconds)."""
    started = time.monotonic()
    source_locale = Locale.get_default()
    written = 0
    with paused(), references.indexed_once():
        for model in snippet_models():
            for instance in model.objects.filter(locale=source_locale).order_by("pk"):
                write(instance, force=force)
                written += 1
        for page in (
            Page.objects.filter(locale=source_locale, depth__gte=2, alias_of__isnull=True)
            .order_by("path")
            .specific()
        ):
            if not page.live and not page.has_translation(traditional_locale()):
                continue
            write(page, force=force)
            written += 1
    return written, time.monotonic() - started


# -- following changes --------------------------------------------------------------------------

_paused: ContextVar[bool] = ContextVar("traditional_sync_paused", default=False)


@contextmanager
def paused():
    """Queue nothing inside (the demo builder and ``regenerate_all`` write the site in one go)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def queue(instance):
    """Queue the Traditional copy's update once the change is committed."""
    if _paused.get() or not is_enabled():
        return
    if getattr(instance, "locale_id", None) != Locale.get_default().id:
        return
    from corporate.translations.tasks import generate_traditional  # tasks imports this module

    model = instance.get_translation_model()
    label, key = model._meta.label, str(instance.translation_key)
    transaction.on_commit(lambda: generate_traditional.enqueue(label, key))


def _page_changed(sender, instance, **kwargs):
    queue(instance)


def _snippet_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queue(instance)


def connect_receivers():
    page_published.connect(_page_changed, dispatch_uid="corporate.traditional.published")
    page_unpublished.connect(_page_changed, dispatch_uid="corporate.traditional.unpublished")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="corporate.traditional.deleted")
    for model in snippet_models():
        uid = f"corporate.traditional.{model._meta.label}"
        post_save.connect(_snippet_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_snippet_changed, sender=model, dispatch_uid=f"{uid}.deleted")


def _page_deleted(sender, instance, **kwargs):
    queue(instance)
