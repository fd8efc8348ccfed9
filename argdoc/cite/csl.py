"""A source as a CSL-JSON item: what `export --to csl-json`, the Markdown export and the test oracle give.

The item keeps to the CSL-JSON schema (v1.0.2): argdoc's own data (the
grade, an author's affiliation) goes under `custom`, which the schema keeps
for that, never at the top level (the schema forbids unknown keys).
"""

from __future__ import annotations

import datetime
from typing import Any

from argdoc.cite.kinds import source_kind
from argdoc.nodes import PartialDate, PersonName, Source

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
