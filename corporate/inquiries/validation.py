"""Server-side checks of visitor input: phone numbers, control characters, length limits."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Upper bounds per field type; the database and the notification e-mail stay small.
MAX_LENGTHS = {
    "singleline": 200,
    "multiline": 4000,
    "email": 254,
    "phone": 30,
    "url": 500,
    "hidden": 200,
}

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-./]+$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTERS_EXCEPT_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_phone(value: str) -> str:
    """A mainland mobile (13812345678), a landline with its area code (0531-8888 8888) or an
    international number (+44 20 7946 0958), returned in a readable canonical form."""
    value = value.strip()
    message = _(
        "Enter a valid phone number: a mobile number (138 1234 5678), a landline with its "
        "area code (0531-8888 8888) or an international number starting with + "
        "(+44 20 7946 0958)."
    )
    if not PHONE_CHARACTERS.match(value):
        raise ValidationError(message, code="invalid_phone")
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(message, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone")
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 86
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def reject_control_characters(value):
    """Single-line values must not carry line breaks or control characters (they end up in
    e-mail headers and spreadsheet cells)."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove line breaks and control characters from this field."), code="control"
        )


def reject_control_characters_except_newlines(value):
    if isinstance(value, str) and CONTROL_CHARACTERS_EXCEPT_NEWLINES.search(value):
        raise ValidationError(_("Remove control characters from this field."), code="control")
