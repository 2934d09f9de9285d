"""The public lookup: by number and code, or by the QR code's signed token. Every lookup is
logged; a wrong code and an unknown number give the same answer after the same work."""

from dataclasses import dataclass

from corporate.reports import codes
from corporate.reports.models import ReportLookup, TestReport


@dataclass
class Answer:
    result: str  # a ReportLookup result
    report: TestReport | None = None
    number: str = ""

    @property
    def found(self):
        return self.report is not None


def _status_result(report):
    return {
        TestReport.VALID: ReportLookup.VALID,
        TestReport.SUPERSEDED: ReportLookup.SUPERSEDED,
        TestReport.REVOKED: ReportLookup.REVOKED,
    }[report.status]


def _stored_hash(number):
    """The code hash of report ``number``, or None; one indexed query either way."""
    return TestReport.objects.filter(number=number).values_list("code_hash", flat=True).first()


def by_code(number, code):
    number = codes.normalise_number(number)
    stored = _stored_hash(number)
    if not codes.code_matches(stored, number, code):
        return Answer(
            ReportLookup.UNKNOWN if stored is None else ReportLookup.WRONG_CODE, None, number
        )
    report = TestReport.objects.select_related("superseded_by").get(number=number)
    return Answer(_status_result(report), report, number)


def by_token(token):
    pair = codes.read_token(token)
    if pair is None:
        return Answer(ReportLookup.BAD_TOKEN)
    number, digest = pair
    report = TestReport.objects.select_related("superseded_by").filter(number=number).first()
    if not codes.token_matches(report, digest):
        return Answer(ReportLookup.BAD_TOKEN, None, number)
    return Answer(_status_result(report), report, number)


def log(answer, method, address_hash, language, number=None):
    ReportLookup.objects.create(
        number=(number if number is not None else answer.number)[: codes.MAX_NUMBER_LENGTH],
        result=answer.result,
        method=method,
        address_hash=address_hash,
        language=language or "",
    )
