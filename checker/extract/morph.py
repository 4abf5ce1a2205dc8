"""Korean morphology with kiwipiepy, loaded once and only when a Korean text is extracted.

kiwipiepy tags number units (NR), counters (NNB), particles (J*) and verb endings (E*); extraction
uses it to split sentences, to end clauses at connective endings, to find negated predicates and to
read a sentence's topic (a name followed by 은/는) when no registry name is there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

__all__ = ["Token", "tokens", "split_sentences", "clause_breaks", "negated_after", "topic", "first_predicate_end"]

# Verbs that work as postpositions ("통해", "대해", "위해"): not the predicate of a date. ("업계에
# 따르면" is one: it ends the date's window, so "12일 업계에 따르면 … 공모는" does not date the call.)
_POSTPOSITION_VERBS = {"통하", "대하", "위하", "비롯하", "관하", "거치"}


@dataclass(frozen=True)
class Token:
    """A morpheme: its form, its Sejong tag and its span in the analysed text."""

    form: str
    tag: str
    start: int
    end: int


@functools.cache
def _kiwi() -> Any:
    try:
        from kiwipiepy import Kiwi  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the extract extra installs it
        raise RuntimeError("Korean extraction needs kiwipiepy: pip install 'model-claimcheck[extract]'") from exc
    return Kiwi()


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The morphemes of ``text``."""
    return tuple(Token(t.form, t.tag, t.start, t.start + t.len) for t in _kiwi().tokenize(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of one line of Korean text, as kiwipiepy splits them."""
    return [s.text for s in _kiwi().split_into_sents(text)]


def clause_breaks(text: str) -> list[int]:
    """Offsets where a clause ends: after a connective ending (EC) that a space follows."""
    out = []
    for t in tokens(text):
        if t.tag == "EC" and t.form in ("며", "으며", "고", "지만", "는데", "면서", "으면서") \
                and text[t.end:t.end + 1] in (" ", ","):
            out.append(t.end)
    return out


def negated_after(text: str, pos: int, span: int = 12) -> bool:
    """Whether the predicate right after ``pos`` is negated (않/못 auxiliaries, 아니다)."""
    for t in tokens(text):
        if pos <= t.start <= pos + span:
            if (t.tag == "VX" and t.form in ("않", "못")) or (t.tag == "VCN"):
                return True
            if t.tag in ("EF", "SF"):
                return False
    return False


def topic(text: str) -> str | None:
    """The name a sentence is about: a run of proper nouns, foreign words and numbers before 은/는/이/가."""
    toks = tokens(text)
    for i, t in enumerate(toks):
        if t.tag in ("JX", "JKS") and t.form in ("은", "는", "이", "가") and i > 0:
            j = i
            while j > 0 and toks[j - 1].tag in ("NNP", "SL", "SN", "SH", "SO", "SW") \
                    and (j == i or toks[j - 1].end >= toks[j].start - 1):
                j -= 1
            if j < i and any(x.tag in ("NNP", "SL") for x in toks[j:i]):
                return text[toks[j].start:toks[i - 1].end].strip("'‘’\"“” ")
            return None
    return None


def first_predicate_end(text: str, lo: int, hi: int) -> int | None:
    """The end of the first predicate (a verb, or a noun + 하다/되다) between ``lo`` and ``hi``."""
    toks = tokens(text)
    for i, t in enumerate(toks):
        if t.start < lo or t.start >= hi:
            continue
        if t.tag in ("VV", "XSV") and t.form not in _POSTPOSITION_VERBS:
            if t.tag == "XSV" and i and toks[i - 1].form + t.form in {x + "하" for x in ("통", "대", "위", "의", "관")}:
                continue
            j = i
            while j + 1 < len(toks) and toks[j + 1].tag.startswith(("E", "VX")) and toks[j + 1].start <= toks[j].end + 1:
                j += 1
            if toks[j].tag == "ETM":
                # "예정된 2차 평가": an adnominal predicate; the noun phrase it modifies names the event.
                k = j
                while k + 1 < len(toks) and toks[k + 1].tag in ("NNG", "NNP", "SN", "NNB", "SL", "XSN") \
                        and toks[k + 1].start <= toks[k].end + 1:
                    k += 1
                return toks[k].end
            return toks[j].end
    return None
