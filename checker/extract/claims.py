"""Candidate claims in an article's text: regex heuristics that favour precision over recall.

Pure: text + published date + optional :class:`EntityIndex` -> list of :class:`Proposal`. Every
proposal quotes a short verbatim clause (a substring of the NFC, whitespace-folded text, so the
quote checker finds it again) and writes its value the way the article does (``700억``, ``2025-08``).

What is detected, sentence by sentence:

* parameter counts: ``700억 파라미터``, ``1020억 개 매개변수``, ``30억·15억·5억 파라미터``,
  ``700억(70B) 매개변수``, ``236B(2360억 개 매개변수)``, ``2.6B 모델``, and sizes in model names
  (``모티프-2.6B``, an alias that contains the figure) -> ``parameters.total``;
* download counts (``30만 건 이상 다운로드``) -> ``downloads`` with its comparator;
* money (``1936억 원``) in a sentence about budgets -> ``budget.<item>`` (``total`` when no item is named);
* GPU counts (``B200 768장``, ``GPU 1만 개``) -> ``gpu.count``;
* "오픈소스로 공개", "누구나 다운로드" -> ``open_source: true``; "오픈웨이트로 공개" -> ``open_weights: true``;
* a date followed closely by 설립/창업 -> ``founded``; by 공개/출시 of a model -> ``release_date``; by
  an event word (마감, 선정, 발표, 평가, 공고 ...) -> ``event.<slug>``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from checker.extract.dates import DateMention, as_past, find_dates
from checker.registry.entities import EntityIndex
from checker.registry.quotes import normalise
from checker.values import parse_quantity

__all__ = ["Proposal", "propose", "split_date_line", "sentences"]

TODO = "TODO"
_BEFORE, _AFTER = 20, 30  # characters of context around what a quote must show: a clause, not a paragraph
_NEAR = 40               # how far (characters) a name may be from a figure and still be its subject
_WINDOW = 35             # how far after a date its verb (설립, 공개, 마감 ...) may come

MODEL_PROPS = ("parameters.total", "release_date", "open_source", "open_weights", "downloads")


@dataclass(frozen=True)
class Proposal:
    """One proposed claim, in the shape of a :class:`checker.registry.models.ClaimEntry`."""

    id: str
    subject: str
    property: str
    value: str | int | bool
    quote: str
    note: str | None = None

    def entry(self) -> dict[str, object]:
        """The claim as a mapping with ClaimEntry's keys (no ``expect``: that is the curator's)."""
        out: dict[str, object] = {"id": self.id, "subject": self.subject, "property": self.property,
                                  "value": self.value, "quote": self.quote}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class _Candidate:
    subject: str
    property: str
    value: str | int | bool
    span: tuple[int, int]               # what the quote must cover, in the sentence
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: str
    kind: str


# -------------------------------------------------------------------------------------------------
# text layout

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_date_line(text: str) -> tuple[date | None, str]:
    """The seed files' convention: a first line `` date 2026-02-12 ...``; returns (date, text without it)."""
    m = _DATE_LINE.match(text)
    if not m:
        return None, text
    try:
        return date.fromisoformat(m[1]), text[m.end():]
    except ValueError:
        return None, text


def sentences(text: str) -> list[str]:
    """Normalised sentences: lines split at sentence-final punctuation followed by a space."""
    out: list[str] = []
    for line in text.splitlines():
        line = normalise(line)
        if line:
            out.extend(s for s in _SENTENCE_END.split(line) if s)
    return out


# -------------------------------------------------------------------------------------------------
# names

class _Names:
    """Registry aliases found in a sentence (longest alias first at each position)."""

    def __init__(self, index: EntityIndex | None):
        self.kinds: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.regex: re.Pattern[str] | None = None
        if index is None or not index.entities:
            return
        names: dict[str, str] = {}
        for ent in index.entities.values():
            self.kinds[ent.id] = ent.kind
            for name in ent.names:
                name = normalise(name)
                if len(name) >= 2:
                    names.setdefault(name.casefold(), ent.id)
        self.by_name = names
        parts = []
        for name in sorted(names, key=len, reverse=True):
            body = r"\s?".join(re.escape(w) for w in name.split(" "))
            # ASCII names need word edges ("KT" must not match inside "SKT"); Korean ones take particles.
            tail = r"(?![A-Za-z0-9])" if name[-1].isascii() and name[-1].isalnum() else ""
            parts.append(body + tail)
        self.regex = re.compile(r"(?<![0-9A-Za-z가-힣])(?:" + "|".join(parts) + ")", re.I)

    def find(self, sentence: str) -> list[_Mention]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(sentence):
            ent = self.by_name.get(" ".join(m.group().casefold().split()))
            if ent is None:  # "\s?" matched a name written without its space
                ent = next((e for n, e in self.by_name.items() if n.replace(" ", "") == m.group().casefold()
                            .replace(" ", "")), None)
            if ent is not None:
                out.append(_Mention(m.start(), m.end(), ent, self.kinds[ent]))
        return out


# Between a figure and a name after it, only an apposition may stand ("320억 파라미터 모델 ‘엑사원 딥’");
# a word ending in a topic, object or comparison particle means the name belongs to another phrase.
_PARTICLE_WORD = re.compile(r"[가-힣](?:은|는|을|를|과|와|보다|에게|이며)\s")
_TOPIC = re.compile(r"^['‘\"“]?([A-Za-z가-힣][0-9A-Za-z가-힣.&·:()\-]{1,30}?)['’\"”]?(?:은|는)\s")
_NOT_NAMES = {"그", "이", "이들", "그들", "정부", "회사", "업계", "당사", "이번", "한편", "또한", "특히", "다만", "이어",
              "그러면서", "이에", "현재", "우선", "앞서", "이후", "최근", "당초", "실제", "이미", "또"}


def _subject(mentions: list[_Mention], span: tuple[int, int], prop: str, sentence: str,
             notes: list[str]) -> str:
    """The entity a figure or statement is about: the nearest fitting registry name, else a literal name."""
    start, end = span
    if prop in MODEL_PROPS:
        best: tuple[int, str] | None = None
        for m in mentions:
            if m.kind != "model":
                continue
            if m.start >= start and m.end <= end:
                near = 0
            elif m.end <= start:
                near = start - m.end
            elif m.start >= end and m.start - end <= 20 and not _PARTICLE_WORD.search(sentence[end:m.start]):
                near = m.start - end
            else:
                continue
            if near <= _NEAR and (best is None or near < best[0]):
                best = (near, m.entity)
        if best:
            return best[1]
        others = sorted({m.entity for m in mentions if m.kind != "model"})
        if others:
            notes.append(f"the model is not named; the sentence names {', '.join(others)}")
        return TODO
    order = ("organisation", "team", "programme") if prop == "founded" else \
        ("event", "programme", "organisation", "team", "model")
    if prop == "founded":
        # "트릴리온랩스를 설립한": the object; else "모티프테크놀로지스는 … 설립된": the topic.
        fitting = [m for m in mentions if m.kind in order]
        for particles in ("을를", "은는이가"):
            marked = [m for m in fitting if sentence[m.end:m.end + 1] and sentence[m.end] in particles
                      and sentence[m.end + 1:m.end + 2] in ("", " ")]
            if marked:
                return min(marked, key=lambda m: abs(m.start - start)).entity
    for kind in order:
        found = [m for m in mentions if m.kind == kind]
        if found:
            def dist(m: _Mention) -> int:
                return max(0, start - m.end, m.start - end)
            return min(found, key=dist).entity
    topic = _TOPIC.match(sentence)
    if topic and topic[1] not in _NOT_NAMES and not topic[1].endswith(("에서", "에게", "에", "까지", "부터", "으로", "로")):
        notes.append(f"subject {topic[1]!r} is the sentence's topic; it is not in entities.yaml")
        return topic[1]
    return TODO


# -------------------------------------------------------------------------------------------------
# figures

_K = r"\d{1,3}(?:,\d{3})+|\d+"
_KFIG = rf"(?:{_K})(?:\.\d+)?[천백십]?(?:조|억|만)(?:\s?\d+[천백십]?(?:억|만))?"
_LFIG = r"\d+(?:\.\d+)?\s?[BT](?![A-Za-z0-9])"
_FIG = rf"(?:{_KFIG}|{_LFIG})"
_PARAM_WORD = r"(?:매개\s?변수|파라미터|parameters?)"
_LEFT = r"(?<![0-9A-Za-z.,~∼\-])"

_PAIR = re.compile(rf"{_LEFT}(?P<a>{_FIG})\s?(?:개\s?)?\(\s?(?P<b>{_FIG})\s?(?:개\s?)?(?P<pw>{_PARAM_WORD})?\s?\)"
                   rf"(?P<tail>\s?(?:개\s?)?{_PARAM_WORD})?")
_LIST = re.compile(rf"{_LEFT}(?P<list>{_FIG}(?:\s?[·,/]\s?{_FIG})*)\s?(?:개\s?)?(?:의\s?)?{_PARAM_WORD}")
_LATIN_MODEL = re.compile(rf"{_LEFT}(?P<a>{_LFIG})\s?(?:규모의?\s?)?(?:[가-힣]*언어\s?모델|모델|LLM|sLLM|sLM)")
_NAMED_SIZE = re.compile(r"(?<=[0-9A-Za-z가-힣)])-(?P<a>\d+(?:\.\d+)?B)(?![A-Za-z0-9])")
_NOT_A_SIZE = re.compile(r"\s?(?:급|이상|이하|미만|초과|대(?![가-힣])|[~∼]|-\d)")
_ONE_FIG = re.compile(_FIG)
_SIZE_IN_NAME = re.compile(r"(?<![0-9A-Za-z.])\d+(?:\.\d+)?[BT](?![A-Za-z0-9])")


def _quantity(text: str) -> float | None:
    try:
        return parse_quantity(text).value
    except ValueError:
        return None


# A name in quotes right after a figure, in apposition: "1200억 파라미터 규모의 '베타 LLM'".
_APPOSED_NAME = re.compile(r"\s?(?:개\s?)?(?:\([^)]{1,20}\)\s?)?(?:파라미터|매개\s?변수)?\s?(?:규모의?\s?)?"
                           r"(?:[가-힣]*모델|LLM)?\s?(?:인\s?)?['‘\"“]([^'’\"”]{1,40})['’\"”]")


def _literal_model(sentence: str, pos: int, notes: list[str]) -> str:
    """The quoted name in apposition after ``pos``, or TODO; says so in ``notes``."""
    m = _APPOSED_NAME.match(sentence, pos)
    if not m:
        return TODO
    notes.append(f"subject {m[1]!r} is the name the article gives; it is not in entities.yaml")
    return m[1]


def _name_token(sentence: str, dash: int, end: int) -> tuple[int, int]:
    """Where the model name around a size written into it (``트리다(Trida)-7B``) starts and ends."""
    i = dash
    while i > 0 and not sentence[i - 1].isspace() and sentence[i - 1] not in "'‘’\"“”,":
        i -= 1
    j = end
    while j < len(sentence) and (sentence[j].isascii() and (sentence[j].isalnum() or sentence[j] in ".-")):
        j += 1
    while i < j and sentence[i] in "'‘’\"“”(":
        i += 1
    return i, j


def _parameters(sentence: str, mentions: list[_Mention], used: list[tuple[int, int]]) -> list[_Candidate]:
    out: list[_Candidate] = []

    def free(a: int, b: int) -> bool:
        return all(b <= u0 or a >= u1 for u0, u1 in used)

    def add(value: str, span: tuple[int, int], fig: tuple[int, int], notes: list[str]) -> None:
        if not free(*fig) or _NOT_A_SIZE.match(sentence, fig[1]):
            return  # "100B 이상", "12B 급", "200B~300B": a class or a range of sizes, not one model's
        subject = _subject(mentions, fig, "parameters.total", sentence, notes)
        if subject == TODO:
            subject = _literal_model(sentence, fig[1], notes)
        used.append(fig)
        out.append(_Candidate(subject, "parameters.total", value, span, notes))

    # A size inside a registry name, or after a hyphen in a name: the name states it.
    for m in mentions:
        if m.kind != "model":
            continue
        for f in _SIZE_IN_NAME.finditer(sentence, m.start, m.end):
            if free(f.start(), f.end()):
                used.append((f.start(), f.end()))
                out.append(_Candidate(m.entity, "parameters.total", f.group(), (m.start, m.end),
                                      ["the size is part of the model's name"]))
    for f in _NAMED_SIZE.finditer(sentence):
        if not free(f.start("a"), f.end("a")):
            continue
        i, j = _name_token(sentence, f.start(), f.end("a"))
        name = sentence[i:j]
        if not re.search(r"[A-Za-z가-힣]", sentence[i:f.start()]):
            continue
        used.append((f.start("a"), f.end("a")))
        out.append(_Candidate(name, "parameters.total", f.group("a"), (i, j),
                              [f"the size is part of the name {name!r}, which is not in entities.yaml"]))

    has_word = re.search(_PARAM_WORD, sentence) is not None
    for p in _PAIR.finditer(sentence):
        a, b = p["a"], p["b"]
        qa, qb = _quantity(a), _quantity(b)
        # "700억(70B)": the same number twice, in Korean and Latin units; it is a parameter count when
        # the sentence says so.
        if qa is None or qa != qb or (a[-1] in "BT") == (b[-1] in "BT"):
            continue
        if not (p["pw"] or p["tail"] or has_word or re.match(r"\s?(?:규모의?\s?)?(?:모델|LLM)", sentence[p.end():])):
            continue
        add(a, (p.start(), p.end()), (p.start(), p.end()), [f"also written as {b}"])
    for p in _LIST.finditer(sentence):
        for f in _ONE_FIG.finditer(p["list"]):
            s, e = p.start("list") + f.start(), p.start("list") + f.end()
            add(f.group(), (s, p.end()), (s, e), [])
    for p in _LATIN_MODEL.finditer(sentence):
        add(p["a"], (p.start(), p.end()), (p.start("a"), p.end("a")), [])
    return out


_DL = re.compile(
    rf"{_LEFT}(?P<fig>{_KFIG}|{_K})\s?(?:건|회|번)?\s?(?P<cmp>이상|넘게|넘는|초과|가량|정도|여)?\s?(?:의\s)?"
    r"(?:누적\s?)?(?:다운로드|내려받)"
    r"|(?:다운로드|내려받기)\s?(?:수|횟수|건수)?(?:가|는|도)?\s?(?:누적\s?)?"
    rf"(?P<fig2>{_KFIG}|{_K})\s?(?:건|회|번)?(?:을|를|이|가)?\s?(?P<cmp2>이상|넘게|넘어|넘었|돌파|초과|가량|정도)?"
)
_CMP = {"이상": ">=", "돌파": ">=", "넘게": ">", "넘는": ">", "넘어": ">", "넘었": ">", "초과": ">",
        "가량": "~", "정도": "~", "여": "~"}


def _downloads(sentence: str, mentions: list[_Mention]) -> list[_Candidate]:
    out = []
    for m in _DL.finditer(sentence):
        fig, cmp = (m["fig"], m["cmp"]) if m["fig"] else (m["fig2"], m["cmp2"])
        value = _CMP.get(cmp or "", "") + fig.replace(" ", "")
        if _quantity(value) is None:
            continue
        notes: list[str] = []
        subject = _subject(mentions, (m.start(), m.end()), "downloads", sentence, notes)
        notes.append("say whether this is all-time or a period (the Hub reports both)")
        out.append(_Candidate(subject, "downloads", value, (m.start(), m.end()), notes))
    return out


_MONEY = re.compile(rf"{_LEFT}(?P<fig>{_KFIG}|{_K})\s?(?P<cur>원|달러)(?!장|래|리|칙|료|형)")
_BUDGET_CONTEXT = re.compile(r"예산|지원|편성|투입|할당|규모|사업|비용|펀드|배정|투자|확보|추경")
_NOT_BUDGET = re.compile(r"매출|영업이익|순이익|기업가치|시가총액|연봉|주가|손실|적자")
# Budget items, most specific first; generic words (AI, 모델) only name an item when nothing else does.
_ITEMS: list[tuple[str, str]] = [
    ("피지컬 AI", "physical-ai"), ("펀드", "fund"), ("데이터", "data"), ("GPU", "gpu"), ("그래픽처리장치", "gpu"),
    ("컴퓨팅", "compute"), ("인재", "talent"), ("인력", "talent"), ("교육", "education"), ("반도체", "semiconductor"),
    ("보안", "security"), ("로봇", "robotics"), ("자율주행", "autonomous-driving"), ("의료", "medical"),
    ("연구", "research"), ("인프라", "infrastructure"), ("인공지능", "ai"), ("AI", "ai"), ("LLM", "llm"),
    ("모델", "model"),
]
_GENERIC_ITEMS = {"ai", "llm", "model"}
_ITEM_RE = re.compile("|".join(re.escape(w) for w, _ in _ITEMS))
_ITEM_SLUG = dict(_ITEMS)


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited clause around [start, end) (commas inside parentheses do not count)."""
    depth, commas = 0, []
    for i, ch in enumerate(sentence):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and sentence[i + 1:i + 2] == " ":
            commas.append(i)
    a = max((c for c in commas if c < start), default=-2)
    b = min((c for c in commas if c >= end), default=len(sentence))
    return a + 2, b


def _budget_item(sentence: str, start: int, end: int) -> str | None:
    c0, c1 = _clause_bounds(sentence, start, end)
    if re.search(r"(?:^|[^가-힣])총\s?$", sentence[max(c0, start - 3):start]):
        return "total"
    for lo, hi, before in ((max(c0, start - 30), start, True), (end, min(c1, end + 30), False)):
        found = [(m.start(), _ITEM_SLUG[m.group()]) for m in _ITEM_RE.finditer(sentence, lo, hi)]
        if not found:
            continue
        specific = [f for f in found if f[1] not in _GENERIC_ITEMS] or found
        # The nearest to the figure: the last before it, or the first after it.
        return (specific[-1] if before else specific[0])[1]
    return None


def _budgets(sentence: str, mentions: list[_Mention]) -> list[_Candidate]:
    out: list[_Candidate] = []
    if not _BUDGET_CONTEXT.search(sentence) or _NOT_BUDGET.search(sentence):
        return out
    for m in _MONEY.finditer(sentence):
        value = f"{m['fig']} {m['cur']}"
        if _quantity(value) is None:
            continue
        notes: list[str] = []
        item = _budget_item(sentence, m.start(), m.end())
        if item is None:
            item = "total"
            notes.append("no budget item is named nearby: 'total' is a guess")
        subject = _subject(mentions, (m.start(), m.end()), "budget", sentence, notes)
        out.append(_Candidate(subject, f"budget.{item}", value, (m.start(), m.end()), notes))
    return out


_GPU = re.compile(
    r"(?P<gpu>(?<![A-Za-z0-9])(?:GB|MI|[ABHL])\d{2,4}[A-Z]?(?![A-Za-z0-9])|GPU|그래픽처리장치(?:\(GPU\))?|NPU|TPU)"
    r"(?:인|을|를|가|는)?\s?(?:[A-Za-z가-힣]+\s){0,2}?"
    rf"(?P<n>(?:{_K})(?:\.\d+)?(?:만|천)?)\s?(?:장|개|대)(?:의|과|와|을|를|이|가|은|는|로|으로|에|도)?(?![가-힣])"
    r"(?!\s?(?:팀|곳|사|기업|국가|나라|분야|과제|월))"
)


def _gpus(sentence: str, mentions: list[_Mention]) -> list[_Candidate]:
    out = []
    for m in _GPU.finditer(sentence):
        n = m["n"]
        value: str | int = int(n) if n.isdigit() else n
        notes = [f"GPU: {m['gpu']}"]
        subject = _subject(mentions, (m.start(), m.end()), "gpu.count", sentence, notes)
        out.append(_Candidate(subject, "gpu.count", value, (m.start(), m.end()), notes))
    return out


_OPEN = re.compile(
    r"(?P<os>오픈\s?소스(?:로서?)?\s?(?:공개|전환|배포|풀|출시|개방)"
    r"|오픈\s?소스(?:\s?소프트웨어)?\s?형태로\s?(?:공개|누구나|배포)"
    r"|(?:공개|출시)한\s?오픈\s?소스\s?모델"
    r"|누구나\s?(?:무료로\s?)?(?:다운로드|내려받))"
    r"|(?P<ow>오픈\s?웨이트(?:로서?)?\s?(?:공개|전환|배포|모델)|가중치를?\s?(?:모두\s?)?공개)"
)
_NEGATED = re.compile(r"[가-힣\s]{0,6}(?:않|못|없|아니|안\s)")


def _openness(sentence: str, mentions: list[_Mention]) -> list[_Candidate]:
    out: list[_Candidate] = []
    last_end: int | None = None
    for m in _OPEN.finditer(sentence):
        if (last_end is not None and m.start() <= last_end + 12) or _NEGATED.match(sentence, m.end()):
            continue  # one statement per phrase ("오픈소스 형태로 누구나 다운로드" is one), none when negated
        last_end = m.end()
        prop = "open_source" if m["os"] else "open_weights"
        models = [x for x in mentions if x.kind == "model" and x.end <= m.start()]
        if "모두" in sentence[:m.start()] and len({x.entity for x in models}) > 1:
            for ent in dict.fromkeys(x.entity for x in models):  # "A와 B, C 모두 ... 공개": each of them
                out.append(_Candidate(ent, prop, True, (m.start(), m.end()), []))
            continue
        notes: list[str] = []
        subject = _subject(mentions, (m.start(), m.end()), prop, sentence, notes)
        out.append(_Candidate(subject, prop, True, (m.start(), m.end()), notes))
    return out


# Event words after a date, with their slug; the earlier in this list wins when several follow a date.
_EVENTS: list[tuple[str, str]] = [
    ("마감", "deadline"), ("선정", "selection"), ("선발", "selection"), ("발표회", "presentation"),
    ("착수식", "kickoff"), ("착수", "kickoff"), ("설명회", "briefing"), ("공고", "notice"), ("통과", "passed"),
    ("출범", "launch"), ("평가 결과", "evaluation-results"), ("평가결과", "evaluation-results"),
    ("평가", "evaluation"), ("심사", "review"), ("결과", "results"), ("발표", "announcement"),
    ("공모", "call"), ("시작", "start"), ("개최", "held"), ("접수", "application"),
]
# "선정 기업" (a selected company) and the like use the word as a modifier, not as the event.
_EVENT_RE = re.compile("(?:" + "|".join(re.escape(w) for w, _ in sorted(_EVENTS, key=lambda e: -len(e[0])))
                       + r")(?!\s?(?:기업|팀|업체|곳|사\b|대상|기준|작업|요건|방식))")
# A clause ends at a connective verb form; a date before it does not date what follows
# ("12일 업계에 따르면 … 공모는": the 12th is when the industry spoke).
_CONNECTIVE = re.compile(r"(?:따르면|의하면|하고|되고|내고|했고|하며|되며|이며|으며|하면|지만|는데|하여|해서|면서)(?=\s)")
_EVENT_RANK = {w: i for i, (w, _) in enumerate(_EVENTS)}
_EVENT_SLUG = dict(_EVENTS)
_FOUNDED = re.compile(r"설립|창업|창립")
_RELEASED = re.compile(r"(?<!결과를 )(?<!보도자료를 )(?:공개|출시|선보|내놓|오픈\s?소스로\s?전환)")
_PAST = re.compile(r"(?:공개|출시|선보|내놓|전환|설립|창업|창립)(?:한|했|된|됐|하였|되었|돼)|선보인|선보였|내놓은|내놨")
_MODEL_WORD = re.compile(r"모델|LLM|언어모델|sLM|model", re.I)


def _dated(sentence: str, mentions: list[_Mention], published: date) -> list[_Candidate]:
    out: list[_Candidate] = []
    found = find_dates(sentence, published)
    for i, d in enumerate(found):
        stop = min([d.end + _WINDOW, *([found[i + 1].start] if i + 1 < len(found) else [])])
        comma = sentence.find(", ", d.end, stop)
        window_end = comma if comma >= 0 else stop
        conn = _CONNECTIVE.search(sentence, d.end, window_end)
        if conn:
            window_end = conn.end()
        window = sentence[d.end:window_end]
        cand = _founded(sentence, d, window, mentions, published) or \
            _released(sentence, d, window, mentions, published) or _event(sentence, d, window, mentions, published)
        if cand:
            out.append(cand)
    return out


def _date_notes(d: DateMention, published: date) -> list[str]:
    note = d.note(published)
    return [note] if note else []


def _founded(sentence: str, d: DateMention, window: str, mentions: list[_Mention], published: date):
    m = _FOUNDED.search(window)
    if not m or d.until:
        return None
    span = (d.start, d.end + m.end())
    if _PAST.match(sentence, d.end + m.start()):
        d = as_past(d, published)
    notes = _date_notes(d, published)
    subject = _subject(mentions, (d.start, d.end), "founded", sentence, notes)
    return _Candidate(subject, "founded", d.value, span, notes)


def _released(sentence: str, d: DateMention, window: str, mentions: list[_Mention], published: date):
    m = _RELEASED.search(window)
    if not m or d.until:
        return None
    span = (d.start, d.end + m.end())
    # Only models: the same words announce architectures, reports and results.
    model_named = any(x.kind == "model" and x.start < span[1] + 30 for x in mentions)
    if not (model_named or _MODEL_WORD.search(sentence, d.end, span[1] + 25)):
        return None
    if _PAST.match(sentence, d.end + m.start()):
        d = as_past(d, published)
    notes = _date_notes(d, published)
    subject = _subject(mentions, span, "release_date", sentence, notes)
    if subject == TODO:
        q = re.search(r"['‘\"“]([^'’\"”]{1,40})['’\"”]", sentence[span[0]:span[1] + 25])
        if q:
            subject = q[1]
            notes.append(f"subject {q[1]!r} is the name the article gives; it is not in entities.yaml")
    return _Candidate(subject, "release_date", d.value, span, notes)


def _event(sentence: str, d: DateMention, window: str, mentions: list[_Mention], published: date):
    found = list(_EVENT_RE.finditer(window))
    if not found:
        return None
    m = min(found, key=lambda x: (_EVENT_RANK[x.group()], x.start()))
    if d.until and m.group() != "마감":
        return None  # "2027년까지 선발": an upper bound, not the event's date
    slug = _EVENT_SLUG[m.group()]
    before = window[:m.start()]
    if (n := re.search(r"(\d)\s?차\s?(?:단계\s?)?$", before)) or re.search(r"첫\s?(?:단계\s?)?$", before):
        slug = f"phase{n[1] if n else 1}-{slug}"
    elif re.search(r"추가\s?$", before):
        slug = f"additional-{slug}"
    span = (d.start, d.end + m.end())
    notes = _date_notes(d, published)
    subject = _subject(mentions, (d.start, d.end), "event", sentence, notes)
    return _Candidate(subject, f"event.{slug}", d.value, span, notes)


# -------------------------------------------------------------------------------------------------
# quotes and ids

def _quote(sentence: str, span: tuple[int, int]) -> str:
    """The clause around ``span``, cut at whole words: at most _BEFORE characters before the span, and
    after it up to the first connective or _AFTER characters."""
    start, end = span
    c0, c1 = _clause_bounds(sentence, start, end)
    c0, c1 = min(c0, start), max(c1, end)
    conn = _CONNECTIVE.search(sentence, end, c1)
    if conn:
        c1 = conn.end()
    if start - c0 > _BEFORE:
        sp = sentence.find(" ", start - _BEFORE, start)
        c0 = sp + 1 if sp >= 0 else c0
    if c1 - end > _AFTER:
        sp = sentence.find(" ", end + _AFTER)
        c1 = sp if 0 <= sp < c1 else c1
    return sentence[c0:c1].strip().rstrip(",").strip()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # Dots may stay inside an id ("motif-2.6b"), as the registry's ids have them.
    slug = re.sub(r"[^a-z0-9]+", lambda m: "." if m.group() == "." else "-", ascii_text)
    return slug.strip("-.")


_PROP_SLUG = {"parameters.total": "parameters", "release_date": "release", "open_source": "open-source",
              "open_weights": "open-weights", "downloads": "downloads", "founded": "founded", "gpu.count": "gpus"}


def _claim_id(subject: str, prop: str, taken: set[str]) -> str:
    p = _PROP_SLUG.get(prop) or _slug((prop.split(".", 1)[1] if prop.startswith("event.") else prop).replace(".", "-"))
    s = "" if subject == TODO else _slug(subject)
    base = f"{s}-{p}" if s else p
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    return cid


# -------------------------------------------------------------------------------------------------

def propose(text: str, published: date, entities: EntityIndex | None = None) -> list[Proposal]:
    """Candidate claims of ``text`` (published on ``published``), in reading order, without duplicates."""
    names = _Names(entities)
    whole = normalise(text)
    out: list[Proposal] = []
    seen: set[tuple[str, str, str]] = set()
    taken: set[str] = set()
    for sentence in sentences(text):
        mentions = names.find(sentence)
        used: list[tuple[int, int]] = []
        cands = [*_parameters(sentence, mentions, used), *_downloads(sentence, mentions),
                 *_budgets(sentence, mentions), *_gpus(sentence, mentions), *_openness(sentence, mentions),
                 *_dated(sentence, mentions, published)]
        cands.sort(key=lambda c: c.span)
        for c in cands:
            key = (c.subject, c.property, str(c.value))
            if key in seen:
                continue
            quote = _quote(sentence, c.span)
            if not quote or quote not in whole:  # the quote checker must find it again
                continue
            seen.add(key)
            if c.subject == TODO and not any("not named" in n for n in c.notes):
                c.notes.insert(0, "subject not found: name it")
            out.append(Proposal(_claim_id(c.subject, c.property, taken), c.subject, c.property, c.value, quote,
                                "; ".join(c.notes) or None))
    return out
