"""The argument at a glance: which tensions lie between which components, and what they bear on.

This is the model behind both the "tensions at a glance" table and the
tension map (`argdoc.render.tension_map`). Only references that resolve to a
statement of the right kind are kept, so a paper compiled with errors still
renders, and every row and node points at something on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from argdoc.nodes import Claim, Component, Paper, Reference, Tension


@dataclass(frozen=True)
class TensionRow:
    """One tension: its anchor, the components it lies between, the claims it bears on."""

    anchor: str
    between: tuple[str, ...]
    bears_on: tuple[str, ...]


@dataclass(frozen=True)
class Glance:
    """The tensions of a paper and the statements they connect, in document order."""

    tensions: tuple[TensionRow, ...]
    components: tuple[str, ...]  # every component, also those in no tension
    claims: tuple[str, ...]  # the claims some tension bears on, the thesis first
    thesis: str | None

    def __bool__(self) -> bool:
        return bool(self.tensions)


def glance(paper: Paper, thesis: Claim | None) -> Glance:
    statements = paper.all_statements()
    components = tuple(s.id for s in statements if isinstance(s, Component))
    # Made once: a set built per tension made the glance quadratic in the paper's size.
    known_components = set(components)
    claims = {s.id for s in statements if isinstance(s, Claim)}
    rows = tuple(
        TensionRow(s.id, _known(s.between, known_components), _known(s.bears_on, claims))
        for s in statements
        if isinstance(s, Tension)
    )
    borne = dict.fromkeys(claim for row in rows for claim in row.bears_on)
    thesis_id = thesis.id if thesis is not None else None
    ordered = sorted(borne, key=lambda claim: claim != thesis_id)  # stable: the thesis first, then as found
    return Glance(rows, components, tuple(ordered), thesis_id)


def _known(references: tuple[Reference, ...], ids: set[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref.id for ref in references if ref.id in ids))
