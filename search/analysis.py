"""Turning text into search tokens, the same way at index time and at query time.

Databases keep a run of Chinese characters as one token, so a search for 废物 misses
危险废物. Here every Chinese run is cut into pieces that both sides agree on:

- ``bigram`` (the default): overlapping two-character pieces, queried as a phrase, so a query
  matches exactly where its characters appear in that order (室内空气 → 室内 内空 空气);
- ``jieba``: jieba's search-mode cut, queried as an AND of its finest words.

Either way each field also carries its distinct single characters, so a one-character query
(水, 气) finds something. Latin words and numbers are split apart (GB36600 → GB 36600,
HJ 168-2020 → HJ 168 2020) so that standard codes match however they are typed; English
words are stemmed by the database (PostgreSQL's english configuration) or, on SQLite, here
with the same Snowball stemmer.

Before any of that, both sides are folded (``fold_text``), so that what a visitor types and
what a page says meet however either is written:

- Traditional and variant characters become Simplified ones with OpenCC's ``t2s``
  conversion (characters and phrases: 危險廢物 → 危险废物, 臺/台, 裏/里, 鑑/鉴);
- British spellings become American ones (``fold_word``: vapour → vapor, sulphur → sulfur,
  analyse → analyze, metre → meter, ionising → ionizing).

Folding keeps the length of the text, character for character, so that a match found in the
folded text is marked at the same place in the page's own text (``search.excerpts``).
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

import jieba
import opencc
import snowballstemmer

from corporate.core.cjk import HAN_RANGES as CJK_RANGES

TOKEN_RE = re.compile(rf"(?P<cjk>[{CJK_RANGES}]+)|(?P<word>[^\W\d_{CJK_RANGES}]+)|(?P<num>\d+)")
MODES = ("bigram", "jieba")
DEFAULT_MODE = "bigram"

_jieba_lock = threading.Lock()
_jieba = None


def get_jieba():
    """jieba with its dictionary loaded once per process, without its start-up chatter."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


_stemmer = None


def stem_english(word):
    global _stemmer
    if _stemmer is None:
        _stemmer = snowballstemmer.stemmer("english")
    return _stemmer.stemWord(word)


def clean_text(text):
    """Drop control characters (NUL breaks PostgreSQL) and fold full-width forms (ＧＢ → GB)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


# Traditional → Simplified ---------------------------------------------------------------------

OPENCC_CONFIG = "t2s"  # Traditional to Simplified, characters and phrases (variants included)
HAN_RUN = re.compile(f"[{CJK_RANGES}]+")
_opencc = threading.local()


def _converter():
    converter = getattr(_opencc, "converter", None)
    if converter is None:
        converter = _opencc.converter = opencc.OpenCC(OPENCC_CONFIG)
    return converter


def _fold_run(run):
    converted = _converter().convert(run)
    if len(converted) == len(run):
        return converted
    # A phrase that converts to another length: character by character instead, so that
    # positions still line up with the page's text.
    out = []
    for ch in run:
        single = _converter().convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


def fold_chinese(text):
    """Traditional and variant Chinese characters as Simplified ones, the length unchanged."""
    if not text or not HAN_RUN.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return HAN_RUN.sub(lambda m: _fold_run(m.group(0)), text)


# British → American spellings ---------------------------------------------------------------

# Whole words (and their inflections, listed) that no rule below covers.
SPELLINGS = {
    "aluminium": "aluminum",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyser": "analyzer",
    "analysers": "analyzers",
    "analysing": "analyzing",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "dialogue": "dialog",
    "analogue": "analog",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "licences": "licenses",
    "practise": "practice",
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "mould": "mold",
    "moulds": "molds",
    "ageing": "aging",
    "tyre": "tire",
    "tyres": "tires",
    "kerb": "curb",
    "plough": "plow",
    "haemoglobin": "hemoglobin",
    "faecal": "fecal",
    "faeces": "feces",
    "oestrogen": "estrogen",
    "foetal": "fetal",
    "paediatric": "pediatric",
    "manoeuvre": "maneuver",
    "jewellery": "jewelry",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
}
# British doubles a final l before a suffix (labelled, refuelling); only these words, as a rule
# would also turn calling into caling.
for _stem in (
    "label",
    "model",
    "travel",
    "fuel",
    "refuel",
    "cancel",
    "signal",
    "level",
    "channel",
    "counsel",
    "total",
    "dial",
    "tunnel",
    "panel",
    "marshal",
    "equal",
):
    for _suffix in ("ed", "ing", "er", "ers"):
        SPELLINGS[f"{_stem}l{_suffix}"] = f"{_stem}{_suffix}"
# -our words that are not British spellings of -or.
NOT_OUR = {
    "four", "hour", "our", "your", "tour", "pour", "flour", "sour", "dour", "devour",
    "detour", "contour", "amour", "troubadour", "velour", "paramour", "scour",
}  # fmt: skip
# -ise words that are not British spellings of -ize.
NOT_ISE = {
    "rise", "wise", "arise", "raise", "praise", "noise", "poise", "anise", "guise", "cruise",
    "bruise", "advise", "devise", "revise", "supervise", "televise", "improvise", "comprise",
    "compromise", "surprise", "enterprise", "expertise", "exercise", "franchise", "merchandise",
    "otherwise", "likewise", "clockwise", "promise", "premise", "precise", "concise", "excise",
    "incise", "circumcise", "despise", "disguise", "demise", "paradise", "treatise", "chastise",
    "advertise", "apprise", "mortise", "valise", "reprise", "porpoise", "tortoise", "sunrise",
    "uprise", "moonrise", "streetwise", "lengthwise", "edgewise",
}  # fmt: skip
NOT_TRE = {"timbre", "macabre", "entre"}
OUR_RE = re.compile(r"^(?P<base>[a-z]{2,})our(?P<suffix>s|ed|ing|ite|ites|able|ful|less)?$")
ISE_RE = re.compile(r"^(?P<base>[a-z]{2,})is(?P<suffix>e|es|ed|ing|er|ers|ation|ations|ational)$")
YSE_RE = re.compile(r"^(?P<base>[a-z]+)ys(?P<suffix>e|ed|ing|er|ers)$")
TRE_RE = re.compile(r"^(?P<base>[a-z]+)(?P<last>[tb])re(?P<suffix>s|d)?$")


def fold_word(word):
    """A lower-case Latin word in American spelling (vapour → vapor, sulphate → sulfate)."""
    if len(word) < 4 or not word.isascii():
        return word
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word.startswith("sulph"):
        return "sulf" + word[5:]
    match = OUR_RE.match(word)
    if match and word.removesuffix(match["suffix"] or "") not in NOT_OUR:
        return f"{match['base']}or{match['suffix'] or ''}"
    match = ISE_RE.match(word)
    if match:
        root = f"{match['base']}ise"
        if root not in NOT_ISE:
            return f"{match['base']}iz{match['suffix']}"
        return word
    match = YSE_RE.match(word)
    if match and match["base"].endswith(("anal", "paral", "catal", "hydrol", "electrol", "dial")):
        return f"{match['base']}yz{match['suffix']}"
    match = TRE_RE.match(word)
    if match and f"{match['base']}{match['last']}re" not in NOT_TRE:
        suffix = {"s": "s", "d": "ed", None: ""}[match["suffix"]]
        return f"{match['base']}{match['last']}er{suffix}"
    return word


def fold_latin(text):
    """Every Latin word of ``text`` folded by ``fold_word``, the rest unchanged."""
    return LATIN_WORD_RE.sub(lambda m: fold_word(m.group(0).lower()), text)


LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def fold_text(text):
    """What both sides of the search compare: cleaned (``clean_text``), Traditional folded to
    Simplified. Latin words are folded one by one (``fold_word``) where they are read."""
    return fold_chinese(clean_text(text))


@dataclass(frozen=True)
class Unit:
    """One thing a query asks for: a single token, or tokens that must appear in this order."""

    tokens: tuple
    prefix: bool = False

    @property
    def is_phrase(self):
        return len(self.tokens) > 1


class Analyzer:
    def __init__(self, mode=DEFAULT_MODE, stem=False):
        if mode not in MODES:
            raise ValueError(f"Unknown Chinese segmentation mode {mode!r}; use one of {MODES}")
        self.mode = mode
        self.stem = stem

    # Latin words and numbers --------------------------------------------------------------

    def _word(self, word):
        word = fold_word(word.lower())
        return stem_english(word) if self.stem else word

    # Chinese runs ---------------------------------------------------------------------------

    def _index_cjk(self, run):
        if len(run) == 1:
            return [run]
        if self.mode == "bigram":
            return [run[i : i + 2] for i in range(len(run) - 1)]
        return [token for token in get_jieba().cut_for_search(run) if token.strip()]

    def _query_cjk(self, run):
        """Query units for one Chinese run."""
        if len(run) == 1:
            return [Unit((run,))]
        if self.mode == "bigram":
            return [Unit(tuple(run[i : i + 2] for i in range(len(run) - 1)))]
        words = [token for token in get_jieba().cut_for_search(run) if token.strip()]
        # Keep the finest words: 室内 and 空气 rather than 室内空气, which the page may have cut
        # differently (室内 + 空气质量).
        finest = [w for w in words if not any(o != w and o in w for o in words)]
        return [Unit((word,)) for word in dict.fromkeys(finest)]

    # Public API --------------------------------------------------------------------------

    def index_text(self, text):
        """The text to store in the index for one field: space-separated tokens."""
        if not text:
            return ""
        stream = []
        singles = {}
        for match in TOKEN_RE.finditer(fold_text(text)):
            if match["cjk"]:
                run = match["cjk"]
                stream.extend(self._index_cjk(run))
                singles.update(dict.fromkeys(run))
            elif match["word"]:
                stream.append(self._word(match["word"]))
            else:
                stream.append(match["num"])
        # Single characters go after the stream, so that they never sit between two pieces of
        # a phrase.
        return " ".join(stream + list(singles))

    def query_units(self, text, prefix_last=False):
        """The units a query string asks for (all of them, unless the caller ORs them)."""
        units = []
        for match in TOKEN_RE.finditer(fold_text(text)):
            if match["cjk"]:
                units.extend(self._query_cjk(match["cjk"]))
            elif match["word"]:
                units.append(Unit((self._word(match["word"]),)))
            else:
                units.append(Unit((match["num"],)))
        units = list(dict.fromkeys(units))
        if prefix_last and units and not units[-1].is_phrase:
            last = units[-1]
            # Typing a Latin word: match what starts with it. Chinese pieces need no prefix.
            if not TOKEN_RE.fullmatch(last.tokens[0]).group("cjk"):
                units[-1] = Unit(last.tokens, prefix=True)
        return units
