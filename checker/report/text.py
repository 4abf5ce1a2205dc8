"""The terminal report: a table of verdicts with their one-line explanations, worst first, then the evidence
behind every verdict (method, value, URL, revision), the differences inside the evidence, and the summary line
(once). Claim ids are global, shortened to the claim's own id only where that is unique in the report. Every
line is wrapped to ``options.width`` at spaces: no word is ever split (a URL longer than a line stays whole).

Built from plain strings (no rich: it cost seconds per 10,000 findings and ~35 ms of imports); colour is ANSI
SGR codes written here, only when ``options.color`` (the CLI decides that from the TTY, NO_COLOR and
FORCE_COLOR). Widths are terminal cells: East Asian wide and fullwidth characters count two, combining marks
none (:func:`cell_len`). The report needs every finding before its first line (worst first, columns sized
to every row), so :class:`TextWriter` keeps of each finding only what it shows, and writes the report at
the end in chunks."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import Any

from checker.engine.findings import EvidenceNote, Finding, RelatedClaim, Report, Summary
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS, Verdict
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, related_rest, summary_line, worst_key
from checker.report.streaming import Tally
from checker.report.verdicts import LOOK

#: Below this many columns the six-column table wraps too much: one block per finding instead.
NARROW = 100

#: SGR parameter of each style word a verdict look or this module uses (attributes before colours, as
#: terminals and rich write them).
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "blue": "34",
        "magenta": "35", "cyan": "36"}


@lru_cache(maxsize=64)
def sgr(style: str) -> str:
    """The ANSI escape that starts ``style`` (``"bold red"`` -> ``ESC[1;31m``); KeyError for a word without
    an SGR code here (so a new verdict style fails at import, below)."""
    codes = sorted((_SGR[word] for word in style.split()), key=lambda c: (len(c), c))
    return f"\x1b[{';'.join(codes)}m"


VERDICT_STYLE: dict[Verdict, str] = {v: LOOK[v].style for v in VERDICTS}
_VERDICT_SGR: dict[Verdict, str] = {v: sgr(style) for v, style in VERDICT_STYLE.items()}  # fails on a new style
_RESET = "\x1b[0m"

Segment = tuple[str, str]  # text, style ("" for none)
Line = list[Segment]


# -- cell widths ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)  # one entry per distinct character: bounded by Unicode
def char_width(ch: str) -> int:
    """Terminal cells of one character: 2 for East Asian wide/fullwidth, 0 for combining marks, format
    characters (zero-width joiners) and Hangul medial/final jamo, else 1 (as wcwidth)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch != "\u00ad" or "\u1160" <= ch <= "\u11ff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


#: Characters two cells wide, counted without a look at each (Hangul syllables and compatibility jamo, CJK
#: ideographs): every one is :func:`char_width` 2 (a test checks).
_WIDE = re.compile("[\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff]+")


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes (ASCII: its length; else its length corrected for the characters that
    are not one cell wide: the common wide ones by a regular expression, the others per distinct character)."""
    if text.isascii():
        return len(text)
    rest = _WIDE.sub("", text)
    cells = 2 * len(text) - len(rest)
    if not rest.isascii():
        for ch in set(rest):
            if ch > "\x7f" and (width := char_width(ch)) != 1:
                cells += (width - 1) * rest.count(ch)
    return cells


@lru_cache(maxsize=None)
def _plain_char(ch: str) -> bool:
    return ch == " " or (ch.isprintable() and not ch.isspace() and char_width(ch) == 1)


#: Cells of a word (or any text), remembered: the words of wide text recur (names, quotes, explanations).
_word_cells = lru_cache(maxsize=16384)(cell_len)


def _word_ends(words: list[str]) -> tuple[list[int], list[int]]:
    """For words that ``" ".join`` makes a text: the cells before each word starts (one more entry: the
    cells of the text and a space), and the cells up to each word's end."""
    sizes = list(map(_word_cells, words))
    starts = list(accumulate(map(add, sizes, repeat(1)), initial=0))
    return starts, list(map(add, starts, sizes))


def _one_cell(text: str) -> bool:
    """Every character of ``text`` one cell wide (then cells are offsets: the fast paths)."""
    return text.isascii() or all(char_width(ch) == 1 for ch in set(text))


def _simple(text: str) -> bool:
    """One cell per character and ' ' the only whitespace, no controls (the fast paths)."""
    return text.isprintable() if text.isascii() else all(map(_plain_char, set(text)))


# -- wrapping ------------------------------------------------------------------------------------------------

def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces; a word longer than a line is broken
    after a ``/``, ``-`` or a ``.`` before a letter (as browsers do), never elsewhere: without one it stays
    whole."""
    printable = text.isprintable()  # then " " is its only whitespace
    if printable and "  " not in text and text[:1] != " " and text[-1:] != " ":
        s = text  # as " ".join(text.split()) would make it (most text is)
    else:
        s = " ".join(text.split())  # then " " is the only whitespace
        printable = s.isprintable()
    if s.isascii():
        return _wrap_spaced(s, width)
    if printable:  # wide or zero-width characters: the words' cells (they recur), a line at a time
        return _wrap_words_by_cells(s, width)
    return _wrap_spaced(s, width, None if _one_cell(s) else [0, *accumulate(map(char_width, s))])


def _wrap_words_by_cells(s: str, width: int) -> list[str]:
    """:func:`wrap_words` of text with single spaces (its only whitespace), word by word: the cells before
    each word from the words' cells, the most words that fit found by a bisection."""
    words = s.split(" ")
    starts = list(accumulate(map(add, map(_word_cells, words), repeat(1)), initial=0))  # cells before each
    lines: list[str] = []
    at, n = 0, len(words)
    while at < n:
        # end: the most words from at that fit (the cells of words[at:end] with their spaces)
        end = bisect_right(starts, starts[at] + width + 1) - 1
        if end == at:  # the word starting the line is longer than a line: broken into pieces
            return lines + _wrap_words_cells(" ".join(words[at:]), width)
        lines.append(" ".join(words[at:end]))
        at = end
    return lines


def _wrap_spaced(s: str, width: int, cells: list[int] | None = None) -> list[str]:
    """:func:`wrap_words` of text with single spaces; ``cells[i]``: the cells of ``s[:i]`` (None for one-cell
    text, where cells are offsets)."""
    total = len(s) if cells is None else cells[-1]
    if total <= width:
        return [s]
    lines: list[str] = []
    at = 0
    while total - (at if cells is None else cells[at]) > width:
        # end: the most characters from at that fit in width cells
        end = at + width if cells is None else bisect_right(cells, cells[at] + width) - 1
        if s[end] == " ":  # the word before fills the line exactly
            lines.append(s[at:end])
            at = end + 1
            continue
        space = s.rfind(" ", at, end)
        if space < 0:  # the word starting the line is longer than a line: broken into pieces
            return lines + _wrap_words_cells(s[at:], width)
        lines.append(s[at:space])
        at = space + 1
    lines.append(s[at:])
    return lines


def _wrap_words_cells(text: str, width: int) -> list[str]:
    """:func:`wrap_words` word by word, counting cells (any text)."""
    measure = len if _one_cell(text) else cell_len
    lines: list[str] = []
    line = ""
    used = 0  # cells of line
    for word in text.split():
        size = measure(word)
        if (used + 1 + size if line else size) <= width:
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
            continue
        if line:
            lines.append(line)
            line, used = "", 0
        line, used = _add_pieces(lines, line, used, _pieces(word) if size > width else (word,), width, measure)
    lines.append(line)
    return lines


def _add_pieces(lines: list[str], line: str, used: int, pieces: Iterable[str], width: int,
                measure: Callable[[str], int] = len) -> tuple[str, int]:
    """``pieces`` of a word added to the open ``line`` (``used`` cells): a piece that does not fit starts a new
    line (the finished ones are appended to ``lines``); the open line and its cells."""
    for piece in pieces:
        size = measure(piece)
        if line and used + size > width:
            lines.append(line)
            line, used = "", 0
        line += piece
        used += size
    return line, used


_BREAK_AFTER = re.compile(r"(?<=[/-])(?=[^/-])|(?<=\.)(?=[a-z])")  # after / and -, and a dot before a letter


def _pieces(word: str) -> tuple[str, ...]:
    """``word`` cut after each ``/`` or ``-`` followed by more text, and each ``.`` followed by a letter (a
    dotted property name; never inside a figure such as 2.6B)."""
    head, slash, tail = word.partition("/")
    if slash and tail[:1] not in ("", "/", "-"):  # a cut after the slash: global claim ids, repo ids, URLs
        return _pieces_of(head + slash) + _pieces_of(tail)
    return _pieces_of(word)


@lru_cache(maxsize=4096)  # source ids, claim ids and repo names recur
def _pieces_of(word: str) -> tuple[str, ...]:
    return tuple(_BREAK_AFTER.split(word))


_TOKEN = re.compile(r"\S+\s*")
_WORD_SPACE = re.compile(r"(\S+)\s*")  # _TOKEN, its word a group
_NOT_SPACE = re.compile(r"[^ ]")


def _cuts(plain: str, width: int) -> tuple[int, list[int]]:
    """Where ``plain`` is cut into lines of at most ``width`` cells: its indent (leading spaces) and the
    offsets of the words that start a continuation line (indented two more than the first). A line always
    keeps its first word, however long."""
    indent = len(plain) - len(plain.lstrip(" "))
    if width > indent + 2:
        if _simple(plain):
            return indent, _cuts_simple(plain, width, indent)
        if plain.isprintable():  # ' ' the only whitespace, some characters wide or zero-width: by cells
            return indent, _cuts_wide(plain, width, indent)
    cuts: list[int] = []
    used = indent
    cells = list(accumulate(map(char_width, plain), initial=0))  # cells[i]: the cells of plain[:i]
    for match in _WORD_SPACE.finditer(plain, indent):
        start = match.start()
        if used > indent + 2 * bool(cuts) and used + cells[match.end(1)] - cells[start] > width:
            cuts.append(start)
            used = indent + 2
        used += cells[match.end()] - cells[start]
    return indent, cuts


def _cuts_simple(plain: str, width: int, indent: int, cells: list[int] | None = None) -> list[int]:
    """:func:`_cuts` for text whose only whitespace is ' ', a line at a time: a word starting after the line's
    first goes to the next line when it ends beyond the line's last column. ``cells[i]``: the cells of
    ``plain[:i]`` (None: one cell per character)."""
    cuts: list[int] = []
    at, used = indent, indent  # where the current line's first word starts; cells before it
    n = len(plain)
    while True:
        # a word ending after this offset does not fit (cells never decrease: a bisection finds it)
        limit = at + width - used if cells is None else bisect_right(cells, cells[at] + width - used) - 1
        if limit >= n:
            return cuts
        if plain[limit] == " ":
            nxt = _NOT_SPACE.search(plain, limit)
        else:
            space = plain.rfind(" ", at, limit)
            if space >= 0:
                cuts.append(space + 1)
                at, used = space + 1, indent + 2
                continue
            # the line's first word runs past the limit: it stays whole, the next word starts a line
            space = plain.find(" ", limit)
            nxt = None if space < 0 else _NOT_SPACE.search(plain, space)
        if nxt is None:
            return cuts
        cuts.append(nxt.start())
        at, used = nxt.start(), indent + 2


def _cuts_wide(plain: str, width: int, indent: int) -> list[int]:
    """:func:`_cuts_simple` counting cells word by word (the words' cells recur): a line's words are those
    that end within its last column, and at least its first."""
    words = plain.split(" ")  # "" where spaces follow one another, and for each space of the indent
    starts, ends = _word_ends(words)
    offsets = list(accumulate(map(add, map(len, words), repeat(1)), initial=0))  # where each word starts
    cuts: list[int] = []
    first, used, n = indent, indent, len(words)  # the current line's first word; cells before it
    while True:
        # the first word after the line's first that ends beyond the line's last column starts the next
        # line (ends never decrease: a bisection finds it); "" words, between spaces, start nothing
        at = bisect_right(ends, starts[first] + width - used, first + 1)
        while at < n and not words[at]:
            at += 1
        if at >= n:
            return cuts
        cuts.append(offsets[at])
        first, used = at, indent + 2


class _Writer:
    """The report's lines, wrapped to the width, painted when colour is on."""

    REMEMBER = 4096  # objects whose lines :meth:`cached` remembers (findings on the same repo come together)

    def __init__(self, options: RenderOptions):
        self.width = max(40, options.width)
        self.color = options.color
        self.lines: list[str] = []
        self._seen: dict[int, tuple[object, list[str]]] = {}

    def paint(self, text: str, style: str) -> str:
        if not (self.color and style and text):
            return text
        return f"{sgr(style)}{text}{_RESET}"

    def blank(self) -> None:
        self.lines.append("")

    def add(self, text: str, style: str = "") -> None:
        """One line of a single style, cut where it is wider than the terminal."""
        if len(text) <= self.width and (text.isascii() or 2 * len(text) <= self.width):  # it fits as it is
            self.lines.append(f"{sgr(style)}{text}{_RESET}" if self.color and style and text else text)
        else:
            self.text([(text, style)])

    def add_measured(self, text: str, cells: int, style: str = "") -> None:
        """:meth:`add` of a line whose cells are known (``cell_len(text)``)."""
        if cells <= self.width:
            self.lines.append(f"{sgr(style)}{text}{_RESET}" if self.color and style and text else text)
        else:
            self.text([(text, style)])

    def cached(self, obj: object, render: Callable[[_Writer, Any], None]) -> None:
        """The lines ``render(self, obj)`` adds, rendered once per object: facts and related claims are
        shared by the findings on the same repo and property."""
        seen = self._seen.get(id(obj))
        if seen is None:
            start = len(self.lines)
            render(self, obj)
            if len(self._seen) >= self.REMEMBER:  # the objects are kept: not all of a large report's
                self._seen.clear()
            self._seen[id(obj)] = (obj, self.lines[start:])  # obj kept: its id is not reused meanwhile
        else:
            self.lines += seen[1]

    def text(self, line: Line) -> None:
        """One logical line, cut at spaces where it is wider than the terminal (styles kept)."""
        plain = line[0][0] if len(line) == 1 else "".join(text for text, _ in line)
        if cell_len(plain) <= self.width:
            if not self.color:
                self.lines.append(plain)
            else:
                self.lines.append("".join(self.paint(text, style) for text, style in line))
            return
        indent, cuts = _cuts(plain, self.width)
        bounds = [0, *cuts, len(plain)]
        prefix = " " * (indent + 2)
        for i in range(len(bounds) - 1):
            start = bounds[i]
            end = start + len(plain[start:bounds[i + 1]].rstrip())
            body = plain[start:end] if not self.color else self._painted(line, start, end)
            self.lines.append(prefix + body if i else body)

    def _painted(self, line: Line, start: int, end: int) -> str:
        out: list[str] = []
        at = 0
        for text, style in line:
            lo, hi = max(start, at), min(end, at + len(text))
            if lo < hi:
                out.append(self.paint(text[lo - at:hi - at], style))
            at += len(text)
        return "".join(out)

    def take(self) -> str:
        """The lines so far as text (each ending in a newline), and a fresh start."""
        text = "\n".join(self.lines) + "\n" if self.lines else ""
        self.lines = []
        return text


# -- the report ----------------------------------------------------------------------------------------------

def format_text(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """The report as terminal text (a table, or one block per finding when ``options.compact``)."""
    writer = TextWriter(None, options)
    for finding in report.findings:
        writer.add(finding)
    return "".join(writer.end(report.evidence_notes, report.summary))


# What the report shows of one finding, kept until the end (the finding itself is not): a tuple (it goes
# through a :class:`Spool`) of its table cells and its evidence lines already laid out (they depend on
# nothing else; one string, the lines joined by newlines: fewer objects to spool). The fields, by position:
_VERDICT, _DRIFT, _EXPECT, _CLAIM, _SUBJECT, _PROPERTY, _VALUE, _EXPLANATION, _REASON, _BACKED, _DETAILS = range(11)
Entry = tuple[Any, ...]


class _Widths:
    """What the table's column widths depend on, gathered as the findings come (:func:`_column_widths`):
    per column the cells of its widest text and of its widest word (or piece of a word, where words break
    after ``/``, ``-`` and ``.``); claim ids per local id (shown as the local id only where that is unique)."""

    FOLD = 4096  # rows between foldings of the distinct texts held into the widths (their memory bounded)

    def __init__(self) -> None:
        self.verdicts: set[str] = set()
        # local claim id -> (claims with it, widest global id, widest piece of a global id's words)
        self.local: dict[str, tuple[int, int, int]] = {}
        self.text = {"subject": 0, "property": 0, "declared": 0}
        self.word = {"subject": 0, "property": 0, "declared": 0}
        # the distinct texts of each of those columns since the last folding: names, properties and values
        # recur, so their widths are looked at once per distinct text, not once per row
        self.held: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        self.rows = 0
        self.explanation = 0  # widest piece of a word of an explanation (or "* expected ...")

    def add(self, e: Entry) -> None:
        self.verdicts.add(e[_VERDICT] + " *" if e[_DRIFT] else e[_VERDICT])
        claim_id = e[_CLAIM]
        local = claim_id.rpartition("/")[2]
        got = self.local.get(local)
        length, piece = _id_stats(claim_id)
        self.local[local] = (1, length, piece) if got is None else (got[0] + 1, max(got[1], length),
                                                                     max(got[2], piece))
        subjects, properties, values = self.held
        subjects.add(e[_SUBJECT])
        properties.add(e[_PROPERTY])
        values.add(e[_VALUE])
        self.rows += 1
        if self.rows % self.FOLD == 0:
            self._fold()
        self.explanation = _widest_piece(e[_EXPLANATION], self.explanation)
        if e[_DRIFT] and e[_EXPECT]:
            self.explanation = _widest_piece(f"* expected {e[_EXPECT]}", self.explanation)

    def _fold(self) -> None:
        """The held texts' widths into the columns' widths; the texts let go."""
        for name, texts, pieces in zip(("subject", "property", "declared"), self.held, (False, True, False)):
            for text in texts:
                length, word, piece = _stats(text)
                if length > self.text[name]:
                    self.text[name] = length
                word = piece if pieces else word
                if word > self.word[name]:
                    self.word[name] = word
            texts.clear()

    def shown(self) -> dict[str, bool]:
        """Local id -> whether it is shown as it is (no other claim has it)."""
        return {local: got[0] == 1 for local, got in self.local.items()}

    def columns(self, width: int) -> list[int] | None:
        """The column widths (:func:`_column_widths`)."""
        self._fold()
        claim_text = claim_word = 0
        for local, (count, length, piece) in self.local.items():
            if count == 1:
                length, _, piece = _stats(local)
            claim_text, claim_word = max(claim_text, length), max(claim_word, piece)
        text = {"claim": claim_text, **self.text}
        word = {"claim": claim_word, **self.word}
        return _column_widths(max(map(cell_len, self.verdicts), default=0), text, word, self.explanation, width)


def _stats_of(text: str) -> tuple[int, int, int]:
    """Cells of ``text``, of its widest word and of its widest piece of a word (:func:`_pieces`)."""
    if text.isascii():  # cells are characters; a word without / - . is one piece
        widest = piece = 0
        for word in text.split():
            n = len(word)
            if n > piece:
                if n > widest:
                    widest = n
                if "/" in word or "-" in word or "." in word:
                    n = max(map(len, _pieces(word)))
                    if n > piece:
                        piece = n
                else:
                    piece = n
        return len(text), widest, piece
    words = set(text.split())
    return (cell_len(text), max(map(cell_len, words), default=0), max(map(_longest_piece, words), default=0))


_stats = lru_cache(maxsize=4096)(_stats_of)  # names, properties, values and explanations recur


def _widest_piece(text: str, widest: int) -> int:
    """The cells of the widest piece of a word of ``text`` (:func:`_pieces`), or ``widest`` when that is
    more: only the words that could be wider are looked at, found in the runs of characters between spaces
    that are longer (a regular expression that starts at a space: it skips to the next one)."""
    if text.isascii():
        if len(text) <= widest:
            return widest
        longer = widest
    else:
        longer = widest // 2  # a word wider than widest cells is longer than this (a character is at most two)
    for run in _runs_longer_than(longer).findall(" " + text):
        for word in run.split():  # a run may hold other whitespace
            if len(word) > longer:
                widest = max(widest, _longest_piece(word))
    return widest


@lru_cache(maxsize=256)
def _runs_longer_than(chars: int) -> re.Pattern[str]:
    return re.compile(r" [^ ]{%d,}" % (chars + 1))


def _id_stats(claim_id: str) -> tuple[int, int]:
    """Cells of a global claim id and of its widest piece (:func:`_stats_of`), from the pieces of its source
    id and of its local id, which recur (the global id does not)."""
    head, slash, tail = claim_id.partition("/")
    if slash:
        head_piece, tail_piece = _head_piece(head), _tail_piece(tail)
        if head_piece >= 0 and tail_piece >= 0:
            return len(claim_id), max(head_piece, tail_piece)
    length, _, piece = _stats_of(claim_id)
    return length, piece


@lru_cache(maxsize=4096)
def _head_piece(head: str) -> int:
    """Characters of the longest piece of a source id and its slash (:func:`_id_stats`); -1 unless it is
    plain (:func:`_plain_id`)."""
    return _longest_piece_of(head + "/") if _plain_id(head) else -1


@lru_cache(maxsize=4096)
def _tail_piece(tail: str) -> int:
    """Characters of the longest piece of a local id (:func:`_id_stats`); -1 unless it is plain
    (:func:`_plain_id`) and starts a piece of its own (not after a "/" or "-" that joins the slash)."""
    return _longest_piece_of(tail) if tail[:1] not in ("", "/", "-") and _plain_id(tail) else -1


@lru_cache(maxsize=4096)
def _longest_piece_of(text: str) -> int:
    """Characters of the longest of :func:`_pieces_of` ``text`` (ASCII)."""
    return max(map(len, _pieces_of(text)))


class TextWriter:
    """The text report from a stream of findings (:class:`checker.report.streaming.ChunkWriter`): each finding
    is kept as the few strings it shows (an entry; facts and related claims shared by many findings are laid
    out once) in a :class:`~checker.report.spool.Spool` by rank (on disk when there are many), the table's
    column widths are gathered as they come (:class:`_Widths`), and the report, worst first, is written at
    the end in chunks. ``format_text`` is the join of the chunks."""

    CHUNK = 1024  # lines (a finding's evidence lines count as one: they are kept as one string)

    def __init__(self, head: object, options: RenderOptions):
        from checker.report.spool import Spool

        self.options = options
        self.out = _Writer(options)
        self.entries = Spool()
        self.widths = _Widths()
        self.tally = Tally()  # what the summary line counts
        self.backed = 0  # findings with evidence or related claims

    def begin(self) -> str:
        return ""

    def add(self, finding: Finding) -> str:
        out = self.out
        out.lines = []
        _details(out, finding)
        entry = (finding.verdict, finding.drift, finding.expect, finding.claim_id, finding.subject.name,
                 finding.property, _display(finding.value), finding.explanation,
                 format(finding.reason), bool(finding.evidence or finding.related), "\n".join(out.lines))
        self.entries.add(worst_key(finding), entry)
        self.widths.add(entry)
        self.tally.add(finding)
        self.backed += bool(finding.evidence or finding.related)
        return ""

    def end(self, notes: list[EvidenceNote], summary: Summary | None = None) -> Iterator[str]:
        """The report, chunk by chunk (its summary line counts the findings given to :meth:`add`)."""
        try:
            yield from self._end(notes)
        finally:
            self.entries.close()

    def _end(self, notes: list[EvidenceNote]) -> Iterator[str]:
        options, out, entries = self.options, self.out, self.entries
        out.lines = []
        total = self.tally.total
        shown = self.widths.shown()
        widths = None if options.compact or options.width < NARROW or not total else self.widths.columns(out.width)
        if not total:
            out.text([("No claims to report.", "")])
        elif widths is None:
            for i, entry in enumerate(entries):
                if i:
                    out.blank()
                _finding_block(out, entry, shown)
                if len(out.lines) > self.CHUNK:
                    yield out.take()
        else:
            for lines in _table(entries, shown, widths, out):
                out.lines += lines
                if len(out.lines) > self.CHUNK:
                    yield out.take()
            # the evidence behind every verdict, worst first (a bare "no evidence" adds nothing to the row)
            if self.backed:
                out.blank()
                out.text([("Evidence", "bold")])
                for entry in entries:
                    if entry[_BACKED]:
                        _evidence_block(out, entry, shown)
                        if len(out.lines) > self.CHUNK:
                            yield out.take()
        if notes:
            out.blank()
            out.text([("Differences inside the evidence", "bold")])
            for note in notes:
                _note_block(out, note)
        if not (options.compact and total == 1):
            out.blank()
            out.text([(summary_line(self.tally.summary()), "bold")])
        yield out.take()


def _shown_id(claim_id: str, shown: dict[str, bool]) -> str:
    """The claim id as the report shows it: its local id where no other claim has that."""
    local = claim_id.rpartition("/")[2]
    return local if shown[local] else claim_id


COLUMNS = ("verdict", "claim", "subject", "property", "declared", "explanation")


def _table(entries: Iterable[Entry], shown: dict[str, bool], widths: list[int], out: _Writer) -> Iterator[list[str]]:
    """The findings table's lines, a row at a time: every cell wrapped to its column at spaces, two spaces
    between columns."""
    left = len(COLUMNS) - 1
    cells = [_Column(w, out.color, remember=i != 1) for i, w in enumerate(widths[:left])]  # claim ids: unique
    verdict_cell, claim_cell, subject_cell, property_cell, value_cell = cells
    indent = "".join(cell.blank for cell in cells)
    width = widths[left]
    yield _row([cell.lines(name, "bold") for cell, name in zip(cells, COLUMNS)], [out.paint(COLUMNS[left], "bold")],
               cells, indent)
    verdict_lines: dict[tuple[str, bool], tuple[str, ...]] = {}
    for e in entries:
        verdict = e[_VERDICT]
        shown_verdict = verdict_lines.get((verdict, e[_DRIFT]))
        if shown_verdict is None:
            shown_verdict = verdict_lines[verdict, e[_DRIFT]] = verdict_cell.lines(
                verdict + " *" if e[_DRIFT] else verdict, VERDICT_STYLE[verdict])
        row = (shown_verdict,
               claim_cell.lines(_shown_id(e[_CLAIM], shown)), subject_cell.lines(e[_SUBJECT]),
               property_cell.lines(e[_PROPERTY]), value_cell.lines(e[_VALUE]))
        explanation = e[_EXPLANATION]
        text: Sequence[str] = (wrap_words(explanation, width) if len(explanation) > 64
                               else _wrap_cached(explanation, width))
        if e[_DRIFT] and e[_EXPECT]:
            text = [*text, *(out.paint(line, "bold") for line in wrap_words(f"* expected {e[_EXPECT]}", width))]
        if len(row[0]) == len(row[1]) == len(row[2]) == len(row[3]) == len(row[4]) == 1:  # nearly every row
            first = row[0][0] + row[1][0] + row[2][0] + row[3][0] + row[4][0] + text[0]
            yield [first, *(indent + line for line in text[1:])] if len(text) > 1 else [first]
        else:
            yield _row(row, text, cells, indent)


def _row(row: Sequence[tuple[str, ...]], text: Sequence[str], cells: list[_Column], indent: str) -> list[str]:
    """The lines of one table row: its left cells' lines (padded) side by side, then the explanation's; a
    line ends after its last cell (no padding after it). ``indent``: the left cells' width in spaces."""
    tall = max(map(len, row))
    padded = [col if len(col) == tall else col + (cell.blank,) * (tall - len(col)) for col, cell in zip(row, cells)]
    left = list(map("".join, zip(*padded)))
    lines = [head + line for head, line in zip(left, text)]
    if len(text) > tall:  # only the explanation goes on
        lines += [indent + line for line in text[tall:]]
    else:  # only left cells go on: a line ends after its last one (a wrapped cell's line past the first is never
        # blank, and the explanation has a first line, so stripping the padding stops inside that last cell; a
        # cell's text never ends in whitespace, so rstrip() strips the padding alone, and much faster than
        # rstrip(" "), which looks each stripped character up in its argument)
        lines += [head.rstrip() for head in left[len(text):]]
    return lines


class _Column:
    """One of the table's left columns: a cell's text wrapped, each line padded to the column's width and
    two spaces (its lines remembered: names, properties and values recur on many rows)."""

    def __init__(self, width: int, color: bool, remember: bool = True):
        self.width = width
        self.color = color
        self.blank = " " * (width + 2)
        self._seen: dict[tuple[str, str], tuple[str, ...]] = {}
        self._remember = 65536 if remember else 0
        self._plain: dict[str, tuple[str, ...]] = {}  # unstyled text -> its lines
        self._heads: dict[str, tuple[tuple[str, ...], str, int] | None] = {}  # source id -> its pieces packed
        self._tails: dict[tuple[int, str], tuple[str, tuple[str, ...]]] = {}  # (cells, local id) -> how it goes on

    def lines(self, text: str, style: str = "") -> tuple[str, ...]:
        if not style and self._remember:  # names, properties and values recur: one look-up
            got = self._plain.get(text)
            if got is None:
                got = self._lines(text, style)
                if len(self._plain) < self._remember:
                    self._plain[text] = got
            return got
        return self._lines(text, style)

    def _lines(self, text: str, style: str) -> tuple[str, ...]:
        if (not style and len(text) <= self.width and text.isascii() and text.isprintable() and "  " not in text
                and text[:1] != " " and text[-1:] != " "):  # one line as it is (wrap_words would say so)
            return (text + " " * (self.width - len(text) + 2),)
        if not (style or self._remember):  # a global claim id
            got = self._claim_id(text)
            if got is not None:
                return got
        got = self._seen.get((text, style))
        if got is None:
            paint = self.color and style
            got = tuple((f"{sgr(style)}{line}{_RESET}" if paint and line else line)
                        + " " * (self.width - cell_len(line) + 2) for line in wrap_words(text, self.width))
            if len(self._seen) < self._remember:
                self._seen[text, style] = got
        return got


    def _claim_id(self, text: str) -> tuple[str, ...] | None:
        """:func:`wrap_words` of a global claim id longer than the column (ASCII, no space: its pieces
        packed, :func:`_wrap_words_cells`); None for any other text. The source id's lines are remembered,
        and so is how a local id's pieces go on from where a source id's leave off (local ids recur in many
        sources): a row only joins them."""
        if len(text) <= self.width:
            return None
        head, slash, tail = text.partition("/")
        if not slash:
            return None
        state = self._heads.get(head)
        if state is None:
            state = self._heads[head] = self._head_state(head + slash) if _plain_id(head) else None
            if state is None:
                return None
        done, line, used = state
        plan = self._tails.get((used, tail))
        if plan is None:
            if tail[:1] in ("", "/", "-") or not _plain_id(tail):
                return None
            plan = self._tail_plan(used, tail)
            if len(self._tails) < 65536:
                self._tails[used, tail] = plan
        return (*done, (line + plan[0]).ljust(self.width + 2), *plan[1])

    def _head_state(self, head: str) -> tuple[tuple[str, ...], str, int]:
        """A source id's pieces packed: its finished lines (padded), its open line and that line's cells."""
        lines, line, used = _pack((), "", _pieces_of(head), self.width)
        return tuple(piece.ljust(self.width + 2) for piece in lines), line, used

    def _tail_plan(self, used: int, tail: str) -> tuple[str, tuple[str, ...]]:
        """A local id's pieces packed after an open line of ``used`` cells: what goes on that line, and the
        lines after it (padded)."""
        lines: list[str] = []
        line, _ = _add_pieces(lines, "\0", used, _pieces_of(tail), self.width)  # "\0": the open line
        lines.append(line)
        return lines[0][1:], tuple(piece.ljust(self.width + 2) for piece in lines[1:])


def _plain_id(text: str) -> bool:
    """ASCII, printable, no space: an id whose pieces are packed by their lengths (:meth:`_Column._claim_id`)."""
    return text.isascii() and text.isprintable() and " " not in text


def _pack(lines: tuple[str, ...], line: str, pieces: tuple[str, ...], width: int,
          used: int | None = None) -> tuple[tuple[str, ...], str, int]:
    """``pieces`` (one-cell) added to ``line`` after ``lines`` (:func:`_add_pieces`): the finished lines, the
    open line and its cells."""
    out = list(lines)
    line, at = _add_pieces(out, line, len(line) if used is None else used, pieces, width)
    return tuple(out), line, at


@lru_cache(maxsize=4096)  # short explanations recur ("The model card says 236B.")
def _wrap_cached(text: str, width: int) -> tuple[str, ...]:
    return tuple(wrap_words(text, width))


@lru_cache(maxsize=4096)  # the same repo ids and URLs recur in many explanations
def _longest_piece(word: str) -> int:
    return max(map(cell_len, _pieces(word)))


#: (widest, narrowest) a column may be, in cells; the explanation takes what is left.
_CAPS = {"claim": (30, 12), "subject": (22, 10), "property": (22, 10), "declared": (24, 8)}


def _column_widths(verdict: int, text: dict[str, int], word: dict[str, int], explanation: int,
                   width: int) -> list[int] | None:
    """Column widths that fit ``width``: each column as wide as its longest line (within its caps, never
    below its longest word), the explanation the rest; when that leaves the explanation under a third of the
    width, shrink the others. None when even the longest words do not fit. ``verdict``: cells of the widest
    verdict; ``text`` and ``word``: per column (claim, subject, property, declared) the cells of its widest
    text and of its widest word (ids and dotted property names: of the widest piece, as they break after
    "/", "-" or "."); ``explanation``: cells of the widest piece of a word of the explanations."""
    cols = {}
    floor = {}
    for name, (hi, lo) in _CAPS.items():
        floor[name] = max(lo, word[name])
        cols[name] = max(floor[name], min(hi, max(cell_len(name), text[name])))
    padding = 2 * 5  # two spaces between columns
    budget = max(30, width - padding - verdict)
    explanation_min = max(26, budget // 3)
    for name in ("declared", "subject", "property", "claim"):
        over = sum(cols.values()) + explanation_min - budget
        if over <= 0:
            break
        cols[name] = max(floor[name], cols[name] - over)
    rest = budget - sum(cols.values())
    if rest < 12 or explanation > rest:
        return None
    return [verdict, cols["claim"], cols["subject"], cols["property"], cols["declared"], rest]


# -- blocks --------------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _display_text(value: str) -> str:
    return display_value(value)


def _display(value: object) -> str:
    """:func:`display_value`, dates (ISO interval strings, parsed to be shown) once per distinct value: many
    findings and related claims repeat them."""
    return _display_text(value) if isinstance(value, str) else display_value(value)


def _fact_line(out: _Writer, fact: Fact) -> None:
    line: Line = [("    ", ""), (f"{fact.method.value:<18}", "dim"), (f" {fact.property}: {fact_value(fact)}", "")]
    if fact.source_url:
        line.append((f"  {fact.source_url}", ""))
    if fact.revision:
        line.append((f"  @ {fact.revision[:12]}", "dim"))
    out.text(line)


def _related_line(out: _Writer, rel: RelatedClaim) -> None:
    mark = "agrees" if rel.compatible else "differs"
    out.add(f"    {mark}: {rel.claim_id} ({rel.published.isoformat()}): {_display(rel.value)}")


def _evidence_block(out: _Writer, entry: Entry, shown: dict[str, bool]) -> None:
    verdict = entry[_VERDICT]
    head = f"  {_shown_id(entry[_CLAIM], shown)}  [{entry[_REASON]}]"
    if out.color:
        out.text([("  ", ""), (verdict, VERDICT_STYLE[verdict]), (head, "")])
    else:
        out.add(f"  {verdict}{head}")
    out.lines.append(entry[_DETAILS])


def _details(out: _Writer, finding: Finding) -> None:
    """Quote, evidence lines and the other sources' values, each on its own line (wrapped)."""
    head, cells = _quote_head(finding.quote)
    tail = f"{finding.source_id}, {finding.published.isoformat()})"
    out.add_measured(head + tail, cells + (len(tail) if tail.isascii() else cell_len(tail)), "italic")
    if finding.source_url:
        out.add(f"    source: {finding.source_url}")
    for fact in finding.evidence:
        out.cached(fact, _fact_line)
    if not finding.evidence and finding.verdict != "disputed":
        out.add("    no Hub evidence", "dim")
    for rel in finding.related:
        out.cached(rel, _related_line)
    if (rest := related_rest(finding)) is not None:
        out.add(f"    {rest}", "dim")


@lru_cache(maxsize=4096)  # a source's claims share quotes, and so do copies of an article
def _quote_head(quote: str) -> tuple[str, int]:
    """The quote line up to the source id, and its cells (wide text: counted once per quote)."""
    head = f"    “{quote}” ("
    return head, cell_len(head)


def _finding_block(out: _Writer, entry: Entry, shown: dict[str, bool]) -> None:
    verdict = entry[_VERDICT]
    head: Line = [(verdict.upper(), VERDICT_STYLE[verdict]),
                  (f"  {entry[_SUBJECT]} {entry[_PROPERTY]} = {entry[_VALUE]}", "")]
    if entry[_DRIFT] and entry[_EXPECT]:
        head.append((f"  (expected {entry[_EXPECT]})", "dim"))
    out.text(head)
    # wrapped lines keep the indent
    for line in wrap_words(entry[_EXPLANATION], max(20, out.width - 2)):
        out.text([("  " + line, "")])
    out.text([(f"  {_shown_id(entry[_CLAIM], shown)}  [{entry[_REASON]}]", "dim")])
    out.lines.append(entry[_DETAILS])


def _note_block(out: _Writer, note: EvidenceNote) -> None:
    out.text([(f"  {note.repo_id} {note.property}: {note.explanation}", "")])
    for fact in note.facts:
        out.cached(fact, _fact_line)
