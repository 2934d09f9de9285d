"""Content-Security-Policy (django-csp): the public site gets the strict policy of
settings.CONTENT_SECURITY_POLICY (its one inline script allowed by hash), widened per request
by the origins that the callables named in settings.CSP_SOURCES_CALLABLES return (the
analytics and WeChat origins an editor switched on, corporate/core/seo/thirdparty.py); the
Wagtail admin, whose own templates and wagtail-localize's carry inline scripts and style
attributes, gets settings.CONTENT_SECURITY_POLICY_ADMIN.

The callables are named in settings rather than imported because this app sits below
corporate.core in the layers (pyproject.toml's import-linter contracts)."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.module_loading import import_string


def merged(*policies):
    """{directive: [source, …]} of every policy in turn, each source once (a policy's value
    may be one string, as django-csp allows)."""
    result = {}
    for policy in policies:
        for directive, sources in (policy or {}).items():
            target = result.setdefault(directive, [])
            sources = [sources] if isinstance(sources, str) else sources
            target.extend(source for source in sources if source not in target)
    return result


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            admin_policy
            and parts.config is None
            and request.path_info.startswith(tuple(admin_policy.get("URL_PREFIXES", ())))
        ):
            if not report_only:
                parts.config = admin_policy["DIRECTIVES"]
            return parts
        extra = [
            import_string(path)(request) for path in getattr(settings, "CSP_SOURCES_CALLABLES", ())
        ]
        if any(extra):
            parts.update = merged(parts.update, *extra)
        return parts
