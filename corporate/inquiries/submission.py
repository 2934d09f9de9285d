"""What happens to an inquiry form that is posted: the rate limit (429), the honeypot (400),
validation (400 with the errors), then storing, mailing and a redirect (303) to the thank-you
address, which shows the reference number. Post/redirect/get: reloading the thank-you page
shows it again and never sends the inquiry a second time."""

import logging
from types import SimpleNamespace
from urllib.parse import urlencode

from django.core import signing
from django.http import HttpResponseRedirect
from django.utils.translation import gettext, ngettext

from corporate.inquiries import ratelimit

logger = logging.getLogger("corporate.inquiries")

THANKS_PARAMETER = "thanks"
THANKS_SALT = "corporate.inquiries.thanks"
THANKS_MAX_AGE = 30 * 24 * 3600  # a bookmarked thank-you page keeps its number for a month


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: the browser fetches the thank-you page with GET, whatever the form's method."""

    status_code = 303


def thank_you_url(page, submission, request=None):
    """The contact page's address with a signed token of the reference number: nothing else
    about the inquiry is in it, and nobody can make the page show another number."""
    token = signing.dumps({"p": page.pk, "r": submission.reference}, salt=THANKS_SALT)
    return f"{page.get_url(request)}?{urlencode({THANKS_PARAMETER: token})}"


def thank_you_response(page, request):
    """The thank-you page for ``?thanks=<token>`` (None when there is no token). A token that
    is forged, expired or for another page shows the thanks without a number."""
    token = request.GET.get(THANKS_PARAMETER)
    if token is None:
        return None
    try:
        data = signing.loads(token[:500], salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        reference = data["r"] if data.get("p") == page.pk else ""
    except (signing.BadSignature, KeyError, TypeError, AttributeError):
        reference = ""
    response = page.render_landing_page(request, SimpleNamespace(reference=reference))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


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
    return HttpResponseSeeOther(thank_you_url(page, submission, request))
