"""The table of contents: the numbered sections with their statements, and the parts around them.

The entries only name anchors; the print stylesheet adds dot leaders and the
page each anchor lands on (`target-counter`), so the numbers are WeasyPrint's
own and cannot drift from the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from argdoc.render.layout import Layout


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    number: int | None = None
    children: tuple[TocEntry, ...] = ()


def contents(plan: Layout, *, glance: bool, endnotes: bool, statements: bool = True) -> tuple[TocEntry, ...]:
    """The entries, in page order: at a glance, the sections (with their statements, if asked),
    the notes (on screen), the sources."""
    entries: list[TocEntry] = []
    if glance:
        entries.append(TocEntry(plan.anchors["glance"], "The argument at a glance"))
    for group in plan.groups:
        children = tuple(TocEntry(s.id, plan.titles[s.id]) for s in group.statements) if statements else ()
        entries.append(TocEntry(group.anchor, group.title, group.number, children))
    if endnotes:
        entries.append(TocEntry(plan.anchors["notes"], "Notes"))
    if plan.sources:
        entries.append(TocEntry(plan.anchors["sources"], plan.sources_title))
    return tuple(entries)
