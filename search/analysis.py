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
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

import jieba
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
        word = word.lower()
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
        for match in TOKEN_RE.finditer(clean_text(text)):
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
        for match in TOKEN_RE.finditer(clean_text(text)):
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
