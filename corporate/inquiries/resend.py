"""Admin: send an inquiry's notification e-mail again (the dashboard panel links here from an
inquiry whose e-mail failed; GET asks, POST queues it). Editors who may see the contact page's
submissions may resend."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.contrib.forms.utils import get_forms_for_user

from corporate.inquiries.models import InquirySubmission
from corporate.inquiries.tasks import resend_notification


def resend(request, pk):
    submission = get_object_or_404(
        InquirySubmission.objects.select_related("page"),
        pk=pk,
        page__in=get_forms_for_user(request.user),
    )
    if request.method != "POST":
        return TemplateResponse(
            request,
            "inquiries/inquiry/confirm_resend.html",
            {
                "submission": submission,
                "header_title": gettext("Send the e-mail again"),
                "page_title": gettext("Send the e-mail again"),
                "header_icon": "mail",
            },
        )
    if submission.mail_sent_at:
        messages.info(
            request,
            gettext("The e-mail of %(reference)s was already sent.")
            % {"reference": submission.reference},
        )
    else:
        resend_notification(submission)
        messages.success(
            request,
            gettext("The e-mail of %(reference)s is being sent again.")
            % {"reference": submission.reference},
        )
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def register_resend_url():
    return [path("inquiries/<int:pk>/resend/", resend, name="inquiries_resend")]
