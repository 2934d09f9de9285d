from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Test report verification (报告查询): the reports the laboratory issued, their import
    from the LIMS, the public lookup by number and code or by QR code, and the lookup log."""

    name = "corporate.reports"
    label = "reports"
    verbose_name = _("Test reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from corporate.imports.registry import register
        from corporate.reports.importer import ReportImporter

        register(ReportImporter)
