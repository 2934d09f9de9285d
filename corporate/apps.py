from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorporateConfig(AppConfig):
    name = "corporate"
    verbose_name = _("Company site")
    default_auto_field = "django.db.models.BigAutoField"
