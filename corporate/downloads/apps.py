from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    """资料下载: the download centre (qualifications, forms, guides, reports)."""

    name = "corporate.downloads"
    label = "downloads"
    verbose_name = _("Downloads")
    default_auto_field = "django.db.models.BigAutoField"
