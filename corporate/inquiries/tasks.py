"""Background work of the inquiry form (django-tasks): the notification e-mail.

The submission is stored by the request; this task, queued right after (in the same
transaction when there is one, so the worker never sees a task without its submission), sends the e-mail on the task worker (``manage.py db_worker`` in production, so a slow
or failing mail server never holds up a page). A failed send is tried again with back-off
(corporate.operations.retry); when the attempts are used up the error is recorded on the
submission, where the dashboard panel and the Forms listing flag it and editors can resend it."""

import logging

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from corporate.inquiries import mail
from corporate.operations.retry import max_attempts, retry_later

logger = logging.getLogger("corporate.inquiries")


class NotificationNotSent(Exception):
    """Raised by the task's last attempt, so the task result records the failure too."""


@task()
def send_inquiry_notification(submission_id, attempt=1):
    from corporate.inquiries.models import InquirySubmission

    submission = InquirySubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:  # deleted by an editor meanwhile: nothing to send
        return "gone"
    if submission.mail_sent_at:  # a resend raced a retry: send once
        return "already sent"
    page = submission.page.specific
    # The labels the visitor saw: the form is built in the visitor's language.
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        form = page.get_form(page=page, user=None)
    if not mail.recipients(page):
        return record_failure(submission, mail.send_notification(page, submission, form))
    error = mail.send_notification(page, submission, form)
    if not error:
        submission.mail_sent_at = timezone.now()
        submission.mail_error = ""
        submission.save(update_fields=["mail_error", "mail_sent_at"])
        return "sent"
    if retry_later(send_inquiry_notification, attempt, submission_id):
        return "retrying"
    record_failure(submission, error)
    raise NotificationNotSent(
        f"{submission.reference}: {error} (after {min(attempt, max_attempts())} attempts)"
    )


def record_failure(submission, error):
    submission.mail_error = error[:500]
    submission.save(update_fields=["mail_error"])
    return "failed"


def queue_notification(submission):
    """Queue the e-mail of a stored submission (on the immediate backend of development and
    tests it is sent there and then)."""
    send_inquiry_notification.enqueue(submission.pk)


def resend_notification(submission):
    """An editor asks again: clear the recorded failure and queue a fresh series of attempts."""
    submission.mail_error = ""
    submission.save(update_fields=["mail_error"])
    queue_notification(submission)
