"""Admin hooks for translators: the out-of-date translations report and dashboard panel, and the
guards that keep Chinese text off the English site.

- Report ``/admin/translations/out-of-date/`` (Reports menu) and a dashboard panel: English pages
  and snippets whose Chinese source changed since the last sync, or whose translation is
  unfinished, with what changed and one-click links to wagtail-localize's sync and editor.
- A page that is an alias of a page in another language is never served (404): wagtail-localize
  makes such aliases when a locale is set to synchronise from Chinese.
- Publishing an English page from wagtail-localize's editor while Chinese strings are still
  untranslated is refused (wagtail-localize would fill the gaps with the Chinese text).
- Translators may change English snippets but not the Chinese ones (snippet permissions are per
  model, not per language).
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation

from corporate import translation_status

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SYNC_PERMISSION = "wagtail_localize.submit_translation"


def can_see_translation_status(user):
    return user.is_active and (user.is_superuser or user.has_perm(SYNC_PERMISSION))


# -- the report ----------------------------------------------------------------------------


class OutOfDateTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "corporate/admin/out_of_date_translations.html"
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
    template_name = "corporate/admin/out_of_date_translations_panel.html"
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


# -- guards --------------------------------------------------------------------------------


@hooks.register("before_serve_page")
def refuse_cross_language_alias(page, request, serve_args, serve_kwargs):
    """An English page that is only an alias of the Chinese one would show Chinese: 404."""
    if page.alias_of_id is not None:
        original_locale = (
            Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
        )
        if original_locale is not None and original_locale != page.locale_id:
            raise Http404("This page has not been translated yet.")


def untranslated_cjk_strings(translation):
    """Source strings with Chinese text that have no translation into the target locale."""
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale)
        .select_related("string")
    )
    return [
        segment.string.data
        for segment in segments
        if not segment.translation and CJK.search(segment.string.data)
    ]


@hooks.register("before_edit_page", order=-10)
def refuse_publishing_untranslated_chinese(request, page):
    """Runs before wagtail-localize's editor: its "Publish" would fill missing strings with
    the Chinese source text."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    missing = untranslated_cjk_strings(translation)
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


def _is_source_language(instance):
    if not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return False
    return instance.locale_id == Locale.get_default().id


@hooks.register("before_edit_snippet")
def keep_translators_off_chinese_snippets(request, instance):
    if _is_source_language(instance) and not can_edit_source_language(request.user):
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def keep_translators_from_deleting_chinese_snippets(request, instances):
    if any(_is_source_language(i) for i in instances) and not can_edit_source_language(
        request.user
    ):
        raise PermissionDenied
