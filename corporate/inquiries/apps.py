from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    """The contact page, its inquiry form, stored submissions, limits, mail and exports."""

    name = "corporate.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiries")
    default_auto_field = "django.db.models.BigAutoField"
