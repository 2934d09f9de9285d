"""Gap: wagtail-localize's "Publish" in its translation editor fills every string that has no
translation yet with the source (Chinese) text, so publishing half-done English puts Chinese
on /en/.

Publishing from the editor is refused while any Chinese string is untranslated. Delete when
wagtail-localize can refuse to publish incomplete translations itself (not as of 1.14)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail_localize.models import StringSegment, Translation

from corporate.core.cjk import has_han


def untranslated_chinese_strings(translation):
    """Source strings with Chinese text that have no translation into the target locale."""
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


def translation_into(page):
    """The enabled translation whose target is ``page`` (from another locale), or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source", "target_locale")
        .first()
    )


@hooks.register("before_edit_page", order=-10)
def refuse_publishing_untranslated_chinese(request, page):
    """Runs before wagtail-localize's editor: its "Publish" would fill missing strings with
    the Chinese source text."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_into(page)
    if translation is None:
        return None
    missing = untranslated_chinese_strings(translation)
    if not missing:
        return None
    messages.error(
        request,
        ngettext(
            "%(count)d string of this page is not translated yet. Translate it before "
            "publishing: the published page would show the Chinese text.",
            "%(count)d strings of this page are not translated yet. Translate them before "
            "publishing: the published page would show the Chinese text.",
            len(missing),
        )
        % {"count": len(missing)},
    )
    return redirect("wagtailadmin_pages:edit", page.id)
