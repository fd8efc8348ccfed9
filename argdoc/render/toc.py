"""The table of contents: the numbered sections with their statements, and the parts around them.

The entries only name anchors; the print stylesheet adds dot leaders and the
page each anchor lands on (`target-counter`), so the numbers are WeasyPrint's
own and cannot drift from the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argdoc.render.layout import Layout


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    number: str | None = None
    children: tuple[TocEntry, ...] = ()


def contents(
    plan: Layout, vocabulary: Mapping[str, str], *, glance: bool, endnotes: bool, statements: bool = True
) -> tuple[TocEntry, ...]:
    """The entries, in page order: at a glance, the sections (with their statements, if asked),
    the notes (on screen), the sources; argdoc's own headings in the paper's language (`vocabulary`)."""
    entries: list[TocEntry] = []
    if glance:
        entries.append(TocEntry(plan.anchors["glance"], vocabulary["glance"]))
    for group in (*plan.groups, *plan.appendices):
        children = tuple(TocEntry(s.id, plan.titles[s.id]) for s in group.statements) if statements else ()
        # Subsections are listed under their section, numbered (2.1), in print too.
        children += tuple(TocEntry(sub.anchor, sub.title, sub.number) for sub in group.subsections)
        appendix = vocabulary["appendix"].format(number=group.number)
        title = f"{appendix}: {group.title}" if group.kind == "appendix" else group.title
        entries.append(TocEntry(group.anchor, title, None if group.kind == "appendix" else group.number, children))
    if endnotes:
        entries.append(TocEntry(plan.anchors["notes"], vocabulary["notes"]))
    if plan.sources:
        entries.append(TocEntry(plan.anchors["sources"], plan.sources_title))
    return tuple(entries)
