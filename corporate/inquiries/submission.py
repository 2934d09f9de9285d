"""What happens to an inquiry form that is posted: the rate limit (429), the honeypot (400),
validation (400 with the errors), then storing, mailing and the thank-you page."""

import logging

from django.utils.translation import gettext, ngettext

from corporate.inquiries import ratelimit

logger = logging.getLogger("corporate.inquiries")


def rate_limited_message(wait):
    minutes = max(1, (wait + 59) // 60)
    return ngettext(
        "You have sent several requests in a short time. Please try again in "
        "%(minutes)d minute, or call us.",
        "You have sent several requests in a short time. Please try again in "
        "%(minutes)d minutes, or call us.",
        minutes,
    ) % {"minutes": minutes}


def rate_limited_response(page, request, form, wait):
    form.add_error(None, rate_limited_message(wait))
    response = page.render_form(request, form, status=429)
    response["Retry-After"] = str(wait)
    return response


def handle_submission(page, request, *args, **kwargs):
    """Answer a POST to the contact page ``page``."""
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    wait = ratelimit.retry_after(request)
    if wait:
        return rate_limited_response(page, request, form, wait)
    if form.is_spam:
        ratelimit.record(request)
        logger.info("Inquiry refused: honeypot field filled in on page %s", page.pk)
        form.add_error(
            None,
            gettext(
                "Your request was not sent because the field “Leave this field empty” was "
                "filled in. Please empty it and send again, or call us."
            ),
        )
        return page.render_form(request, form, status=400)
    if not form.is_valid():
        return page.render_form(request, form, status=400)
    wait = ratelimit.acquire(request)  # counts and decides in one atomic step
    if wait:
        return rate_limited_response(page, request, form, wait)
    submission = page.process_form_submission(form)
    return page.render_landing_page(request, submission, *args, **kwargs)
