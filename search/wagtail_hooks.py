"""Admin for the site search: synonyms (a snippet, per language) and the report of searches
that found nothing, so that editors add synonyms or content."""

import datetime

import django_filters
from django.db.models import Max, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchQueryLog, SearchSynonym

PERIODS = [
    (7, _("Last 7 days")),
    (30, _("Last 30 days")),
    (90, _("Last 90 days")),
    (365, _("Last year")),
]
DEFAULT_PERIOD = 30


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["term", "synonyms", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "synonyms"]
    search_backend_name = None  # plain database filtering, no index needed for a short list
    ordering = ["locale", "term"]


register_snippet(SearchSynonymViewSet)

synonym_permissions = ModelPermissionPolicy(SearchSynonym)


class ZeroResultQueryFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(
        label=_("Language"),
        field_name="locale",
        empty_label=_("All"),
        queryset=lambda request: Locale.objects.all(),
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[(str(days), label) for days, label in PERIODS],
        empty_label=_("Last 30 days"),
        method="filter_period",
    )

    class Meta:
        model = SearchQueryLog
        fields = ["locale"]

    def filter_period(self, queryset, name, value):
        return queryset  # applied by the view, which also applies the default


class ZeroResultQueriesView(ReportView):
    page_title = _("Searches that found nothing")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    filterset_class = ZeroResultQueryFilterSet
    permission_policy = synonym_permissions
    any_permission_required = ["add", "change"]
    paginate_by = 50
    no_results_message = _("Every search in this period found something.")
    list_export = ["query_string", "language", "searches", "last_searched"]
    export_headings = {
        "query_string": _("Query"),
        "language": _("Language"),
        "searches": _("Searches"),
        "last_searched": _("Last searched"),
    }
    columns = [
        Column("query_string", label=_("Query")),
        Column("language", label=_("Language")),
        Column("searches", label=_("Searches")),
        Column("last_searched", label=_("Last searched")),
    ]

    def get_queryset(self):
        return SearchQueryLog.objects.all()

    def get_filename(self):
        return f"searches-without-results-{timezone.localdate():%Y-%m-%d}"

    def period_days(self):
        try:
            days = int(self.request.GET.get("period", DEFAULT_PERIOD))
        except ValueError:
            days = DEFAULT_PERIOD
        return days if days in dict(PERIODS) else DEFAULT_PERIOD

    def get_filtered_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=self.period_days())
        logs = self.filter_queryset(self.get_queryset()).filter(date__gte=since)
        return (
            logs.values("query_string", "locale__language_code")
            .annotate(
                searches=Sum("hits"),
                last_searched=Max("date"),
                most_results=Max("result_count"),
            )
            .filter(most_results=0)
            .order_by("-searches", "-last_searched", "query_string")
        )

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row["language"] = row["locale__language_code"]
        return object_list


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "reports/searches-without-results/",
            ZeroResultQueriesView.as_view(),
            name="search_zero_results",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultQueriesView.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


class ZeroResultQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return synonym_permissions.user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return ZeroResultQueriesMenuItem(
        _("Searches that found nothing"),
        reverse("search_zero_results"),
        name="searches-without-results",
        icon_name="search",
        order=1300,
    )
