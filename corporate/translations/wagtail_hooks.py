"""Admin hooks for translators: the out-of-date translations report
(``/admin/translations/out-of-date/``, Reports menu) and its dashboard panel: English pages and
snippets whose Chinese source changed since the last sync, or whose translation is unfinished,
with what changed and one-click links to wagtail-localize's sync and editor.

The guards that keep Chinese off the English site are workarounds of wagtail-localize gaps and
live in corporate/core/localize_gaps/."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from corporate.translations import status as translation_status

SYNC_PERMISSION = "wagtail_localize.submit_translation"


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
