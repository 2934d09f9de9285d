"""Reading an uploaded CSV or XLSX file into rows of text keyed by column.

LIMS exports come as UTF-8 (with or without a byte-order mark) or, from older Chinese
software, GB18030; XLSX cells may hold dates, numbers or text. Every cell is returned as it
was written, as text (dates as YYYY-MM-DD), so that each importer validates one shape."""

import csv
import datetime
import io
import re
import unicodedata
import zipfile

from django.utils.translation import gettext as _

MAX_COLUMNS = 60


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, no header, a required column missing)."""


def normalise_header(text):
    """How a column heading is matched: NFKC, lower case, no spaces, underscores or
    punctuation (“Report No.” = “report_no” = “报告编号”)."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"[\s_\-./:()（）：*]+", "", text)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))


def read_csv(data):
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
    except StopIteration as error:
        raise FileProblem(_("The file is empty.")) from error
    return headers, ([cell.strip() for cell in row] for row in reader)


def read_xlsx(data):
    # Imported here: openpyxl is only needed for spreadsheets.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileProblem(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = [cell_text(v) for v in next(rows)]
    except StopIteration as error:
        raise FileProblem(_("The first sheet of the workbook is empty.")) from error

    def body():
        for row in rows:
            yield [cell_text(v) for v in row]
        workbook.close()

    return headers, body()


def read_table(data, filename):
    """(headers, iterator of rows) of an uploaded file; FileProblem when it cannot be read."""
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        headers, rows = read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        headers, rows = read_csv(data)
    else:
        raise FileProblem(_("Upload a CSV or an XLSX file."))
    headers = [cell_text(h) for h in headers][:MAX_COLUMNS]
    if not any(headers):
        raise FileProblem(_("The first row must hold the column headings."))
    return headers, rows


def map_columns(headers, columns, required):
    """{column key: index} for the headings the importer knows (``columns``: key → accepted
    headings); FileProblem naming the required columns that are missing."""
    accepted = {}
    for key, names in columns.items():
        for name in (key, *names):
            accepted[normalise_header(name)] = key
    found = {}
    for index, heading in enumerate(headers):
        key = accepted.get(normalise_header(heading))
        if key and key not in found:
            found[key] = index
    missing = [key for key in required if key not in found]
    if missing:
        labels = ", ".join(
            f"“{columns[key][0] if columns[key] else key}” ({key})" for key in missing
        )
        raise FileProblem(_("Required columns are missing: %(columns)s.") % {"columns": labels})
    return found
