from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Base page, the shared block library, site chrome and the company profile.

    The label stays ``corporate`` (the app's name before the split into apps): its tables,
    content types, permissions and migration history keep their names."""

    name = "corporate.core"
    label = "corporate"
    verbose_name = _("Company site")
    default_auto_field = "django.db.models.BigAutoField"
