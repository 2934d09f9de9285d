from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo builder (``build_demo_site``, ``ensure_demo_admin``) and its content."""

    name = "corporate.demo"
    label = "demo"
    verbose_name = _("Demo site")
