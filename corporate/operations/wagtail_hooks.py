"""Admin: Settings > Sign-in lock-outs, for administrators (superusers) only. It lists the
sign-in failures django-axes holds per user name and address; deleting a row unlocks it."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class SuperuserDeletePolicy(ModelPermissionPolicy):
    """Only active superusers, and only to look and delete (unlock)."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in {"view", "delete"})

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lock-outs")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = []
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]
    name = "signin_lockouts"


register_permission_policy(AccessAttempt, SuperuserDeletePolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()
