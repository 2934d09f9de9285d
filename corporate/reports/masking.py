"""A client's name as the public lookup shows it: enough to recognise, not enough to read
off a list (山东某某化工有限公司 → 山东**化工有限公司, Acme Chemical Co., Ltd. → A*** Chemical Co., Ltd.)."""

import re

from corporate.core.cjk import HAN_RANGES

CHINESE_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "分公司",
    "公司",
    "研究院",
    "研究所",
    "事务所",
    "合作社",
    "中心",
    "集团",
    "医院",
    "学校",
    "大学",
    "厂",
    "局",
    "站",
)
LATIN_LEGAL_WORDS = {
    "co",
    "co.",
    "co.,",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "inc",
    "inc.",
    "llc",
    "corp",
    "corp.",
    "corporation",
    "group",
    "gmbh",
    "ag",
    "plc",
    "s.a.",
    "&",
}
MASK = "**"
CHINESE = re.compile(f"[{HAN_RANGES}]")


def mask_client_name(name):
    name = " ".join(str(name or "").split())
    if not name:
        return ""
    if CHINESE.search(name):
        return _mask_chinese(name)
    return _mask_latin(name)


def _mask_chinese(name):
    suffix = next((s for s in CHINESE_SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)]
    # Keep the place (two characters) and the trade (the last two before the legal form).
    if len(stem) >= 6:
        return stem[:2] + MASK + stem[-2:] + suffix
    if len(stem) >= 3:
        return stem[:1] + MASK + stem[-1:] + suffix
    return stem[:1] + MASK + suffix


def _mask_latin(name):
    words = name.split(" ")
    legal_from = len(words)
    while legal_from > 0 and words[legal_from - 1].lower().strip(",") in {
        w.strip(",") for w in LATIN_LEGAL_WORDS
    }:
        legal_from -= 1
    core, legal = words[:legal_from], words[legal_from:]
    if not core:
        return words[0][:1] + "***"
    keep_last = len(core) >= 2
    masked = [w[:1] + "***" for w in (core[:-1] if keep_last else core)]
    if keep_last:
        masked.append(core[-1])
    return " ".join(masked + legal)
