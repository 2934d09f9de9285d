"""The import views' addresses: /admin/imports/<kind>/ (upload), …/<id>/ (dry run), …/apply/,
…/outcomes.csv, and /admin/imports/progress/<token>/."""

from django.urls import include, path
from wagtail import hooks

from corporate.imports import views

app_urls = (
    [
        path("progress/<str:token>/", views.progress_view, name="progress"),
        path("<slug:kind>/", views.UploadView.as_view(), name="upload"),
        path("<slug:kind>/<uuid:pk>/", views.RunView.as_view(), name="run"),
        path("<slug:kind>/<uuid:pk>/apply/", views.ApplyView.as_view(), name="apply"),
        path("<slug:kind>/<uuid:pk>/outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
    ],
    "imports",
)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("imports/", include(app_urls))]
