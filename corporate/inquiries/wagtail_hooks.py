"""Admin hooks of the inquiry form: a dashboard panel with the latest inquiries and a warning
when notification e-mails could not be sent (the inquiries are stored either way).

Listing and CSV/XLSX export are Wagtail's Forms views (menu “Forms”), extended by
corporate.inquiries.exports."""

from datetime import timedelta

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from corporate.core.chrome import ChromeInclude
from corporate.inquiries import resend  # noqa: F401  (registers the admin's resend view)
from corporate.inquiries.models import ContactPage, InquirySubmission

UNSENT_WINDOW = timedelta(days=30)
RECENT_WINDOW = timedelta(days=7)


class InquiriesPanel(Component):
    name = "inquiries"
    template_name = "inquiries/inquiry/admin_panel.html"
    order = 90  # above Wagtail's own panels: a lead waits for an answer

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        now = timezone.now()
        submissions = InquirySubmission.objects.filter(page__in=self.pages)
        return {
            "latest": submissions.select_related("page").order_by("-submit_time")[:5],
            "recent_count": submissions.filter(submit_time__gte=now - RECENT_WINDOW).count(),
            "unsent": submissions.filter(
                mail_sent_at__isnull=True, submit_time__gte=now - UNSENT_WINDOW
            ).count(),
            "pages": self.pages,
        }


INQUIRY_VIEW_PERMISSION = "inquiries.view_inquirysubmission"


def can_read_inquiries(user):
    """Inquiry handlers (and superusers) only: visitors' contact details are not every
    editor's business (roles in corporate/translations/roles.py)."""
    return user.is_active and (user.is_superuser or user.has_perm(INQUIRY_VIEW_PERMISSION))


@hooks.register("filter_form_submissions_for_user")
def inquiries_for_inquiry_handlers_only(user, editable_forms):
    """Wagtail shows a form page's submissions to whoever may edit the page; here the
    inquiry permission decides, for every contact page in every language."""
    if not can_read_inquiries(user):
        return editable_forms.none()
    return Page.objects.type(ContactPage)


@hooks.register("construct_homepage_panels")
def add_inquiries_panel(request, panels):
    pages = list(
        get_forms_for_user(request.user).type(ContactPage).order_by("path").select_related("locale")
    )
    if pages:
        panels.append(InquiriesPanel(pages))


@hooks.register("register_chrome_include")
def contact_dock():
    """The phone contact bar (call, WeChat, inquiry form) on every page."""
    return [
        ChromeInclude("head", "inquiries/chrome/head.html"),
        ChromeInclude("body_end", "inquiries/chrome/contact_dock.html", order=100),
    ]


@hooks.register("register_admin_viewset")
def register_inbox():
    """Every inquiry of every language in one list (corporate/inquiries/inbox.py)."""
    from corporate.inquiries.inbox import InboxViewSet

    return InboxViewSet()


@hooks.register("construct_main_menu")
def inbox_instead_of_forms(request, menu_items):
    """Wagtail's Forms menu lists submissions one contact page at a time, and only to those who
    may edit pages; the inbox is the one list for everyone who handles inquiries."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "forms"]
