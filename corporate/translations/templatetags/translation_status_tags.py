"""Where translators work, what is stale: the notice above wagtail-localize's translation editor
and the line in the page's status panel (templates overridden in this app's templates/)."""

from django import template

from corporate.translations import status as translation_status

register = template.Library()

PENDING_SHOWN = 30


@register.inclusion_tag("translations/admin/includes/editor_notice.html")
def translation_editor_notice(translation):
    """Out of date (with the changed strings and the one-click sync) and what is still to
    translate, with the previous English beside each changed string as a hint."""
    status = translation_status.translation_status(translation)
    if status is None:
        return {"status": None}
    pending = translation_status.pending_strings(translation)
    return {
        "status": status,
        "pending": pending[:PENDING_SHOWN],
        "more_pending": max(0, len(pending) - PENDING_SHOWN),
    }


@register.inclusion_tag("translations/admin/includes/status_notice.html")
def translation_status_notice(instance):
    """For an English page or snippet: up to date, or out of date with a link to sync."""
    if instance is None or getattr(instance, "pk", None) is None:
        return {"status": None}
    return {"status": translation_status.status_for_target(instance)}
