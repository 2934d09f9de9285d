"""Reference numbers a visitor can quote on the phone: GP-20261127-4F7K.

The date is the laboratory's local date; four characters from an alphabet without look-alikes
(0/O, 1/I) give about a million numbers a day. Uniqueness is enforced by the database and
``InquirySubmission.save`` draws again on a collision."""

import secrets

from django.utils import timezone

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "GP"
RANDOM_LENGTH = 4


def new_reference(when=None) -> str:
    day = timezone.localdate(when) if when else timezone.localdate()
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}-{day:%Y%m%d}-{suffix}"
