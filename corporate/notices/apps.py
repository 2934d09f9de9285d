from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Site-wide notices: a dismissible bar on every page while a notice is current."""

    name = "corporate.notices"
    label = "notices"
    verbose_name = _("Site notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from corporate.notices import signals  # noqa: F401
