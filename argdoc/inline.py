"""Inline markup of prose: emphasis, strong, links, citations, quotations and notes.

The grammar hands over whole paragraphs; this module reads their markup with
a handful of regular expressions, jumping from one special character to the
next, so plain prose costs one regex search per run of text.

    *emphasis*   **strong**   [text](https://example.org)
    [@source]    [@source, p. 4]    [@a; @b]
    "quoted words"[@source]       \\* \\[ \\" escape a character
    ^[a remark, which may cite [@source]]      [see the tensions](#tensions)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from argdoc import codes
from argdoc.codes import Code
from argdoc.nodes import Citation, Emphasis, Inline, Link, Note, Quotation, Strong, Text
from argdoc.source import Span

ID_RE = re.compile(r"\w[\w-]*\Z")
_SPECIAL = re.compile(r'[\\*\["\u201c^]')
# Neither a citation nor a link label may hold an unescaped '[': each match attempt
# then stops at the next '[', so a line of a thousand unclosed '[@' stays linear.
_CITATION = re.compile(r"\[@([^\]\[\n]*)\]")
# A link target may hold one level of balanced parentheses, as Wikipedia's do.
_LINK = re.compile(r"\[((?:[^\]\[\\]|\\.)*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
# What a link with spaces in its address looks like, for the error that says so.
_LINK_WITH_SPACE = re.compile(r"\[(?:[^\]\[\\]|\\.)*\]\(([^()\s]+[ \t][^()]*)\)")
_QUOTE_CLOSE = {'"': '"', "\u201c": "\u201d"}
# Brackets for pairing a note's, and escapes (a backslash and the character it escapes) to step over.
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# E112's advice, for a link in prose and for a source's `url:` alike.
SPACE_IN_ADDRESS_HINT = "write spaces in an address as %20"


def is_safe_link(url: str) -> bool:
    """Only web and mail addresses become links (schemes in any case); `javascript:` never."""
    return url.lower().startswith(SAFE_SCHEMES)


def is_anchor(url: str) -> bool:
    """`#id`: a link to an element of the paper itself (resolution checks that the id exists)."""
    return url.startswith("#") and ID_RE.match(url, 1) is not None


@dataclass(frozen=True)
class InlineProblem:
    """A malformed piece of markup, by offset into the paragraph."""

    code: Code
    message: str
    start: int
    end: int
    hint: str


Locate = Callable[[int, int], Span]


@dataclass
class InlineParser:
    """Parses one paragraph's text; `locate` maps offsets to source spans."""

    text: str
    locate: Locate
    problems: list[InlineProblem] = field(default_factory=list)
    _unclosed_reported: bool = False
    # The closing bracket of each opening one (by offset), worked out once, when a note first needs it.
    _brackets: dict[int, int] | None = None
    _in_note: bool = False

    def parse(self) -> tuple[Inline, ...]:
        return tuple(self._run(0, len(self.text)))

    # The main loop: copy plain text up to the next special character, then
    # let the construct starting there consume what it can.
    def _run(self, start: int, end: int) -> list[Inline]:
        out: list[Inline] = []
        buf: list[str] = []
        pos = start
        text = self.text
        while pos < end:
            match = _SPECIAL.search(text, pos, end)
            if match is None:
                buf.append(text[pos:end])
                break
            here = match.start()
            buf.append(text[pos:here])
            node, after = self._construct(here, end)
            if node is None:
                if text[here] == "\\" and here + 1 < end:
                    buf.append(text[here + 1])
                    pos = here + 2
                else:
                    buf.append(text[here])
                    pos = here + 1
                continue
            _flush(buf, out)
            out.extend(node)
            pos = after
        _flush(buf, out)
        return out

    def _construct(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        ch = self.text[pos]
        if ch == "*":
            return self._emphasis(pos, end)
        if ch == "[":
            if self.text.startswith("[@", pos):
                return self._citations(pos, end)
            return self._link(pos, end)
        if ch in _QUOTE_CLOSE:
            return self._quotation(pos, end)
        if ch == "^" and self.text.startswith("^[", pos):
            return self._note(pos, end)
        return None, pos

    def _note(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        """`^[words]`: a remark note; its words may hold markup and citations, but no other note."""
        close = self._closing_bracket(pos + 1)
        if close < 0 or close >= end:
            self._problem(
                codes.INVALID_NOTE,
                "note is not closed with ']'",
                pos,
                pos + 2,
                "write a remark note as ^[words of the note]; to keep ^[ as text, write \\^[",
            )
            return None, pos
        if self._in_note:
            self._problem(
                codes.INVALID_NOTE,
                "a note cannot hold another note",
                pos,
                close + 1,
                "write the inner remark as part of the note's own words",
            )
            return None, pos
        words = self.text[pos + 2 : close]
        if not words.strip():
            self._problem(codes.INVALID_NOTE, "this note is empty", pos, close + 1, "write the remark between ^[ and ]")
            return None, pos
        self._in_note = True
        try:
            children = tuple(self._run(pos + 2, close))
        finally:
            self._in_note = False
        return [Note(children=children, span=self.locate(pos, close + 1))], close + 1

    def _closing_bracket(self, opening: int) -> int:
        """The offset of the `]` that closes the `[` at `opening` (brackets nest; escaped ones do not count), or -1.

        All pairs are found in one pass on first use, so a paragraph of many
        unclosed `^[` stays linear.
        """
        if self._brackets is None:
            self._brackets = {}
            stack: list[int] = []
            text = self.text
            for match in _BRACKET.finditer(text):
                index = match.start()
                if text[index] == "[":
                    stack.append(index)
                elif text[index] == "]" and stack:
                    self._brackets[stack.pop()] = index
        return self._brackets.get(opening, -1)

    def _emphasis(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        text = self.text
        if text.startswith("***", pos):
            # `***both***`: strong around emphasis, as Markdown reads it.
            close = _find_closing(text, "***", pos + 3, end)
            if close > pos + 3 and not text[pos + 3].isspace():
                inner = Emphasis(children=tuple(self._run(pos + 3, close)))
                return [Strong(children=(inner,))], close + 3
        if text.startswith("**", pos):
            close = _find_closing(text, "**", pos + 2, end)
            if close > pos + 2:
                return [Strong(children=tuple(self._run(pos + 2, close)))], close + 2
            return None, pos
        close = _find_single_star(text, pos + 1, end)
        if close > pos + 1 and not text[pos + 1].isspace():
            return [Emphasis(children=tuple(self._run(pos + 1, close)))], close + 1
        return None, pos

    def _link(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        match = _LINK.match(self.text, pos, end)
        if match is None:
            self._link_with_space(pos, end)
            return None, pos
        url = match.group(2)
        if not (is_safe_link(url) or is_anchor(url)):
            self._problem(
                codes.UNSAFE_LINK,
                f"link to '{url}' is not an http, https or mailto address",
                match.start(2),
                match.end(2),
                "links must start with https://, http:// or mailto:, or be #id to an element of the paper",
            )
        label = tuple(self._run(match.start(1), match.end(1)))
        if not label:
            self._problem(
                codes.EMPTY_LINK_TEXT,
                "this link has no text, so readers see nothing to follow",
                match.start(),
                match.end(),
                f"write the words to click between the brackets: [the report]({url})",
            )
        return [Link(url=url, children=label, span=self.locate(match.start(), match.end()))], match.end()

    def _link_with_space(self, pos: int, end: int) -> None:
        """`[text](https://a.org/x y)` is not a link (an address ends at a space): say so."""
        match = _LINK_WITH_SPACE.match(self.text, pos, end)
        if match is not None and is_safe_link(match.group(1)):
            self._problem(
                codes.INVALID_URL,
                "a link's address cannot contain spaces",
                match.start(1),
                match.end(1),
                SPACE_IN_ADDRESS_HINT,
            )

    def _citations(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        match = _CITATION.match(self.text, pos, end)
        if match is None:
            if self._unclosed_reported:  # one report per paragraph: the rest are the same mistake
                return None, pos
            self._unclosed_reported = True
            self._problem(
                codes.INVALID_CITATION,
                "citation is not closed with ']'",
                pos,
                end,
                "write a citation as [@source-id] or [@source-id, p. 4]",
            )
            return None, pos
        return self._citation_list(match.start(1), match.group(1)), match.end()

    def _citation_list(self, start: int, inner: str) -> list[Inline]:
        cites: list[Inline] = []
        offset = start
        for part in inner.split(";"):
            cite = self._one_citation(offset, part)
            if cite is not None:
                cites.append(cite)
            offset += len(part) + 1
        return cites

    def _one_citation(self, offset: int, part: str) -> Citation | None:
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        first = offset + lead
        if body.startswith("@"):
            body = body[1:]
            first += 1
        key, _, locator = body.partition(",")
        key = key.strip()
        if not ID_RE.match(key):
            self._problem(
                codes.INVALID_ID,
                f"'{key}' is not a valid source id" if key else "citation names no source",
                first,
                first + max(len(key), 1),
                "ids use letters, digits, '-' and '_'; write [@source-id] or [@a; @b]",
            )
            return None
        span = self.locate(first - 1, first + len(key))
        return Citation(source=key, locator=locator.strip() or None, span=span)

    def _quotation(self, pos: int, end: int) -> tuple[list[Inline] | None, int]:
        close_char = _QUOTE_CLOSE[self.text[pos]]
        close = _find_closing(self.text, close_char, pos + 1, end)
        if close < 0 or not self.text.startswith("[@", close + 1):
            return None, pos
        match = _CITATION.match(self.text, close + 1, end)
        if match is None:
            return None, pos
        cites = self._citation_list(match.start(1), match.group(1))
        words = tuple(self._run(pos + 1, close))
        if len(cites) != 1 or not isinstance(cites[0], Citation):
            self._problem(
                codes.INVALID_CITATION,
                "a quotation is attributed to exactly one source",
                match.start(),
                match.end(),
                'write "quoted words"[@source-id]',
            )
            return [*_quoted_text(self.text[pos], close_char, words), *cites], match.end()
        quote = Quotation(children=words, citation=cites[0], span=self.locate(pos, match.end()))
        return [quote], match.end()

    def _problem(self, code: Code, message: str, start: int, end: int, hint: str) -> None:
        self.problems.append(InlineProblem(code, message, start, end, hint))


def _quoted_text(open_char: str, close_char: str, words: tuple[Inline, ...]) -> list[Inline]:
    return [Text(value=open_char), *words, Text(value=close_char)]


def _find_closing(text: str, marker: str, start: int, end: int) -> int:
    """The offset of the next unescaped `marker` in text[start:end], or -1."""
    pos = start
    while True:
        found = text.find(marker, pos, end)
        if found < 0:
            return -1
        backslashes = 0
        probe = found - 1
        while probe >= start and text[probe] == "\\":
            backslashes += 1
            probe -= 1
        if backslashes % 2 == 0:
            return found
        pos = found + 1


def _find_single_star(text: str, start: int, end: int) -> int:
    """The `*` closing an emphasis, stepping over any `**strong**` inside it."""
    pos = start
    while True:
        found = _find_closing(text, "*", pos, end)
        if found < 0 or not text.startswith("**", found):
            return found
        inner_close = _find_closing(text, "**", found + 2, end)
        if inner_close < 0:
            return -1
        pos = inner_close + 2


def _flush(buf: list[str], out: list[Inline]) -> None:
    if buf:
        value = "".join(buf)
        buf.clear()
        if value:
            if out and isinstance(out[-1], Text):
                out[-1] = Text(value=out[-1].value + value)
            else:
                out.append(Text(value=value))


def parse_inline(text: str, locate: Locate) -> tuple[tuple[Inline, ...], list[InlineProblem]]:
    """Parse a paragraph's text into inline nodes, with any markup problems."""
    parser = InlineParser(text, locate)
    return parser.parse(), parser.problems
