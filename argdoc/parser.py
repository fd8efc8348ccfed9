"""Text to Lark parse tree; Lark's exceptions to friendly diagnostics.

Each friendly message answers a mistake from the catalogue of bad examples in
tests/cases/syntax/ (one file per mistake, each with its expected code and
position). The classifier looks at what the parser expected, the token it
got instead, and the line around it; anything it does not recognise becomes
a plain "unexpected ..." error that still says what was expected.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from argdoc import codes
from argdoc.diagnostics import Diagnostic, make
from argdoc.grammar import parser
from argdoc.source import SourceFile, Span
from argdoc.syntax import FIELD_NAME, INCLUDE, KEYWORDS

# Lark names a keyword's terminal after the keyword, in capitals.
_KEYWORD_TOKENS = {k.upper() for k in KEYWORDS}
_HEADER_LINE = re.compile(rf"^(?:{'|'.join(k for k in KEYWORDS if k != INCLUDE)})\b.*:\s*(?:#.*)?$")
_EMPTY_FIELD_LINE = re.compile(rf"^{FIELD_NAME}:\s*$")
_LOOKS_LIKE_HEADER = re.compile(r"^\w[\w-]*[ \t]+[^ \t].*:\s*(?:#.*)?$")
_ID_CHARS = re.compile(r"[^\s:\"\u201c]+")

_TOKEN_NAMES = {
    "ID": "an id",
    "STRING": 'a title in double quotes ("...")',
    "COLON": "':'",
    "NL": "the end of the line",
    "FIELD": "a header field (name: value)",
    "BODY": "an indented body",
    "$END": "the end of the file",
}


@dataclass(frozen=True)
class ParseResult:
    tree: Tree[Token] | None
    diagnostics: list[Diagnostic]


def parse_tree(source: SourceFile) -> ParseResult:
    """Parse a source file. On a syntax error, the tree is None and one diagnostic explains it."""
    try:
        return ParseResult(parser().parse(source.text), [])
    except UnexpectedInput as exc:
        return ParseResult(None, [explain(exc, source)])
    except LarkError as exc:  # any other lexer/parser failure is still a syntax error
        span = Span(line=1, column=1, end_line=1, end_column=2)
        return ParseResult(None, [make(codes.SYNTAX_ERROR, str(exc), source, span)])


def explain(exc: UnexpectedInput, source: SourceFile) -> Diagnostic:
    """Turn a Lark exception into the friendliest diagnostic that fits."""
    if isinstance(exc, UnexpectedCharacters):
        return _unexpected_character(exc, source)
    if isinstance(exc, UnexpectedToken):
        return _unexpected_token(exc, source)
    line, column = exc.line, exc.column
    span = Span(line=line, column=column, end_line=line, end_column=column + 1)
    return make(codes.SYNTAX_ERROR, "unexpected end of file", source, span)


# --- unexpected characters: nothing in the grammar can start here -------------


def _unexpected_character(exc: UnexpectedCharacters, source: SourceFile) -> Diagnostic:
    line, column = exc.line, exc.column
    text = source.line_text(line)
    char = text[column - 1] if column - 1 < len(text) else ""
    previous = exc.token_history[-1] if exc.token_history else None
    if text.startswith(INCLUDE):
        return _bad_include(source, line, column)
    if char and char in _QUOTE_MISTAKES:
        message, hint = _QUOTE_MISTAKES[char]
        span = Span(line=line, column=column, end_line=line, end_column=len(text.rstrip()) + 1)
        return make(codes.UNTERMINATED_QUOTATION, message, source, span, hint=hint)
    if previous is not None and (previous.type == "ID" or previous.type in _KEYWORD_TOKENS):
        start = previous.column if previous.type == "ID" else column
        return _invalid_id(source, line, start)
    return _stray_text(source, line, column)


# A quote that starts no title: single quotes, or a double quote not closed on its line.
_SINGLE = (
    "titles and paths are written in double quotes, not single ones",
    'write the title between double quotes: "Title"',
)
_UNCLOSED = ("this title's quotation is not closed", 'close the title with a double quote on the same line: "Title"')
_QUOTE_MISTAKES = {"'": _SINGLE, "\u2018": _SINGLE, '"': _UNCLOSED, "\u201c": _UNCLOSED}


def _bad_include(source: SourceFile, line: int, column: int) -> Diagnostic:
    text = source.line_text(line)
    span = Span(line=line, column=column, end_line=line, end_column=max(len(text.rstrip()) + 1, column + 1))
    return make(
        codes.INVALID_INCLUDE,
        "include takes one path in double quotes, and nothing after it",
        source,
        span,
        hint='write: include "chapters/economy.arg"',
    )


def _invalid_id(source: SourceFile, line: int, column: int) -> Diagnostic:
    text = source.line_text(line)
    match = _ID_CHARS.match(text, column - 1)
    word = match.group() if match else text[column - 1 : column]
    span = Span(line=line, column=column, end_line=line, end_column=column + max(len(word), 1))
    return make(
        codes.INVALID_ID,
        f"'{word}' is not a valid id",
        source,
        span,
        hint=f"ids use letters, digits, '-' and '_' only, e.g. '{_suggest_id(word)}'",
    )


def _suggest_id(word: str) -> str:
    cleaned = re.sub(r"[^\w-]+", "-", word).strip("-")
    return cleaned or "my-id"


# --- unexpected tokens: a known token in the wrong place ----------------------


def _unexpected_token(exc: UnexpectedToken, source: SourceFile) -> Diagnostic:
    token: Token = exc.token
    expected = set(exc.expected)
    if token.type == "$END":
        line = len(source.line_starts())
        span = Span(line=line, column=1, end_line=line, end_column=1)
        return make(codes.SYNTAX_ERROR, "unexpected end of file", source, span)
    span = _token_span(token)
    if token.type == "BODY":
        return _unexpected_indent(source, token)
    if source.line_text(token.line or 1).startswith(INCLUDE) and token.type != "NL":
        return _bad_include(source, token.line or 1, token.column or 1)
    if "CLAIM" in expected and token.column == 1:
        return _top_level_word(source, token)
    if "COLON" in expected and token.type == "NL":
        return _missing_colon(source, token)
    if expected == {"ID"} or ("ID" in expected and "STRING" not in expected):
        return make(
            codes.MISSING_ID,
            "this statement has no id",
            source,
            span,
            hint='write the id right after the keyword: claim my-id "Title":',
        )
    if expected == {"STRING"}:
        return make(
            codes.MISSING_SECTION_TITLE,
            "a section needs a title in double quotes",
            source,
            span,
            hint='write: section "Title": (an id before the title is optional)',
        )
    if expected <= {"NL"}:
        return make(
            codes.TEXT_AFTER_COLON,
            "text after the ':' that ends a header",
            source,
            _rest_of_line(source, token),
            hint="start the body on the next line, indented",
        )
    wanted = ", ".join(sorted(_TOKEN_NAMES.get(t, repr(t)) for t in expected))
    return make(
        codes.SYNTAX_ERROR,
        f"unexpected {_describe(token)}",
        source,
        span,
        hint=f"expected {wanted}",
    )


def _top_level_word(source: SourceFile, token: Token) -> Diagnostic:
    """A line at column 1 that is neither a header field nor a keyword."""
    line = token.line or 1
    if _previous_line_opens_body(source, line):
        return make(
            codes.BODY_NOT_INDENTED,
            "this line should be indented: it is the body of the header above",
            source,
            _rest_of_line(source, token),
            hint="indent the body of a statement, section or field (four spaces is usual)",
        )
    text = source.line_text(line)
    word = str(token) if token.type == "ID" else ""
    close = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.6) if word else []
    if close or (word and _LOOKS_LIKE_HEADER.match(text) and word.islower()):
        suggestion = f"did you mean '{close[0]}'? " if close else ""
        return make(
            codes.UNKNOWN_KEYWORD,
            f"unknown keyword '{word}'",
            source,
            _token_span(token),
            hint=f"{suggestion}a statement starts with one of: {', '.join(KEYWORDS)}",
        )
    return _stray_text(source, line, token.column or 1)


def _stray_text(source: SourceFile, line: int, column: int) -> Diagnostic:
    text = source.line_text(line)
    span = Span(line=line, column=column, end_line=line, end_column=len(text.rstrip()) + 1)
    return make(
        codes.STRAY_TEXT,
        "text outside any statement",
        source,
        span,
        hint="prose belongs in an indented body under a statement or section header; start a comment with '#'",
    )


def _unexpected_indent(source: SourceFile, token: Token) -> Diagnostic:
    line = token.line or 1
    text = source.line_text(line)
    indent = len(text) - len(text.lstrip())
    span = Span(line=line, column=1, end_line=line, end_column=indent + 1)
    if _previous_line_is_header_without_colon(source, line):
        return _missing_colon_at(source, _previous_significant_line(source, line))
    return make(
        codes.UNEXPECTED_INDENTATION,
        "this line is indented, but there is no header above it to own it",
        source,
        span,
        hint="remove the indentation, or end the header line above with ':'",
    )


def _missing_colon(source: SourceFile, token: Token) -> Diagnostic:
    return _missing_colon_at(source, token.line or 1)


def _missing_colon_at(source: SourceFile, line: int) -> Diagnostic:
    text = source.line_text(line).rstrip()
    # The colon goes before a trailing comment, not after it.
    comment = re.search(r'\s#(?=(?:[^"]*"[^"]*")*[^"]*$)', text)
    if comment is not None:
        text = text[: comment.start()].rstrip()
    column = len(text) + 1
    span = Span(line=line, column=column, end_line=line, end_column=column + 1)
    return make(
        codes.MISSING_COLON,
        "a header line must end with ':'",
        source,
        span,
        hint=f"write: {text.strip()}:",
    )


# --- helpers over the source text --------------------------------------------


def _previous_significant_line(source: SourceFile, line: int) -> int:
    probe = line - 1
    while probe >= 1:
        stripped = source.line_text(probe).strip()
        if stripped and not stripped.startswith("#"):
            return probe
        probe -= 1
    return 0


def _previous_line_opens_body(source: SourceFile, line: int) -> bool:
    previous = _previous_significant_line(source, line)
    if previous == 0:
        return False
    text = source.line_text(previous)
    return bool(_HEADER_LINE.match(text) or _EMPTY_FIELD_LINE.match(text))


def _previous_line_is_header_without_colon(source: SourceFile, line: int) -> bool:
    previous = _previous_significant_line(source, line)
    if previous == 0:
        return False
    text = source.line_text(previous).rstrip()
    first = text.split(" ", 1)[0]
    return first in KEYWORDS and not text.endswith(":") and "#" not in text


def _token_span(token: Token) -> Span:
    line = token.line or 1
    column = token.column or 1
    end_line = token.end_line or line
    end_column = token.end_column or column + 1
    if token.type == "NL" or end_line != line:
        end_line, end_column = line, column + 1
    return Span(line=line, column=column, end_line=end_line, end_column=max(end_column, column + 1))


def _rest_of_line(source: SourceFile, token: Token) -> Span:
    line = token.line or 1
    column = token.column or 1
    text = source.line_text(line)
    return Span(line=line, column=column, end_line=line, end_column=max(len(text.rstrip()) + 1, column + 1))


def _describe(token: Token) -> str:
    if token.type in _TOKEN_NAMES:
        return _TOKEN_NAMES[token.type].removeprefix("an ").removeprefix("a ")
    return repr(str(token))
