"""Sources and CSL-JSON items, both ways: out for `export --to csl-json`, the Markdown export and the
test oracle (`csl_item`); in for CSL-JSON reference files (`read_csl_json`, `bibliography: refs.json`).

The item keeps to the CSL-JSON schema (v1.0.2): argdoc's own data (the
grade, an author's affiliation) goes under `custom`, which the schema keeps
for that, never at the top level (the schema forbids unknown keys).
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from argdoc import codes
from argdoc.cite.dates import DateError, parse_partial_date
from argdoc.cite.kinds import KINDS, canonical_kind, source_kind
from argdoc.cite.library import Entry, missing_title
from argdoc.diagnostics import Diagnostic, make
from argdoc.nodes import PartialDate, PersonName, Source
from argdoc.source import SourceFile, Span

CslItem = dict[str, Any]

# .arg field (Source attribute) -> CSL variable, for the plain text ones.
_VARIABLES = (
    ("title", "title"),
    ("outlet", "container-title"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("pages", "page"),
    ("edition", "edition"),
    ("publisher", "publisher"),
    ("place", "publisher-place"),
    ("number", "number"),
    ("genre", "genre"),
    ("medium", "medium"),
    ("doi", "DOI"),
    ("url", "URL"),
    ("language", "language"),
    ("note", "note"),
)
_NAMES = (("authors", "author"), ("editors", "editor"), ("interviewers", "interviewer"))


def csl_item(source: Source) -> CslItem:
    """The source as one CSL-JSON item (id = the source's id)."""
    item: CslItem = {"id": source.id, "type": source_kind(source).name}
    for attribute, variable in _VARIABLES:
        value = getattr(source, attribute)
        if value:
            item[variable] = value
    for attribute, variable in _NAMES:
        names = getattr(source, attribute)
        if names:
            item[variable] = [csl_name(name) for name in names]
    for attribute, variable in (("date", "issued"), ("original_date", "original-date")):
        date = getattr(source, attribute)
        if date is not None:
            item[variable] = csl_date(date)
    if source.accessed is not None:
        item["accessed"] = csl_date(source.accessed)
    custom = {key: value for key, value in _custom(source).items() if value}
    if custom:
        item["custom"] = custom
    return item


def csl_name(name: PersonName) -> dict[str, str]:
    if name.literal is not None:
        return {"literal": name.literal}
    parts = {"family": name.family, "given": name.given, "non-dropping-particle": name.particle, "suffix": name.suffix}
    return {key: value for key, value in parts.items() if value}


def csl_date(date: PartialDate | datetime.date) -> dict[str, Any]:
    """`{"date-parts": [[2024, 3]]}`; an undated work (`n.d.`) as CSL's literal."""
    if isinstance(date, datetime.date):
        return {"date-parts": [[date.year, date.month, date.day]]}
    if date.year is None:
        return {"literal": "n.d."}
    return {"date-parts": [[part for part in (date.year, date.month, date.day) if part is not None]]}


def _custom(source: Source) -> dict[str, Any]:
    affiliations = {
        name.natural: name.affiliation for name in (*source.authors, *source.editors) if name.affiliation is not None
    }
    return {"grade": source.grade, "affiliations": affiliations}


# --- CSL-JSON files in (`bibliography: refs.json`, argdoc.cite.library) ---------------------------------

# CSL's item types that argdoc has no kind for, read as the nearest kind it has.
_NEAREST_KIND = {
    "article": "document",
    "manuscript": "document",
    "pamphlet": "document",
    "entry": "chapter",
    "entry-dictionary": "chapter",
    "entry-encyclopedia": "chapter",
    "review": "article-journal",
    "review-book": "article-journal",
    "collection": "book",
    "classic": "book",
    "periodical": "book",
}


def read_csl_json(file: SourceFile) -> tuple[list[Entry], list[Diagnostic]]:
    """Every item of a CSL-JSON file (a JSON array, as Zotero exports it) as a source."""
    items, problem = _items_with_offsets(file)  # up to a syntax error, if there is one
    entries = []
    for offset, raw in items:
        entry = _ItemReader(raw, offset, file).entry()
        if entry is not None:
            entries.append(entry)
    return entries, [problem] if problem is not None else []


def _items_with_offsets(file: SourceFile) -> tuple[list[tuple[int, Any]], Diagnostic | None]:
    """The array's items with the offset each starts at (json.loads knows no positions; raw_decode does).

    At a syntax error: the items before it, and the error.
    """
    decoder = json.JSONDecoder()
    text = file.text
    whitespace = re.compile(r"\s*")
    position = whitespace.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", position):
        return [], _json_problem(file, position, "a CSL-JSON file is an array of items: it starts with '['")
    position = whitespace.match(text, position + 1).end()  # type: ignore[union-attr]
    items: list[tuple[int, Any]] = []
    while not text.startswith("]", position):
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            return items, _json_problem(file, error.pos, error.msg)
        items.append((position, value))
        position = whitespace.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position = whitespace.match(text, position + 1).end()  # type: ignore[union-attr]
        elif not text.startswith("]", position):
            return items, _json_problem(file, position, "expected ',' or ']' after an item")
    return items, None


def _json_problem(file: SourceFile, offset: int, message: str) -> Diagnostic:
    line, column = file.position(min(offset, len(file.text)))
    return make(
        codes.INVALID_REFERENCE_ENTRY,
        f"cannot read the CSL-JSON file: {message}",
        file,
        Span(line=line, column=column, end_line=line, end_column=column + 1),
        hint="export the library again from Zotero as CSL JSON; the file must be one JSON array of items",
    )


class _ItemReader:
    """One CSL-JSON item to a Source; what is wrong is reported at the key it is under."""

    def __init__(self, item: Any, offset: int, file: SourceFile) -> None:
        self.item = item
        self.offset = offset
        self.file = file
        self.problems: list[Diagnostic] = []

    def span(self, key: str | None = None) -> Span:
        """Where `"key"` is written inside the item (the item's start when it is not found)."""
        start = self.offset
        if key is not None:
            found = self.file.text.find(f'"{key}"', self.offset)
            start = found if found >= 0 else start
        line, column = self.file.position(start)
        return Span(line=line, column=column, end_line=line, end_column=column + len(key or "") + 2)

    def problem(self, code: codes.Code, message: str, key: str | None, hint: str) -> None:
        ident = self.item.get("id") if isinstance(self.item, dict) else None
        self.problems.append(make(code, message, self.file, self.span(key), hint=hint, statement=str(ident)))

    def entry(self) -> Entry | None:
        if not isinstance(self.item, dict):
            self.problem(codes.INVALID_REFERENCE_ENTRY, "an item of a CSL-JSON file is an object", None, _ITEM_HINT)
            return None
        key = self.item.get("citation-key") or self.item.get("id")
        if not isinstance(key, str | int) or isinstance(key, bool) or str(key) == "":
            self.problem(codes.INVALID_REFERENCE_ENTRY, "an item without an 'id'", None, _ITEM_HINT)
            return None
        key = str(key)
        if "/" in key:  # Zotero without Better BibTeX: the item's URI; its last part is the item's key
            key = key.rstrip("/").rsplit("/", 1)[-1]
        values = {attribute: text for attribute, variable in _VARIABLES if (text := self.text(variable)) is not None}
        if "place" not in values and (place := self.text("event-place")) is not None:
            values["place"] = place  # a speech's or a conference paper's place
        source = Source(
            id=key,
            type=self.kind(),
            authors=self.names("author"),
            editors=self.names("editor"),
            interviewers=self.names("interviewer"),
            date=self.date("issued"),
            original_date=self.date("original-date"),
            accessed=self.accessed(),
            grade=self.custom("grade"),
            span=self.span(),
            id_span=self.span("citation-key" if "citation-key" in self.item else "id"),
            origin=self.file.path,
            **values,
        )
        if source.title is None:
            self.problems.append(missing_title(source, self.file))
        return Entry(source, self.problems)

    def text(self, variable: str) -> str | None:
        value = self.item.get(variable)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

    def custom(self, name: str) -> str | None:
        custom = self.item.get("custom")
        value = custom.get(name) if isinstance(custom, dict) else None
        return value if isinstance(value, str) else None

    def kind(self) -> str | None:
        written = self.item.get("type")
        kind = canonical_kind(written) if isinstance(written, str) else None
        if kind is None and isinstance(written, str) and written in _NEAREST_KIND:
            return _NEAREST_KIND[written]
        if kind is None:
            self.problem(
                codes.INVALID_REFERENCE_ENTRY,
                f"argdoc knows no item type {json.dumps(written)}",
                "type",
                "give the item one of CSL's types: " + ", ".join(KINDS),
            )
        return kind

    def names(self, variable: str) -> tuple[PersonName, ...]:
        written = self.item.get(variable)
        if written is None:
            return ()
        names = []
        for name in written if isinstance(written, list) else [written]:
            parts = (
                {
                    "family": name.get("family"),
                    "given": name.get("given"),
                    "particle": name.get("non-dropping-particle") or name.get("dropping-particle"),
                    "suffix": name.get("suffix"),
                    "literal": name.get("literal"),
                }
                if isinstance(name, dict)
                else {}
            )
            parts = {key: value.strip() for key, value in parts.items() if isinstance(value, str) and value.strip()}
            if not parts.get("family") and not parts.get("literal"):
                self.problem(
                    codes.INVALID_REFERENCE_ENTRY,
                    f"a name in '{variable}' has neither a family name nor a literal one",
                    variable,
                    'write a person as {"family": "Smith", "given": "Jane"}, an institution as {"literal": "NATO"}',
                )
                continue
            names.append(PersonName(**parts, span=self.span(variable)))
        return tuple(names)

    def _parts(self, variable: str) -> list[int] | None:
        """The first date's parts, as numbers (Zotero sometimes writes them as strings)."""
        written = self.item.get(variable)
        if written is None:
            return None
        try:
            first: Any = written["date-parts"][0] if "date-parts" in written else None
            if first is None and isinstance(written.get("raw"), str):
                return [int(part) for part in written["raw"].split("-")[:3]]
            if first is None and str(written.get("literal", "")).lower() in {"n.d.", "nd", "n.d"}:
                return []
            return [int(part) for part in first[:3]]  # (None raises TypeError: no form argdoc knows)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            self.problem(
                codes.INVALID_DATE,
                f"cannot read the date in '{variable}'",
                variable,
                'write dates as {"date-parts": [[2024, 3, 15]]} (or [[2024, 3]], [[2024]])',
            )
            return None

    def date(self, variable: str) -> PartialDate | None:
        parts = self._parts(variable)
        if parts is None:
            return None
        text = "-".join(f"{part:04d}" if index == 0 else f"{part:02d}" for index, part in enumerate(parts)) or "n.d."
        try:
            return parse_partial_date(text).model_copy(update={"span": self.span(variable)})
        except DateError as error:
            self.problem(codes.INVALID_DATE, str(error), variable, "give a date that exists: [[2024, 3, 15]]")
            return None

    def accessed(self) -> datetime.date | None:
        parts = self._parts("accessed")
        if not parts:
            return None
        try:
            return datetime.date(*[*parts, 1, 1][:3])
        except ValueError:
            self.problem(
                codes.INVALID_DATE,
                "the access date is not a day of the calendar",
                "accessed",
                'write it as {"date-parts": [[2024, 3, 15]]}',
            )
            return None


_ITEM_HINT = 'each item is an object with an "id" and a "type": {"id": "smith2024", "type": "book", ...}'
