from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Dry-run imports of tabular files (CSV, XLSX) into the admin: feature apps register an
    importer (the LIMS's test reports, the capability catalogue); this app reads the file,
    shows per row what would happen, and applies it in one transaction."""

    name = "corporate.imports"
    label = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
