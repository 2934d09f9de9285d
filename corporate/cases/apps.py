from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """案例: case studies of the laboratory's work, by client industry and service."""

    name = "corporate.cases"
    label = "cases"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"
