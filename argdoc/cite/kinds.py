"""The kinds of work a source can be: CSL's item types, and what each needs.

`type:` takes CSL's names (so a source maps one to one onto a CSL-JSON item);
the hyphenated spellings of CSL's underscored names (`legal-case`) are read
too. A source without `type:` is a newspaper article, or a web page when it
gives an address and no outlet.

Each kind says which fields a complete reference of it has (lint's
`source-incomplete`), whether it appears somewhere (`source-missing-outlet`)
and whether its news goes stale (`stale-source`: a treaty or a book does not).
"""

from __future__ import annotations

from typing import NamedTuple

from argdoc.nodes import Source


class Kind(NamedTuple):
    name: str  # CSL's item type
    label: str  # for messages and docs: "a journal article"
    required: tuple[tuple[str, ...], ...]  # each inner tuple: one of these fields must be there
    has_outlet: bool  # published inside something (a newspaper, a journal, a book, a site)
    goes_stale: bool


def _kind(
    name: str, label: str, required: tuple[tuple[str, ...], ...] = (), *, outlet: bool = False, stale: bool = True
) -> Kind:
    return Kind(name, label, required, outlet, stale)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        _kind("article-newspaper", "a newspaper article", outlet=True),
        _kind("article-magazine", "a magazine article", outlet=True),
        _kind("article-journal", "a journal article", (("volume",), ("pages",)), outlet=True),
        _kind("book", "a book", (("publisher",),), stale=False),
        _kind("chapter", "a chapter", (("outlet",), ("publisher",)), outlet=True, stale=False),
        _kind("report", "a report", (("publisher", "authors"),)),
        _kind("webpage", "a web page", (("url",),), outlet=True),
        _kind("post", "a post", (("url",),), outlet=True),
        _kind("post-weblog", "a blog post", (("url",),), outlet=True),
        _kind("interview", "an interview"),
        _kind("speech", "a speech"),
        _kind("dataset", "a dataset", (("publisher", "authors"),), stale=False),
        _kind("legislation", "a law", stale=False),
        _kind("bill", "a bill", stale=False),
        _kind("treaty", "a treaty", stale=False),
        _kind("legal_case", "a legal case", stale=False),
        _kind("regulation", "a regulation", stale=False),
        _kind("standard", "a standard", stale=False),
        _kind("broadcast", "a broadcast", outlet=True),
        _kind("personal_communication", "a personal communication"),
        _kind("hearing", "a hearing"),
        _kind("document", "a document"),
        # Kinds reference files bring (#12: BibTeX's @phdthesis, @inproceedings; Zotero's theses, conference papers).
        _kind("thesis", "a thesis", (("publisher",),), stale=False),
        _kind("paper-conference", "a conference paper", outlet=True, stale=False),
    )
}
DEFAULT_KIND = "article-newspaper"


def canonical_kind(written: str) -> str | None:
    """CSL's name for a written kind (`legal-case` -> `legal_case`); None when argdoc knows no such kind."""
    for candidate in (written, written.replace("-", "_")):
        if candidate in KINDS:
            return candidate
    return None


def source_kind(source: Source) -> Kind:
    """The source's kind: its `type:`, else a newspaper article (or a web page: an address and no outlet)."""
    if source.type is not None and source.type in KINDS:
        return KINDS[source.type]
    if source.outlet is None and source.url is not None:
        return KINDS["webpage"]
    return KINDS[DEFAULT_KIND]


def missing_fields(source: Source) -> list[str]:
    """The fields a complete reference of the source's kind would give and it does not (one name per need)."""
    kind = source_kind(source)
    return [need[0] for need in kind.required if not any(getattr(source, field) for field in need)]
