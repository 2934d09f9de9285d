"""Admin hooks for translators: the out-of-date translations report
(``/admin/translations/out-of-date/``, Reports menu) and its dashboard panel: English pages and
snippets whose Chinese source changed since the last sync, or whose translation is unfinished,
with what changed and one-click links to wagtail-localize's sync and editor.

The guards that keep Chinese off the English site are workarounds of wagtail-localize gaps and
live in corporate/core/localize_gaps/."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.actions.move_page import MovePageAction
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize.views import convert, edit_translation

from corporate.core.localize_gaps.publish_guard import is_guarded, translation_into
from corporate.core.localize_gaps.snippet_permissions import can_edit_source_language
from corporate.translations import status as translation_status

SYNC_PERMISSION = "wagtail_localize.submit_translation"
TITLE_SCRIPT = "translations/js/translation-editor-title.js"


def can_see_translation_status(user):
    return user.is_active and (user.is_superuser or user.has_perm(SYNC_PERMISSION))


# -- the report ----------------------------------------------------------------------------


class OutOfDateTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/admin/out_of_date_translations.html"
    page_title = _("Out-of-date translations")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status.translation_statuses()
        untranslated = []
        for locale in translation_status.target_locales():
            for page in translation_status.untranslated_pages(locale):
                untranslated.append(
                    {
                        "page": page,
                        "locale": locale,
                        "translate_url": reverse(
                            "wagtail_localize:submit_page_translation", args=[page.id]
                        ),
                    }
                )
        context.update(
            attention=[s for s in statuses if s.needs_attention],
            up_to_date=[s for s in statuses if not s.needs_attention],
            stale_count=sum(1 for s in statuses if s.is_stale),
            incomplete_count=sum(1 for s in statuses if not s.is_complete),
            untranslated=untranslated,
        )
        return context


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "translations/out-of-date/",
            OutOfDateTranslationsView.as_view(),
            name="corporate_out_of_date_translations",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Out-of-date translations"),
        reverse("corporate_out_of_date_translations"),
        name="out-of-date-translations",
        icon_name="resubmit",
        order=150,
    )


class OutOfDateTranslationsPanel(Component):
    name = "out_of_date_translations"
    template_name = "translations/admin/out_of_date_translations_panel.html"
    order = 90
    limit = 8

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        attention = translation_status.out_of_date()
        context.update(
            attention=attention[: self.limit],
            more=max(0, len(attention) - self.limit),
            total=len(attention),
            report_url=reverse("corporate_out_of_date_translations"),
        )
        return context


@hooks.register("construct_homepage_panels")
def add_out_of_date_translations_panel(request, panels):
    if can_see_translation_status(request.user):
        panels.append(OutOfDateTranslationsPanel())


# -- least privilege (see roles.py) ----------------------------------------------------------


def keeps_to_translating(user):
    """A translator: someone who may edit no Chinese page. Such a user changes English text
    only, never the structure of the site."""
    return not user.is_superuser and not can_edit_source_language(user)


def refuse_translators(request):
    if keeps_to_translating(request.user):
        raise PermissionDenied


@hooks.register("before_delete_page")
def translators_do_not_delete_pages(request, page):
    refuse_translators(request)


@hooks.register("before_move_page")
def move_pages_with_their_translations(request, page, destination):
    """Translators move nothing. Wagtail's move view moves a page's translations with it, but
    with the mover's own rights, so an editor's move of a Chinese page stopped at its English
    copy (editors may not touch English pages) and the trees parted. The move is done here:
    the page with the editor's rights, its translations and aliases as part of it."""
    refuse_translators(request)
    if request.method != "POST" or request.user.is_superuser:
        return None
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    parent_translations = list(page.get_parent().get_translations())
    followers = [
        other
        for other in Page.objects.filter(
            Q(translation_key=page.translation_key) | Q(alias_of=page)
        ).exclude(pk=page.pk)
        if other.get_parent() in parent_translations
    ]
    with transaction.atomic():
        MovePageAction(page, destination, pos="last-child", user=request.user).execute()
        for other in followers:
            target = destination.get_translation_or_none(other.locale)
            if target is not None:
                MovePageAction(other, target, pos="last-child", user=request.user).execute(
                    skip_permission_checks=True
                )
    messages.success(
        request,
        gettext("Page '%(page_title)s' moved.") % {"page_title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", destination.id)


@hooks.register("before_unpublish_page")
@hooks.register("before_unpublish")
def translators_do_not_unpublish(request, instance):
    refuse_translators(request)


@hooks.register("construct_translated_pages_to_cascade_actions")
def translations_follow_their_source(pages, action):
    """Deleting, moving or unpublishing a Chinese page does the same to its English copy (an
    English page whose source is gone can no longer be kept in step). Wagtail asks this hook;
    only wagtail.contrib.simple_translation answers it, and it is not used here."""
    if action not in {"delete", "move", "unpublish"}:
        return None
    return {
        page: list(Page.objects.translation_of(page, inclusive=False))
        for page in pages
        if page.locale_id == Locale.get_default().id
    }


@hooks.register("before_bulk_action")
def translators_do_not_restructure_in_bulk(request, action_type, objects, action_class_instance):
    if action_type in {"delete", "move", "unpublish"}:
        refuse_translators(request)


def _outside_translation_editor(request, instance):
    """Wagtail's own editor on an English object (its translation was stopped) shows every
    field; translators may change text only, in wagtail-localize's editor."""
    if not is_guarded(instance) or not keeps_to_translating(request.user):
        return
    if request.method == "POST" and "localize-restart-translation" in request.POST:
        return  # restarting the translation brings the object back into the translation editor
    if translation_into(instance) is None:
        raise PermissionDenied


@hooks.register("before_edit_page", order=-20)
def translators_edit_english_pages_only_in_the_translation_editor(request, page):
    _outside_translation_editor(request, page)


@hooks.register("before_edit_snippet", order=-20)
def english_snippets_are_edited_by_translators(request, instance):
    """Editors write Chinese; the English text of a snippet is the translators' (a snippet's
    permission is per model, so an editor's "change" would reach the English row too)."""
    user = request.user
    if is_guarded(instance) and not user.is_superuser and can_edit_source_language(user):
        english_root = Page.objects.filter(locale_id=instance.locale_id, depth=2).first()
        if english_root is None or not english_root.permissions_for_user(user).can_edit():
            raise PermissionDenied
    _outside_translation_editor(request, instance)


def _for_translation_managers(view):
    """wagtail-localize lets whoever may edit the English object stop its translation, override
    its synchronised fields (images, dates, slugs, form field types) or turn it back into an
    alias. Those change more than text: translators may not."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        refuse_translators(request)
        return view(request, *args, **kwargs)

    return guarded


@hooks.register("register_admin_urls")
def guard_translation_management_urls():
    # Registered before wagtail-localize's own URLs (this app comes first in INSTALLED_APPS), so
    # these paths resolve here; reverse("wagtail_localize:…") still gives the same addresses.
    return [
        path(
            "localize/translate/<int:translation_id>/disable/",
            _for_translation_managers(edit_translation.stop_translation),
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            _for_translation_managers(edit_translation.edit_override),
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            _for_translation_managers(convert.convert_to_alias),
        ),
    ]


# -- stale English pages, where translators work ----------------------------------------------


@hooks.register("register_page_listing_buttons")
def mark_stale_english_pages(page, user, next_url=None, **kwargs):
    """In the explorer, an English page whose Chinese changed since the last sync carries an
    "Out of date" button that syncs it and opens the translation editor."""
    if page.depth < 2 or page.locale_id == Locale.get_default().id:
        return
    if not can_see_translation_status(user):
        return
    status = translation_status.status_for_target(page.specific_deferred)
    if status is None or not status.is_stale:
        return
    yield ListingButton(
        _("Out of date"),
        url=status.sync_url,
        icon_name="warning",
        priority=5,
        attrs={
            "title": gettext("The Chinese changed since the last sync: sync and translate"),
            "data-stale-translation": "",
        },
    )


@hooks.register("insert_global_admin_js")
def translation_editor_title_in_the_admin_language():
    """wagtail-localize's editor titles itself in English; see the script for the gap."""
    return format_html('<script src="{}" defer></script>', versioned_static(TITLE_SCRIPT))
