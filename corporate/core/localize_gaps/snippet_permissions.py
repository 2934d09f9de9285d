"""Gap: Wagtail's snippet permissions are per model, not per language, so whoever may change
the English company profile may change the Chinese one too.

Whoever may edit no Chinese page may neither edit nor delete Chinese snippets. Delete when
Wagtail grants snippet permissions per locale (not as of 8.0)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy


def can_edit_source_language(user):
    """Whoever may edit some Chinese page may edit Chinese snippets too."""
    if user.is_superuser:
        return True
    return (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, ["change", "publish"])
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exists()
    )


def is_source_language_snippet(instance):
    if not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return False
    return instance.locale_id == Locale.get_default().id


@hooks.register("before_edit_snippet")
def keep_translators_off_chinese_snippets(request, instance):
    if is_source_language_snippet(instance) and not can_edit_source_language(request.user):
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def keep_translators_from_deleting_chinese_snippets(request, instances):
    if any(is_source_language_snippet(i) for i in instances) and not can_edit_source_language(
        request.user
    ):
        raise PermissionDenied
