from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What running the site in production needs of Django: the admin login throttle
    (django-axes), the Content-Security-Policy per part of the site, the request body limit,
    retries of background tasks and the data-export fix-ups. It imports no app of the site."""

    name = "corporate.operations"
    label = "operations"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Varnish purges on publish, unpublish, move and delete (when WAGTAILFRONTENDCACHE is set).
        from . import frontend_cache

        frontend_cache.connect()
