"""A Pygments lexer for .arg files, so that Sphinx, MkDocs and `pygmentize` highlight them.

Pygments finds it through the `pygments.lexers` entry point (pyproject.toml)
by its alias `argdoc` or a file name `*.arg`; nothing in argdoc imports it,
and Pygments is not one of argdoc's dependencies.

It reads lines as the grammar does (grammar/argdoc.lark): at the margin a
keyword-led header, a header field or `include`; indented, a field line or
prose with its inline markup. Prose takes any character (a writer's text is
never an error); a margin line that is none of the margin's forms, such as a
misspelt keyword, comes out as Error tokens, as it is an error to argdoc.
The words come from argdoc.syntax, as the compiler's do.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups
from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Name,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from argdoc.syntax import (
    ALIASES,
    DIVISION_KEYWORDS,
    EXHIBIT_KEYWORDS,
    INCLUDE,
    RELATIONS,
    SECTION,
    STATEMENT_KEYWORDS,
)

_ID = r"[^\W][\w-]*"
# Blocks with an id after the keyword (statements, tables, figures, charts), and
# headings whose id is optional (sections, subsections, appendices, the bibliography).
_STATEMENTS = "|".join((*STATEMENT_KEYWORDS, *EXHIBIT_KEYWORDS))
_HEADINGS = "|".join((SECTION, *DIVISION_KEYWORDS))
# Relation fields (`supports:`, `bears-on:`, ...) and their other spellings: their values are ids.
_RELATION_NAMES = sorted(
    {name for rows in RELATIONS.values() for name, _attribute, _kind in rows}
    | {alias for alias, name in ALIASES.items() if any(name == row[0] for rows in RELATIONS.values() for row in rows)}
)
_RELATIONS = "|".join(re.escape(name) for name in _RELATION_NAMES)

Rule = tuple[str, _TokenType | object] | tuple[str, _TokenType | object, str]


class ArgdocLexer(RegexLexer):
    """Pygments lexer for argdoc's structured-argument language."""

    name = "argdoc"
    aliases: ClassVar[list[str]] = ["argdoc", "arg"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argdoc"]
    url = "https://github.com/argdoc/argdoc"

    tokens: ClassVar[dict[str, list[Rule]]] = {
        "root": [
            (r"\n", Whitespace),
            (r"[ \t]*#[ \t]*argdoc:.*$", Comment.Special),
            (r"[ \t]*#.*$", Comment.Single),
            (rf"^({_STATEMENTS})([ \t]+)({_ID})", bygroups(Keyword.Declaration, Whitespace, Name.Label), "header"),
            # `bibliography "Sources":` is a heading, `bibliography: refs.bib` a header field (#12).
            (rf"^({_HEADINGS})\b(?!:)", Keyword.Declaration, "header"),
            (rf"^({INCLUDE})\b", Keyword.Namespace, "header"),
            (r"^([a-z][a-z0-9_-]*)(:)", bygroups(Name.Attribute, Punctuation), "value"),
            (rf"^([ \t]+)({_RELATIONS})(:)(?=[ \t]|$)", bygroups(Whitespace, Name.Attribute, Punctuation), "ids"),
            (r"^([ \t]+)([a-z][a-z0-9_-]*)(:)(?=[ \t]|$)", bygroups(Whitespace, Name.Attribute, Punctuation), "value"),
            (r"^([ \t]+)(>)", bygroups(Whitespace, Punctuation), "prose"),
            (r"^[ \t]+(?=\S)", Whitespace, "prose"),
            (r"[ \t]+", Whitespace),
        ],
        "header": [
            (r"[ \t]+", Whitespace),
            (r'"', String.Double, "string"),
            (r"\u201c[^\u201d\n]*\u201d", String.Double),
            (_ID, Name.Label),
            (r":", Punctuation),
            (r"#.*$", Comment.Single),
            (r"\n", Whitespace, "#pop"),
        ],
        "string": [
            (r"\\.", String.Escape),
            (r'"', String.Double, "#pop"),
            (r'[^"\\\n]+', String.Double),
        ],
        "value": [
            (r"[^\n]+", Text),
            (r"\n", Whitespace, "#pop"),
        ],
        "ids": [
            (r"[ \t]+", Whitespace),
            (_ID, Name.Label),
            (r",", Punctuation),
            (r"[^\s,]+", Text),
            (r"\n", Whitespace, "#pop"),
        ],
        "prose": [
            (r"\n", Whitespace, "#pop"),
            (r"\\.", String.Escape),
            (r"\[(?=@)", Punctuation, "citation"),
            (r"\*\*[^*\n]+\*\*", Generic.Strong),
            (r"\*[^*\n]+\*", Generic.Emph),
            (r"(\[)([^\]\n]*)(\]\()([^)\n]*)(\))", bygroups(Punctuation, Text, Punctuation, Name.Other, Punctuation)),
            (r'"[^"\n]*"', String.Double),
            (r"\u201c[^\u201d\n]*\u201d", String.Double),
            (r'[^\\\[*"\u201c\n]+', Text),
            (r".", Text),  # a lone `*`, `[` or quotation mark is the writer's text
        ],
        "citation": [
            (rf"(@)({_ID})", bygroups(Punctuation, Name.Label)),
            (r"[;,]", Punctuation),
            (r"\]", Punctuation, "#pop"),
            (r"[^\]\n@;,]+", Text),
            (r"@", Text),
        ],
    }
