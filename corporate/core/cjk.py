"""Chinese characters, defined once for the whole project (and its tests)."""

import re

# Han ideographs: CJK Unified Ideographs Extension A, the basic block, compatibility ideographs.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation: CJK symbols and punctuation (、。「」…) and full-width forms (，：！（）).
CJK_PUNCTUATION_RANGES = "\u3000-\u303f\uff00-\uffef"

HAN = re.compile(f"[{HAN_RANGES}]")
CHINESE_TEXT = re.compile(f"[{HAN_RANGES}{CJK_PUNCTUATION_RANGES}]")


def has_han(text):
    """True when ``text`` holds at least one Chinese character."""
    return bool(HAN.search(text or ""))


def chinese_fragments(text, limit=5):
    """Up to ``limit`` runs of Chinese text (characters or punctuation) found in ``text``."""
    return re.findall(f"[{HAN_RANGES}{CJK_PUNCTUATION_RANGES}]+", text or "")[:limit]
