"""Full-width punctuation in Chinese text: find and fix half-width marks written between
Chinese characters (时,我们 → 时，我们; 资质认定(CMA)的 → 资质认定（CMA）的).

A mark counts as Chinese punctuation when the text it follows is Chinese (a Han character or
Chinese punctuation, HTML tags and spaces skipped); a pair of brackets when what they enclose
holds Chinese, or what comes before the opening bracket is Chinese. Decimal points, times
(8:30), standard codes (HJ 168-2020), marks named between spaces (空格和 . / -) and English
text are left alone. HTML tags are never
changed (href="https://…")."""

import re

from corporate.core.cjk import CJK_PUNCTUATION_RANGES, HAN_RANGES

FULL_WIDTH = {
    ",": "，",
    ".": "。",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
# Closing marks after which Chinese text goes on: “依法”,那么 / 《方案》,坚持
_CLOSING_QUOTES = "”’"
_CHINESE = re.compile(f"[{HAN_RANGES}{CJK_PUNCTUATION_RANGES}]")
_TAG = re.compile(r"<[^<>]*>")


def _is_chinese(char):
    return bool(char) and bool(_CHINESE.match(char))


def _visible(text):
    """[(index in text, char)] of the characters outside HTML tags."""
    chars = []
    position = 0
    for match in _TAG.finditer(text):
        chars.extend((i, text[i]) for i in range(position, match.start()))
        position = match.end()
    chars.extend((i, text[i]) for i in range(position, len(text)))
    return chars


def _neighbour(chars, k, step):
    """The nearest visible non-space character from chars[k] in direction ``step``, and the one
    beyond it."""
    j = k + step
    while 0 <= j < len(chars) and chars[j][1].isspace():
        j += step
    if not 0 <= j < len(chars):
        return "", ""
    beyond = chars[j + step][1] if 0 <= j + step < len(chars) else ""
    return chars[j][1], beyond


def _spaced(chars, k):
    """True when whitespace stands on both sides of chars[k]."""
    return 0 < k < len(chars) - 1 and chars[k - 1][1].isspace() and chars[k + 1][1].isspace()


def _chinese_before(chars, k):
    before, beyond = _neighbour(chars, k, -1)
    if _is_chinese(before):
        return True
    return before in _CLOSING_QUOTES and _is_chinese(beyond)


def _marks_to_convert(text):
    """Indices in ``text`` of the half-width marks that belong to Chinese text."""
    chars = _visible(text)
    found = set()
    stack = []
    for k, (index, char) in enumerate(chars):
        if char == "(":
            stack.append(k)
        elif char == ")":
            if not stack:
                if _chinese_before(chars, k):
                    found.add(index)
                continue
            start = stack.pop()
            inside = "".join(c for _i, c in chars[start + 1 : k])
            if _CHINESE.search(inside) or _chinese_before(chars, start):
                found.update({chars[start][0], index})
        elif char in FULL_WIDTH:
            if not _chinese_before(chars, k):
                continue
            if _spaced(chars, k):
                continue  # a mark named, not used: 空格和 . / - ( )
            after, _beyond = _neighbour(chars, k, 1)
            if char == "." and after and after.isascii() and after.isalnum():
                continue  # a file name or an abbreviation: 见 report.pdf
            found.add(index)
    for k in stack:  # an unmatched "(" before Chinese
        after, _beyond = _neighbour(chars, k, 1)
        if _is_chinese(after) or _chinese_before(chars, k):
            found.add(chars[k][0])
    return found


def half_width_in_chinese(text):
    """[(mark, context)] of the half-width marks that should be full-width."""
    text = text or ""
    hits = []
    for index in sorted(_marks_to_convert(text)):
        context = text[max(0, index - 8) : index + 9].replace("\n", " ")
        hits.append((text[index], context))
    return hits


def fix_punctuation(text):
    """``text`` with the half-width marks of its Chinese text made full-width, and the spaces
    next to them (full-width marks carry their own space) removed."""
    if not text:
        return text
    for _round in range(5):  # a converted bracket makes the comma after it Chinese: （LIMS）,
        fixed = _fix_once(text)
        if fixed == text:
            break
        text = fixed
    return text


def _fix_once(text):
    marks = _marks_to_convert(text)
    if not marks:
        return text
    out = list(text)
    for index in marks:
        out[index] = FULL_WIDTH[text[index]]
    # Drop plain spaces around converted marks (not line breaks, not inside tags).
    result = []
    for index, char in enumerate(out):
        if char == " ":
            prev_mark = index > 0 and (index - 1) in marks
            next_mark = index + 1 < len(out) and (index + 1) in marks
            if prev_mark or next_mark:
                continue
        result.append(char)
    return "".join(result)
