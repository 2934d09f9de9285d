"""Write a translation the way a translation agency's file is written: wagtail-localize exports
the object's PO file, ``fill(po)`` fills every ``msgstr``, wagtail-localize imports it and saves
the translated object. The demo's English site (a dictionary fills the file) and the generated
Traditional Chinese site (OpenCC fills it, ``corporate.translations.traditional``) both take
this path."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


def translate_instance(
    instance,
    locale: Locale,
    fill,
    user=None,
    *,
    publish=None,
    tool_name="PO import",
    copy_parent_pages=False,
):
    """Create or update the translation of one page or snippet into ``locale``: wagtail-localize
    export, ``fill(po)`` (which returns the msgids it left untranslated), import, save, and
    publish a page (by default when its source is live).

    Returns (translated instance, list of msgids that ``fill`` left untranslated); nothing is
    imported while any are."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created and content_json(source.get_source_instance()) != source.content_json:
        source.update_from_db()  # re-extracts every segment: only when the object changed
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = fill(po)
    if missing:
        return None, missing
    translation.import_po(po, user=user, tool_name=tool_name)
    is_page = isinstance(instance, Page)
    with transaction.atomic():
        translation.source.create_or_update_translation(
            locale,
            user=user,
            publish=not is_page,
            fallback=False,
            copy_parent_pages=copy_parent_pages,
        )
    target = translation.source.get_translated_instance(locale)
    if is_page:
        target = target.specific
        revision = target.get_latest_revision()
        if (instance.live if publish is None else publish) and revision is not None:
            revision.publish(user=user, log_action=True)
            target.refresh_from_db()
    return target, []


def content_json(instance):
    """The object as ``TranslationSource.update_from_db`` stores it."""
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
