"""The words of the .arg language, in one table: keywords, fields, aliases, roles.

The parser, the tree builder, the formatter, the resolver and the lint rules
read their vocabulary here, and so will the editor server (completion of
keywords and field names). The grammar (grammar/argdoc.lark) holds the same
keywords as terminals; a test checks that the two agree.

A field's row says everything the stages need to know about it:

- `name`: the canonical spelling, the one `argdoc fmt` writes;
- `value`: how its value is read (and so which error a bad value gets):
  `text`, `date`, `link` (a source's address), `web-address` (http or https
  only), `references` (ids of statements of kind `target`), `role`,
  `language` (a BCP 47 tag), `person` (`Name (Affiliation)`, an Author node;
  always a list) or `blocks` (paragraphs, like a statement's body); an
  exhibit's fields (#10 part B) add `inline` (one paragraph of inline markup),
  `path` (a file inside the paper's folder), `width` (a percentage of the
  text column), `chart-type` and `reference` (one id of kind `target`);
- `attribute`: the attribute of the node (argdoc.nodes) that holds the value;
- `aliases`: other spellings, read as the field itself;
- `separator`: the value is a list, split at this character;
- `repeat`: the field may be given more than once, each adding to the list;
- `written`: whether `argdoc fmt` writes it (`authors: A; B` comes out as one
  `author:` line per author);
- `target`: for `references`, the kind of statement the ids must name.

The order of the rows is the order `argdoc fmt` writes the fields in (a
`blocks` field, the summary, comes after the others) and the order error
messages list them in.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Value = Literal[
    "text",
    "date",
    "link",
    "web-address",
    "references",
    "role",
    "language",
    "person",
    "blocks",
    # #10 part B: exhibit fields
    "inline",
    "path",
    "width",
    "chart-type",
    "reference",
    # #11: `view:`, one of the views a paper can be rendered in
    "view",
    # #12: sources
    "name",
    "partial-date",
    "source-type",
    # #12: `style:`, one of the citation styles of argdoc.cite.styles
    "style",
    # #12: `bibliography:`, a reference file (BibTeX or CSL-JSON) in the paper's folder
    "reference-file",
]


class Field(NamedTuple):
    """One field of the paper's header or of a kind of statement (see the module's docstring)."""

    name: str
    value: Value
    attribute: str
    aliases: tuple[str, ...]
    separator: str | None
    repeat: bool
    written: bool
    target: str | None


def _field(
    name: str,
    value: Value = "text",
    *,
    attribute: str | None = None,
    aliases: tuple[str, ...] = (),
    separator: str | None = None,
    repeat: bool = False,
    written: bool = True,
    target: str | None = None,
) -> Field:
    return Field(name, value, attribute or name.replace("-", "_"), aliases, separator, repeat, written, target)


def _table(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


# --- the paper's header ---------------------------------------------------------

HEADER_FIELDS: dict[str, Field] = _table(
    _field("title"),
    _field("subtitle"),
    _field("short-title", aliases=("short_title",)),
    _field("author", "person", attribute="authors", repeat=True),
    _field("authors", "person", separator=";", repeat=True, written=False),
    _field("organisation", aliases=("organization",)),
    _field("date", "date"),
    _field("series"),
    _field("number"),
    _field("summary", "blocks"),
    _field("language", "language", aliases=("lang",)),
    _field("licence", aliases=("license",)),
    _field("keywords", separator=","),
    _field("doi"),
    _field("permalink", "web-address"),
    # #11: the authors' front and back matter, and the default view
    _field("view", "view"),
    _field("key-findings", "blocks", aliases=("key_findings",)),
    _field("acknowledgements", "blocks", aliases=("acknowledgments",)),
    _field("about-authors", "blocks", aliases=("about_authors",)),
    # #12: the citation style (`--style` wins over it)
    _field("style", "style"),
    # #12: reference files (argdoc.cite.library), one per line or several after a comma
    _field("bibliography", "reference-file", attribute="reference_files", separator=",", repeat=True),
)

# The views a paper can be rendered in (argdoc.render.options.VIEWS says the same).
VIEWS = ("publication", "analysis")

# --- statements -------------------------------------------------------------------

# `role: thesis` marks the paper's main claim (see the thesis-count rule).
THESIS = "thesis"
# `role: recommendation` (#11): the authors' advice, numbered and gathered in a box.
RECOMMENDATION = "recommendation"
ROLES = (THESIS, RECOMMENDATION)

# Each kind of statement by its keyword, with its fields.
STATEMENT_FIELDS: dict[str, dict[str, Field]] = {
    "claim": _table(
        _field("role", "role"),
        _field("supports", "references", separator=",", target="claim"),
        _field("opposes", "references", separator=",", target="claim"),
        # #15: a judgment's likelihood (a scale term) and the analyst's confidence in it.
        _field("likelihood"),
        _field("confidence"),
    ),
    "component": _table(
        _field("supports", "references", separator=",", target="claim"),
    ),
    "tension": _table(
        _field("between", "references", separator=",", target="component"),
        _field("bears-on", "references", separator=",", target="claim", aliases=("bears_on",)),
    ),
    # A source is a CSL item (#12): `type:` is its CSL item type, the other fields are
    # CSL's variables in .arg spelling (`outlet` is CSL's container-title).
    "source": _table(
        _field("type", "source-type"),
        _field("outlet", aliases=("container", "container-title")),
        _field("author", "name", attribute="authors", repeat=True),
        _field("authors", "name", separator=";", repeat=True, written=False),
        _field("editor", "name", attribute="editors", repeat=True),
        _field("editors", "name", separator=";", repeat=True, written=False),
        _field("interviewer", "name", attribute="interviewers", repeat=True),
        _field("date", "partial-date", aliases=("issued",)),
        _field("original-date", "partial-date", aliases=("original_date",)),
        _field("volume"),
        _field("issue"),
        _field("pages", aliases=("page",)),
        _field("edition"),
        _field("publisher"),
        _field("place", aliases=("publisher-place",)),
        _field("number"),
        _field("genre"),
        _field("medium"),
        _field("doi"),
        _field("url", "link"),
        _field("accessed", "date"),
        _field("language", "language"),
        _field("grade"),
        _field("note"),
    ),
}

# --- exhibits and divisions (#10, part B) ---------------------------------------------

# Tables, figures and charts: blocks at the margin in a division's flow, with fields
# like a statement's. `inline` values hold inline markup (citations, emphasis).
EXHIBIT_FIELDS: dict[str, dict[str, Field]] = {
    "table": _table(
        _field("source", "inline"),
        _field("note", "inline"),
    ),
    "figure": _table(
        _field("image", "path"),
        _field("alt"),
        _field("credit", "inline"),
        _field("width", "width"),
    ),
    "chart": _table(
        _field("type", "chart-type"),
        _field("data", "reference", target="table"),
        _field("unit"),
    ),
}
# The fields an exhibit cannot do without.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {"figure": ("image", "alt"), "chart": ("type", "data")}
EXHIBIT_KEYWORDS = tuple(EXHIBIT_FIELDS)
# Headings besides `section`: a subsection, an appendix, and the source list's own heading.
SUBSECTION = "subsection"
APPENDIX = "appendix"
BIBLIOGRAPHY = "bibliography"
DIVISION_KEYWORDS = (SUBSECTION, APPENDIX, BIBLIOGRAPHY)

# --- keywords -----------------------------------------------------------------------

SECTION = "section"
INCLUDE = "include"
STATEMENT_KEYWORDS = tuple(STATEMENT_FIELDS)
# Every word that starts a line at the margin; all are reserved (never an id).
KEYWORDS = (*STATEMENT_KEYWORDS, SECTION, INCLUDE, *DIVISION_KEYWORDS, *EXHIBIT_KEYWORDS)

# --- derived tables -------------------------------------------------------------------

# Every other spelling of a field, to its canonical name (header and statements alike).
_ALL_FIELDS = (HEADER_FIELDS, *STATEMENT_FIELDS.values(), *EXHIBIT_FIELDS.values())
ALIASES: dict[str, str] = {alias: f.name for table in _ALL_FIELDS for f in table.values() for alias in f.aliases}
# Every canonical field name: a field known somewhere, though perhaps not where it was written.
FIELD_NAMES = frozenset(name for table in _ALL_FIELDS for name in table)
# For each kind, its relation fields: (name, node attribute, kind of statement named).
RELATIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    kind: tuple((f.name, f.attribute, f.target) for f in fields.values() if f.target is not None)
    for kind, fields in STATEMENT_FIELDS.items()
}

# --- patterns ---------------------------------------------------------------------------

# A field line: a lower-case name and its colon, then a space or the end of the
# line. The grammar's FIELD terminal is the same name at the margin.
FIELD_NAME = r"[a-z][a-z0-9_-]*"
FIELD_LINE = re.compile(FIELD_NAME + r":(?:[ \t]|$)")
# `include "path"`, for a quick scan of a folder's files without parsing them.
INCLUDE_LINE = re.compile(rf'^{INCLUDE}[ \t]+"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)
# Suppression comments: `# argdoc: ignore[rule, ...]` and `# argdoc: ignore-file[...]`.
SUPPRESSION_MARK = "argdoc:"
SUPPRESSION = re.compile(r"#\s*argdoc:\s*(ignore-file|ignore)\b\s*(?:\[([^\]]*)\])?")

# --- patterns of prose (#14, part A) -------------------------------------------------------

# A list item: `- `, `* ` or `+ ` (bulleted), or a number and `.` or `)` (numbered),
# then a space and the item's text. Group 2 is the number of a numbered item.
LIST_ITEM = re.compile(r"([-*+]|(\d{1,9})[.)])[ \t]+(?=\S)")
# A line of prose that looks like a row of a Markdown pipe table: `| a | b |`.
TABLE_ROW = re.compile(r"\|.*\|[ \t]*\Z")

# --- end of patterns of prose ---------------------------------------------------------------
