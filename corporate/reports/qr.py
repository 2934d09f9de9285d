"""QR code images (PNG, SVG) of a report's verification address, for the LIMS to print on the
PDF. The address is the verification page of the report's language with the signed token."""

import io

import qrcode
import qrcode.image.svg
from django.utils import translation
from wagtail.models import Locale

from corporate.reports.models import ReportVerificationPage


def verification_page(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    return ReportVerificationPage.objects.live().public().filter(locale=locale).first()


def verification_url(report, request=None):
    """The full address the QR code holds, or None when that language has no live
    verification page."""
    language = report.verification_language()
    page = verification_page(language) or verification_page(Locale.get_default().language_code)
    if page is None:
        return None
    with translation.override(page.locale.language_code):
        base = page.get_full_url(request)
    return base + page.reverse_subpage("verify_token", args=[report.token])


def png(url, box_size=8):
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4
    )
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def svg(url):
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
