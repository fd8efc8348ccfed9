"""The codes of the diagnostics that reading, parsing, building and writing a paper report.

Each entry gives a code, its name and a one-line summary together, and a
diagnostic is made from the entry (`make(codes.MISSING_COLON, message, ...)`,
argdoc.diagnostics), so a code and its name cannot disagree. Codes are
published: a code keeps its meaning, and a retired code is not reused.

    E001-E013, E035   the syntax of a file            (argdoc.parser, argdoc.build_tree)
    E020-E025         reading a file                  (argdoc.compiler, the CLI)
    E030, E040        rendering and writing outputs   (the CLI's build)
    E031-E034, E036-E038, E115   include              (argdoc.compiler, argdoc.build_tree)
    E101-E116, E125-E126   fields and inline markup   (argdoc.build_tree, argdoc.inline)
    E201-E203         argdoc import                   (argdoc.import_json)
    E301-E308         tables, figures, charts, divisions (argdoc.build_tree, argdoc.resolve, argdoc.compiler)
    E401-E409         sources and reference files     (argdoc.build_tree, argdoc.cite)

A few problems found while building and resolving the tree are lint rules
too (`ARG...`: an undefined reference, a bad date): their entries here carry
the rule's code and name, and the rule (argdoc.lint.rules) documents them; a
test checks that both say the same.

The error tables of docs/language.md are generated from this table
(`make docs`; a test fails when they are stale).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Code(NamedTuple):
    code: str
    name: str
    summary: str  # Markdown, for the docs' tables; empty for a lint rule's entry (the rule documents it)
    topic: str


TABLE: list[Code] = []  # the E codes, in the order the docs list them (by topic)
STAGE_RULES: list[Code] = []  # lint rules whose problems the compiler finds


def _code(code: str, name: str, summary: str, topic: str) -> Code:
    entry = Code(code, name, summary, topic)
    TABLE.append(entry)
    return entry


def _rule(code: str, name: str) -> Code:
    entry = Code(code, name, "", RULES)
    STAGE_RULES.append(entry)
    return entry


READING = "Reading the file"
WRITING = "Building and writing"
IMPORTING = "Importing JSON (`argdoc import`)"
SYNTAX = "Syntax"
FIELDS = "Fields and markup"
INCLUDES = "Including files"
EXHIBITS = "Tables, figures, charts and divisions"
RULES = "Checked while compiling"

# --- reading the file -------------------------------------------------------------

FILE_NOT_FOUND = _code(
    "E020", "file-not-found", "The path does not exist, or is a directory, a device or a pipe.", READING
)
UNREADABLE_FILE = _code("E021", "unreadable-file", "The file cannot be read (permissions).", READING)
FILE_TOO_LARGE = _code(
    "E022", "file-too-large", "The file is larger than the limit (`--max-size`, 64 MiB by default).", READING
)
INVALID_ENCODING = _code(
    "E023", "invalid-encoding", "The file is not valid UTF-8 (the message gives the byte offset).", READING
)
NO_INPUTS = _code("E024", "no-inputs", "A directory given to a command holds no `.arg` file.", READING)
CONTROL_CHARACTER = _code(
    "E025", "control-character", "The file holds a NUL or another control character (a binary file?).", READING
)

# --- building and writing -----------------------------------------------------------

RENDER_FAILED = _code(
    "E030",
    "render-failed",
    "Rendering failed; with `--templates`, the message names the template's file and line.",
    WRITING,
)
CANNOT_WRITE = _code(
    "E040", "cannot-write", "An output file cannot be written (a missing or read-only folder).", WRITING
)

# --- argdoc import ------------------------------------------------------------------

INVALID_JSON = _code("E201", "invalid-json", "The file is not valid JSON.", IMPORTING)
INVALID_TREE = _code(
    "E202",
    "invalid-tree",
    "A field is missing, unknown or of the wrong type; the message gives its path.",
    IMPORTING,
)
UNWRITABLE_TREE = _code(
    "E203",
    "unwritable-tree",
    "A valid tree holds a value `.arg` cannot write (an id with a space, a line break in a title).",
    IMPORTING,
)

# --- syntax -------------------------------------------------------------------------

SYNTAX_ERROR = _code(
    "E001",
    "syntax-error",
    'Anything the more specific codes below do not describe, e.g. two titles on one header line: `claim a "T" "U":`.',
    SYNTAX,
)
UNKNOWN_KEYWORD = _code(
    "E002",
    "unknown-keyword",
    "A line at the margin starts with a word that is not a keyword: `clam thesis:`.",
    SYNTAX,
)
MISSING_COLON = _code("E003", "missing-colon", "A statement or section header does not end with `:`.", SYNTAX)
BODY_NOT_INDENTED = _code("E004", "body-not-indented", "The line after a header ending in `:` is not indented.", SYNTAX)
UNTERMINATED_QUOTATION = _code(
    "E005", "unterminated-quotation", "A title's opening quote is not closed on the same line.", SYNTAX
)
INVALID_ID = _code(
    "E006", "invalid-id", "An id contains other characters: `claim a.b:`, `supports: a b`, `[@a b]`.", SYNTAX
)
STRAY_TEXT = _code("E007", "stray-text", "Prose at the left margin, outside any statement.", SYNTAX)
INCONSISTENT_INDENTATION = _code(
    "E008",
    "inconsistent-indentation",
    "A line goes back out to an indentation no enclosing block used.",
    SYNTAX,
)
UNEXPECTED_INDENTATION = _code(
    "E009", "unexpected-indentation", "An indented line with no header above it to own it.", SYNTAX
)
MISSING_ID = _code(
    "E010",
    "missing-id",
    'A statement without an id (`claim:`, `claim "Title":`), or a reserved word used as an id (`claim claim:`).',
    SYNTAX,
)
TEXT_AFTER_COLON = _code("E011", "text-after-colon", "Text after the `:` that ends a header: `claim a: text`.", SYNTAX)
MISSING_SECTION_TITLE = _code(
    "E012",
    "missing-section-title",
    "A section without a quoted title: `section policy:`, `section:`.",
    SYNTAX,
)
TOO_DEEPLY_NESTED = _code("E013", "too-deeply-nested", "Indentation nested more than 32 levels deep.", SYNTAX)
INVALID_INCLUDE = _code(
    "E035",
    "invalid-include",
    "An `include` line without a path in double quotes, or with something after it.",
    SYNTAX,
)

# --- fields and inline markup ----------------------------------------------------------

UNKNOWN_FIELD = _code(
    "E101",
    "unknown-field",
    "A field name argdoc does not know: `autor:`, or prose starting with `word:` (escape it: `\\word:`).",
    FIELDS,
)
FIELD_NOT_ALLOWED = _code(
    "E102",
    "field-not-allowed",
    "A known field in the wrong place: `opposes:` in a component, `url:` in the header.",
    FIELDS,
)
DUPLICATE_FIELD = _code(
    "E103",
    "duplicate-field",
    "A single-valued field given twice (an alias counts as the same field).",
    FIELDS,
)
EMPTY_FIELD = _code("E104", "empty-field", "A field with no value: `date:`.", FIELDS)
MISPLACED_FIELD = _code("E107", "misplaced-field", "A header field after the first section or statement.", FIELDS)
INVALID_CITATION = _code(
    "E108",
    "invalid-citation",
    "A citation not closed with `]`, a quotation attributed to more than one source, "
    "or one bracket citing sources and cross-referencing statements or sections at once.",
    FIELDS,
)
UNSAFE_LINK = _code("E109", "unsafe-link", "A link or `url:` that is not `https://`, `http://` or `mailto:`.", FIELDS)
INVALID_AUTHOR = _code("E110", "invalid-author", "An author that cannot be read, e.g. nested parentheses.", FIELDS)
INVALID_LANGUAGE = _code("E111", "invalid-language", "A `language:` value that is not a language tag.", FIELDS)
INVALID_URL = _code("E112", "invalid-url", "A source's `url:`, or a link's address, with a space in it.", FIELDS)
EMPTY_TITLE = _code("E113", "empty-title", 'A title written as empty quotes: `claim a "":`.', FIELDS)
INVALID_ROLE = _code(
    "E114", "invalid-role", "A claim's `role:` is not one argdoc knows (`thesis`, `recommendation`).", FIELDS
)
EMPTY_LINK_TEXT = _code(
    "E116",
    "empty-link-text",
    "A link with nothing between its brackets: `[](https://example.org)`.",
    FIELDS,
)
# Prose (#14, part A): Markdown habits that would otherwise be read as plain words.
TABLE_IN_PROSE = _code(
    "E125",
    "table-in-prose",
    "A line of prose that looks like a Markdown table row (`| a | b |`): tables are `table` blocks.",
    FIELDS,
)
INVALID_NOTE = _code(
    "E126",
    "invalid-note",
    "A remark note `^[...]` that is not closed with `]`, is empty, or holds another note.",
    FIELDS,
)

# --- tables, figures, charts and divisions (#10, part B) ------------------------------

MISSING_CAPTION = _code(
    "E301", "missing-caption", 'A table, figure or chart without a caption: `table t "Caption":`.', EXHIBITS
)
INVALID_TABLE_ROW = _code(
    "E302",
    "invalid-table-row",
    "A table row that is not `| a | b |`, or has another number of cells than the header row.",
    EXHIBITS,
)
INVALID_TABLE_DELIMITER = _code(
    "E303",
    "invalid-table-delimiter",
    "A table without its delimiter row (`|---|---:|`) under the header row.",
    EXHIBITS,
)
MISSING_FIELD = _code(
    "E304",
    "missing-field",
    "A figure without `image:` or `alt:` (alt text is required), a chart without `type:` or `data:`.",
    EXHIBITS,
)
INVALID_FIELD_VALUE = _code(
    "E305",
    "invalid-field-value",
    "A chart `type:` argdoc cannot draw, a `width:` that is not a percentage, an image path leaving the folder.",
    EXHIBITS,
)
MISPLACED_BLOCK = _code(
    "E306",
    "misplaced-block",
    "A subsection before any section, a section after an appendix, a table outside a section, "
    "or anything but a source after `bibliography`.",
    EXHIBITS,
)
IMAGE_NOT_FOUND = _code(
    "E307",
    "image-not-found",
    "A figure's image is missing, not a regular file, outside the paper's folder, or not PNG, JPEG, SVG or WebP.",
    EXHIBITS,
)
CHART_DATA_NOT_NUMERIC = _code(
    "E308",
    "chart-data-not-numeric",
    "A chart's `data:` table has a value column with a cell that is not a number.",
    EXHIBITS,
)

# --- include --------------------------------------------------------------------------

INCLUDE_NOT_FOUND = _code(
    "E031", "include-not-found", "The included path does not exist or is not a regular file.", INCLUDES
)
INCLUDE_OUTSIDE_PAPER = _code(
    "E032",
    "include-outside-paper",
    "The path is absolute, or leads outside the main file's folder.",
    INCLUDES,
)
INCLUDE_CYCLE = _code(
    "E033", "include-cycle", "Files include each other in a circle; the message names the cycle.", INCLUDES
)
INCLUDE_WITHOUT_FILE = _code(
    "E034",
    "include-without-file",
    "Text compiled without a file (`argdoc.parse(text)`) has no folder to include from.",
    INCLUDES,
)
INCLUDE_REPEATED = _code(
    "E036",
    "include-repeated",
    "A file is included a second time in one paper; the note names the first include.",
    INCLUDES,
)
INCLUDE_TOO_DEEP = _code(
    "E037",
    "include-too-deep",
    "Included files nest more than 64 deep; the message names the chain.",
    INCLUDES,
)
PAPER_TOO_LARGE = _code(
    "E038",
    "paper-too-large",
    "The paper and the files it includes are together larger than the size limit (`--max-size`).",
    INCLUDES,
)
FIELD_IN_INCLUDED_FILE = _code("E115", "field-in-included-file", "A header field in an included file.", INCLUDES)

# --- lint rules the compiler checks (argdoc.lint.registry.StageRule) -------------------------

UNDEFINED_REFERENCE = _rule("ARG001", "undefined-reference")
DUPLICATE_ID = _rule("ARG002", "duplicate-id")
WRONG_KIND_REFERENCE = _rule("ARG003", "wrong-kind-reference")
SELF_REFERENCE = _rule("ARG004", "self-reference")
TENSION_NEEDS_TWO_COMPONENTS = _rule("ARG005", "tension-needs-two-components")
INVALID_DATE = _rule("ARG305", "invalid-date")


# Sources (#12): names, kinds of work and reference files.
SOURCES = "Sources and reference files"
INVALID_NAME = _code(
    "E401",
    "invalid-name",
    "A source's `author:`, `editor:` or `interviewer:` that cannot be read as a name "
    "(more than two commas, unbalanced braces).",
    SOURCES,
)
UNKNOWN_SOURCE_TYPE = _code(
    "E402",
    "unknown-source-type",
    "A source's `type:` that is not a kind of work argdoc knows (CSL's item types).",
    SOURCES,
)
# Reference files (`bibliography: refs.bib`, argdoc.cite.library). A path outside the
# paper's folder is E032, as for an include; a bad date in an entry is ARG305.
REFERENCE_FILE_NOT_FOUND = _code(
    "E406",
    "reference-file-not-found",
    "A `bibliography:` file is missing, not a regular file, unreadable, or larger than the size limit.",
    SOURCES,
)
UNKNOWN_REFERENCE_FILE_TYPE = _code(
    "E407",
    "unknown-reference-file-type",
    "A `bibliography:` file that is neither BibTeX (`.bib`) nor CSL-JSON (`.json`).",
    SOURCES,
)
INVALID_REFERENCE_ENTRY = _code(
    "E408",
    "invalid-reference-entry",
    "An entry of a reference file that cannot be read: a BibTeX syntax error, invalid JSON, an entry type "
    "argdoc does not know, an entry without a key or a title, a name that cannot be read.",
    SOURCES,
)


# --- the tables of docs/language.md ---------------------------------------------------

TOPICS = (READING, WRITING, IMPORTING, SYNTAX, FIELDS, EXHIBITS, INCLUDES, SOURCES, RULES)
# docs/language.md holds each generated region between these two lines.
_BEGIN = "<!-- BEGIN {region}: generated from argdoc/codes.py by `make docs`; do not edit by hand -->"
_END = "<!-- END {region} -->"


def _table_markdown(rows: Iterable[tuple[str, str, str]]) -> list[str]:
    lines = ["| Code | Name | When |", "|---|---|---|"]
    lines += [f"| {code} | `{name}` | {summary} |" for code, name, summary in rows]
    return lines


def _rows(topic: str) -> list[tuple[str, str, str]]:
    if topic != RULES:
        return [(e.code, e.name, e.summary) for e in TABLE if e.topic == topic]
    # The registry documents these rules; loaded only here (the docs step and its test).
    from argdoc.lint.registry import all_rules
    from argdoc.lint.rule import StageRule

    return [(r.code, r.name, r.summary + ".") for r in all_rules() if issubclass(r, StageRule)]


def regions() -> dict[str, list[str]]:
    """The generated regions of docs/language.md, by name: the include codes, and every code."""
    every: list[str] = []
    for topic in TOPICS:
        every += ["", f"### {topic}", "", *_table_markdown(_rows(topic))]
    return {"include-codes": _table_markdown(_rows(INCLUDES)), "error-codes": every[1:]}


def update_markdown(text: str) -> str:
    """The text with each generated region rewritten from the table; ValueError if a region is missing."""
    for region, body in regions().items():
        begin, end = _BEGIN.format(region=region), _END.format(region=region)
        start = text.find(begin)
        stop = text.find(end, start)
        if start < 0 or stop < 0:
            raise ValueError(f"the text has no region '{region}' (between '{begin}' and '{end}')")
        # Blank lines around the body: a table must not run into the comments in Markdown.
        text = text[: start + len(begin)] + "\n\n" + "\n".join(body) + "\n\n" + text[stop:]
    return text


if __name__ == "__main__":  # `make docs`: python -m argdoc.codes docs/language.md
    import sys
    from pathlib import Path

    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(update_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
