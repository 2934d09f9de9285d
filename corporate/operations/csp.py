"""Content-Security-Policy (django-csp): the public site gets the strict policy of
settings.CONTENT_SECURITY_POLICY (its one inline script allowed by hash); the Wagtail admin,
whose own templates and wagtail-localize's carry inline scripts and style attributes, gets
settings.CONTENT_SECURITY_POLICY_ADMIN."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(tuple(admin_policy.get("URL_PREFIXES", ())))
        ):
            parts.config = admin_policy["DIRECTIVES"]
        return parts
