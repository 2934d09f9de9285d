from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapabilitiesConfig(AppConfig):
    """Certificates (资质证书) and the testing-capability catalogue (检测能力): parameter ×
    method standard × accreditation area, the shape of a CMA annex."""

    name = "corporate.capabilities"
    label = "capabilities"
    verbose_name = _("Certificates and capabilities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from corporate.capabilities import signals  # noqa: F401
        from corporate.capabilities.importer import CatalogueImporter
        from corporate.core.extensions import allow_subpage_types
        from corporate.core.models import StandardPage
        from corporate.imports.registry import register

        register(CatalogueImporter)
        # Both pages sit under the Technical Capabilities page (a StandardPage).
        allow_subpage_types(
            StandardPage, "capabilities.CataloguePage", "capabilities.CertificatesPage"
        )
