"""The test reports the laboratory issued (imported from its LIMS), the verification page
visitors use to check one, and the log of every lookup.

A report is not a page, not a snippet and not translated: it is a record, shown in the
visitor's language only through the page's own text and the area pages' titles. It is never
indexed for the site search."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from corporate.imports.storage import private_storage
from corporate.reports.codes import MAX_NUMBER_LENGTH, make_token
from corporate.reports.masking import mask_client_name

REPORT_LANGUAGES = [
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("zh-hans+en", _("Chinese and English")),
]


class TestReport(models.Model):
    __test__ = False  # not a pytest test class, despite its name

    VALID, SUPERSEDED, REVOKED = "valid", "superseded", "revoked"
    STATUS_CHOICES = [
        (VALID, _("Valid")),
        (SUPERSEDED, _("Superseded")),
        (REVOKED, _("Revoked")),
    ]

    number = models.CharField(_("report number"), max_length=MAX_NUMBER_LENGTH, unique=True)
    code_hash = models.CharField(_("verification code (hashed)"), max_length=64, editable=False)
    client_name = models.CharField(_("client"), max_length=200)
    description = models.CharField(_("project or sample"), max_length=500, blank=True)
    areas = models.ManyToManyField(
        "corporate.AccreditationAreaPage",
        verbose_name=_("accreditation areas"),
        blank=True,
        related_name="+",
    )
    issue_date = models.DateField(_("issue date"))
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=VALID)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    pdf = models.FileField(
        _("report PDF"),
        storage=private_storage,
        upload_to="reports/%Y/",
        blank=True,
        help_text=_("Kept in private storage; visitors get it only after verifying the report."),
    )
    publish_pdf = models.BooleanField(
        _("offer the PDF to visitors who verify the report"), default=False
    )
    language = models.CharField(
        _("language of the report"), max_length=12, choices=REPORT_LANGUAGES, default="zh-hans"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("test report")
        verbose_name_plural = _("test reports")
        ordering = ["-issue_date", "-number"]
        indexes = [models.Index(fields=["issue_date"], name="reports_issue_date")]

    def __str__(self):
        return self.number

    def clean(self):
        errors = {}
        if self.status == self.SUPERSEDED:
            if self.superseded_by_id is None:
                errors["superseded_by"] = _("Choose the report that replaces this one.")
            elif self.pk and self.superseded_by_id == self.pk:
                errors["superseded_by"] = _("A report cannot replace itself.")
        if self.status == self.REVOKED:
            if not self.revoked_reason.strip():
                errors["revoked_reason"] = _("Say why the report was revoked.")
            if self.revoked_on is None:
                errors["revoked_on"] = _("Enter the date the report was revoked.")
        if self.publish_pdf and not self.pdf:
            errors["publish_pdf"] = _("Upload the PDF before offering it to visitors.")
        if errors:
            raise ValidationError(errors)

    @property
    def masked_client_name(self):
        return mask_client_name(self.client_name)

    @property
    def token(self):
        return make_token(self)

    @property
    def pdf_available(self):
        return self.status == self.VALID and self.publish_pdf and bool(self.pdf)

    def verification_language(self):
        """The language of the verification page the QR code opens."""
        return "en" if self.language == "en" else settings.LANGUAGE_CODE


class ReportLookup(models.Model):
    """One lookup on the public verification page. The visitor's address is kept only as a
    keyed hash (enough to see one address trying many numbers, not to know who it was)."""

    VALID, SUPERSEDED, REVOKED = "valid", "superseded", "revoked"
    WRONG_CODE, UNKNOWN, BAD_TOKEN = "wrong_code", "unknown_number", "bad_token"
    RATE_LIMITED, INVALID = "rate_limited", "invalid_input"
    RESULT_CHOICES = [
        (VALID, _("Valid report")),
        (SUPERSEDED, _("Superseded report")),
        (REVOKED, _("Revoked report")),
        (WRONG_CODE, _("Wrong code")),
        (UNKNOWN, _("Unknown number")),
        (BAD_TOKEN, _("Invalid QR code")),
        (RATE_LIMITED, _("Refused: too many lookups")),
        (INVALID, _("Incomplete form")),
    ]
    CODE, QR = "code", "qr"
    METHOD_CHOICES = [(CODE, _("Number and code")), (QR, _("QR code"))]

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    number = models.CharField(_("report number"), max_length=MAX_NUMBER_LENGTH, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=RESULT_CHOICES)
    method = models.CharField(_("method"), max_length=8, choices=METHOD_CHOICES)
    address_hash = models.CharField(_("address (hashed)"), max_length=16)
    language = models.CharField(_("language"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("report lookup")
        verbose_name_plural = _("report lookups")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.number} {self.result}"


# The page type lives in its own module; imported here so that Django finds it.
from corporate.reports.pages import ReportVerificationPage  # noqa: E402, F401
