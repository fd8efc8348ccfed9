"""Structure: the shape of the argument, read from its relation graph."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Rule, StageRule
from argdoc.nodes import AnyStatement, Claim, Component, Paragraph, Tension, Text
from argdoc.syntax import RECOMMENDATION, STATEMENT_FIELDS

_RELATIONS = ("supports", "opposes", "between", "bears-on")


class TensionNeedsTwoComponents(StageRule):
    """A tension must name at least two distinct components in `between:`.

    A tension is a conflict between components that cannot all be fully
    served; with one side named it is a worry, not a tension.

    Does not catch: components that are named but do not in fact pull against
    each other; a component named twice counts once.

    Bad:

        component power:
            Body.

        tension one-sided:
            between: power

    Good:

        component power:
            Body.

        component sovereignty:
            Body.

        tension sphere:
            between: power, sovereignty
    """

    code = "ARG005"
    name = "tension-needs-two-components"
    severity = Severity.ERROR
    summary = "A tension names fewer than two distinct components"
    family = "structure"


class DuplicateTension(Rule):
    """Two tensions lie between exactly the same components.

    Usually one tension written twice; if they are truly different, say how
    in one tension, or name the components that set them apart.

    Does not catch: two tensions between overlapping but different components
    (a, b and a, b, c), nor the same conflict written twice between different
    components.

    Bad:

        component a:
            Body.

        component b:
            Body.

        tension first:
            between: a, b

        tension second:
            between: b, a

    Good:

        component a:
            Body.

        component b:
            Body.

        tension first:
            between: a, b
    """

    code = "ARG101"
    name = "duplicate-tension"
    severity = Severity.WARNING
    summary = "Two tensions lie between the same components"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        seen: dict[frozenset[str], AnyStatement] = {}
        for tension in ctx.tensions:
            key = frozenset(ref.id for ref in tension.between)
            if len(key) < 2:
                continue
            first = seen.setdefault(key, tension)
            if first is not tension:
                yield Finding(
                    f"tension '{tension.id}' lies between the same components as '{first.id}'",
                    tension.id_span,
                    tension.id,
                    "merge the two tensions, or make their components differ",
                    (ctx.related(f"'{first.id}' is here", first),),
                )


class ComponentWithoutTension(Rule):
    """A component that no tension names.

    In a tensions brief every component is there to pull against another;
    one that takes part in no tension may belong to a different paper.

    Does not catch: a component named in a tension it has no part in. In a
    paper that is not a tensions brief the rule says little: turn it off
    there.

    Bad:

        component power:
            Body.

    Good:

        component power:
            Body.

        component sovereignty:
            Body.

        tension sphere:
            between: power, sovereignty
    """

    code = "ARG102"
    name = "component-without-tension"
    severity = Severity.INFO
    summary = "A component takes part in no tension"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        named = {ref.id for tension in ctx.tensions for ref in tension.between}
        for component in ctx.components:
            if component.id not in named:
                yield Finding(
                    f"component '{component.id}' takes part in no tension",
                    component.id_span,
                    component.id,
                    "name it in a tension's between: list, or drop it",
                )


class ClaimWithoutSupport(Rule):
    """A claim with no grounds: nothing supports it, no tension bears on it, and it cites nothing.

    A judgment needs grounds (Toulmin): evidence cited in its own body, or
    claims and components that support it.

    A recommendation (`role: recommendation`) is the authors' own judgment, so
    it need not cite anything; but the argument must lead to it. It has its
    grounds when a claim or component supports it, a tension bears on it, or it
    supports or opposes a claim of the argument (`supports: thesis`). A citation
    alone does not make it part of the argument.

    Does not catch: grounds that are there but weak: a citation that does not
    bear the claim out (single-source-dependency and weak-source-for-judgment
    weigh the evidence under a claim). A claim supported only by ungrounded
    claims counts as grounded; those claims are reported themselves.

    Bad:

        claim thesis:
            Russia is trying to balance two priorities.

    Good:

        claim thesis:
            Russia is trying to balance two priorities [@interfax].

        source interfax:
            outlet: Interfax
    """

    code = "ARG103"
    name = "claim-without-support"
    severity = Severity.ERROR
    summary = "A claim has no support, no bearing tension and no citation"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for claim in ctx.claims:
            grounds = [e for e in ctx.incoming.get(claim.id, []) if e.relation in ("supports", "bears-on")]
            if claim.role == RECOMMENDATION:
                if grounds or claim.supports or claim.opposes:
                    continue
                yield Finding(
                    f"recommendation '{claim.id}' does not follow from the argument",
                    claim.id_span,
                    claim.id,
                    "a recommendation needs no citation, but the argument must lead to it: "
                    "let it support the claim it serves (supports: thesis), or let a claim, component or tension "
                    "lead to it",
                )
            elif not grounds and not ctx.cited_sources(claim):
                yield Finding(
                    f"claim '{claim.id}' has no support",
                    claim.id_span,
                    claim.id,
                    "cite a source in its body, or let a claim or component support it",
                )


class SupportCycle(Rule):
    """Claims that support each other in a circle.

    A claim cannot be grounds for itself, however many steps away: the
    circle carries no evidence in.

    Does not catch: a circle through opposes: or bears-on:, which carry no
    support; two claims that restate each other without naming each other.

    Bad:

        claim a:
            supports: b
            Body [@s].

        claim b:
            supports: a
            Body [@s].

        source s:
            outlet: X

    Good:

        claim a:
            Body [@s].

        claim b:
            supports: a
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG104"
    name = "support-cycle"
    severity = Severity.ERROR
    summary = "Claims support each other in a cycle"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        # Only statements that support something can lie on a cycle; the search
        # starts from them in statement order (the first of a duplicated id).
        supports: dict[str, list[str]] = {}
        for edge in ctx.resolution.edges:
            if edge.relation == "supports":
                supports.setdefault(edge.source, []).append(edge.target)
        graph = {s.id: supports[s.id] for s in ctx.statements if s.id in supports}
        order: dict[str, int] = {}
        for cycle in _cycles(graph):
            order = order or {s.id: i for i, s in enumerate(ctx.statements)}  # only when there is a cycle
            first = min(cycle, key=order.__getitem__)
            start = cycle.index(first)
            path = [*cycle[start:], *cycle[:start], first]
            node = ctx.resolution.statement(first)
            yield Finding(
                "supports form a cycle: " + " -> ".join(path),
                node.id_span if node else None,
                first,
                "remove one of the supports: relations in the cycle",
            )


def _cycles(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Each strongly connected group of more than one node, in edge order (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    yield _in_edge_order(group[::-1], graph)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])


def _in_edge_order(group: list[str], graph: dict[str, list[str]]) -> list[str]:
    """Walk the group along its edges so the message reads as a path."""
    members = set(group)
    path = [group[0]]
    placed = {group[0]}  # beside the list: `t not in path` made a cycle of 100,000 claims take minutes
    while len(path) < len(group):
        nxt = next((t for t in graph[path[-1]] if t in members and t not in placed), None)
        if nxt is None:
            return group
        path.append(nxt)
        placed.add(nxt)
    return path


class OrphanStatement(Rule):
    """A claim, component or tension with no relation to anything else.

    It neither supports nor opposes a claim, no statement relates to it, and
    it is not the thesis: the argument would read the same without it.

    Does not catch: statements related only to each other, in a cluster cut
    off from the thesis: unreached-statement reports those.

    Bad:

        claim thesis:
            Body [@s].

        component power:
            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        component power:
            supports: thesis
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG105"
    name = "orphan-statement"
    severity = Severity.WARNING
    summary = "A statement is related to nothing"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        theses = {c.id for c in ctx.theses}
        # One pass over the edges, not two lookups and a list per statement.
        linked = {end for e in ctx.resolution.edges if e.relation in _RELATIONS for end in (e.source, e.target)}
        for statement in ctx.statements:
            if statement.kind == "source" or statement.id in theses:
                continue
            if statement.id not in linked:
                yield Finding(
                    f"{statement.kind} '{statement.id}' is related to no other statement",
                    statement.id_span,
                    statement.id,
                    "connect it (supports:, between:, bears-on:) or remove it",
                )


class ThesisCount(Rule):
    """A paper argues one thesis.

    The thesis is the claim marked `role: thesis`; without a mark, every
    claim that supports or opposes no other claim counts as one. Several
    theses mean several papers, or claims that forgot to say what they support.

    Does not catch: a mark on the wrong claim: the marked thesis is taken at
    its word.

    Bad:

        claim first:
            Body [@s].

        claim second:
            Body [@s].

        source s:
            outlet: X

    Good:

        claim first:
            Body [@s].

        claim second:
            supports: first
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG106"
    name = "thesis-count"
    severity = Severity.ERROR
    summary = "The paper does not have exactly one thesis"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        theses = ctx.theses
        if len(theses) == 1:
            return
        if not theses:
            yield Finding(
                "the paper has no thesis" if not ctx.claims else "every claim supports another: no thesis",
                None,
                None,
                "add the claim the paper argues, and mark it with role: thesis",
            )
            return
        names = ", ".join(f"'{c.id}'" for c in theses)
        yield Finding(
            f"the paper has {len(theses)} theses ({names})",
            theses[1].id_span,
            theses[1].id,
            "mark the main claim with role: thesis, or let the others support it",
            tuple(ctx.related(f"'{c.id}' is a thesis", c) for c in theses if c is not theses[1]),
        )


class TensionNotLinkedToClaim(Rule):
    """A tension that bears on no claim.

    In a tensions brief the tensions are the thesis's evidence; say which
    claim each one bears on.

    Does not catch: a tension that bears on a claim it has nothing to do with;
    whether any tension bears on the thesis is thesis-without-tension's.

    Bad:

        claim thesis:
            Body [@s].

        component a:
            supports: thesis

        component b:
            supports: thesis

        tension t:
            between: a, b

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        component a:
            supports: thesis

        component b:
            supports: thesis

        tension t:
            between: a, b
            bears-on: thesis

        source s:
            outlet: X
    """

    code = "ARG107"
    name = "tension-not-linked-to-claim"
    severity = Severity.WARNING
    summary = "A tension bears on no claim"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for tension in ctx.tensions:
            if not tension.bears_on:
                yield Finding(
                    f"tension '{tension.id}' bears on no claim",
                    tension.id_span,
                    tension.id,
                    "add bears-on: with the claim it is evidence for",
                )


def _field_like(ctx: LintContext, statement: AnyStatement) -> Iterable[tuple[str, Paragraph]]:
    fields = STATEMENT_FIELDS[statement.kind]
    for block in statement.body:
        if not isinstance(block, Paragraph) or not block.children or not isinstance(block.children[0], Text):
            continue
        first = block.children[0].value
        word = _FIRST_WORD.match(first)
        if word is None or word.group().lower() not in fields:
            continue  # most paragraphs: no need to look at the source
        # The paragraph's first line as written: `supports thesis` is a line of its own
        # even when prose follows on the next line of the same paragraph.
        if block.span is not None:
            line = ctx.file_of(statement.id).line_text(block.span.line)[block.span.column - 1 :].strip()
            if line.startswith("\\"):
                continue  # `\supports: ...` is prose on purpose
            first = line if first.startswith(line) else first
        match = _FIELD_LIKE.match(first)
        if match and match.group(1).lower() in fields:
            yield match.group(1), block


_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_FIELD_LIKE = re.compile(r"([A-Za-z][A-Za-z-]*)(?:\s*:|\s+[\w-]+(?:,\s*[\w-]+)*\s*$)")


class FieldInProse(Rule):
    """A paragraph that starts like one of the statement's fields, so is read as prose.

    Fields are read only at the top of a body, written in lower case and
    followed by a colon: `Supports: thesis`, `supports thesis` or a
    `supports:` line after the first paragraph are text, and the relation
    they meant is silently missing.

    Does not catch: a misspelt field (`suports: thesis` at the top of a body
    is an unknown field, reported by the compiler); field-like words in the
    middle of a paragraph; a paragraph that starts with a backslash
    (`\\supports`), which is prose on purpose.

    Bad:

        claim thesis:
            Body [@s].

        component power:
            Supports: thesis
            Putin spoke out [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        component power:
            supports: thesis
            Putin spoke out [@s].

        source s:
            outlet: X
    """

    code = "ARG108"
    name = "field-in-prose"
    severity = Severity.WARNING
    summary = "A paragraph starts like a field, so the field is missing"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            for written, block in _field_like(ctx, statement):
                name = written.lower()
                yield Finding(
                    f"this paragraph starts like the field '{name}', so it is read as text",
                    block.span,
                    statement.id,
                    f"write the field at the top of the body, in lower case with a colon: {name}: ...",
                )


# --- the reviewer's eye (#15): what an editor marks in the shape of an argument --------


def _closure(below: dict[str, list[str]], roots: Iterable[str]) -> set[str]:
    """The roots and everything `below` leads to from them, however deep (iteratively: chains run long)."""
    found = set(roots)
    todo = list(found)
    while todo:
        for lower in below.get(todo.pop(), ()):
            if lower not in found:
                found.add(lower)
                todo.append(lower)
    return found


def _claims_under(ctx: LintContext, roots: Iterable[str], *, answers: bool = True) -> set[str]:
    """The roots and every statement that supports them, all the way down.

    Without `answers`, a statement that opposes something is left out with what
    lies under it: an objection or an answer to one is not the thesis's support,
    and an answer to an answer is not asked for.
    """
    opposing = set() if answers else {e.source for e in ctx.resolution.edges if e.relation == "opposes"}
    below: dict[str, list[str]] = {}
    for edge in ctx.resolution.edges:
        if edge.relation == "supports" and edge.source not in opposing:
            below.setdefault(edge.target, []).append(edge.source)
    return _closure(below, roots)


def _reaching(ctx: LintContext, roots: Iterable[str]) -> set[str]:
    """Every statement with a path to a root: supports, opposes and bears-on lead up to the
    claim they name; a component leads up to each tension that names it in `between:`."""
    below: dict[str, list[str]] = {}
    for edge in ctx.resolution.edges:
        if edge.relation in ("supports", "opposes", "bears-on"):
            below.setdefault(edge.target, []).append(edge.source)
        elif edge.relation == "between":
            below.setdefault(edge.source, []).append(edge.target)
    return _closure(below, roots)


def _thesis_ids(ctx: LintContext) -> set[str]:
    return {c.id for c in ctx.theses}


class UnansweredObjection(Rule):
    """An objection to the thesis (or to a claim under it) that nothing answers.

    A claim that opposes the thesis, or a claim that supports it, is an
    objection the paper has raised itself; a reviewer asks where the paper
    answers it. Answer it with a claim that opposes the objection.

    Does not catch: an objection answered only in prose (the rule reads
    relations, not words), a weak answer, nor an objection to an answer (a
    claim that opposes something is not counted as the thesis's support).

    Bad:

        claim thesis:
            role: thesis

            Sanctions have slowed the programme [@iaea].

        claim smuggling:
            opposes: thesis

            Procurement networks route around the sanctions [@iaea].

        source iaea:
            outlet: IAEA

    Good:

        claim thesis:
            role: thesis

            Sanctions have slowed the programme [@iaea].

        claim smuggling:
            opposes: thesis

            Procurement networks route around the sanctions [@iaea].

        claim seizures:
            opposes: smuggling

            Most intercepted shipments were seized before delivery [@iaea].

        source iaea:
            outlet: IAEA
    """

    code = "ARG109"
    name = "unanswered-objection"
    severity = Severity.WARNING
    summary = "A claim opposing the thesis (or a claim under it) is opposed by nothing"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        under = _claims_under(ctx, _thesis_ids(ctx), answers=False)
        answered = {e.target for e in ctx.resolution.edges if e.relation == "opposes"}
        for claim in ctx.claims:
            target = next((ref.id for ref in claim.opposes if ref.id in under), None)
            if target is not None and claim.id not in answered:
                yield Finding(
                    f"claim '{claim.id}' objects to '{target}', and nothing answers it",
                    claim.id_span,
                    claim.id,
                    f"add a claim with opposes: {claim.id} that answers the objection",
                )


class UnreachedStatement(Rule):
    """A claim, component or tension with relations that never lead to the thesis.

    Every statement should reach the thesis through supports, opposes,
    bears-on (and, for a component, a tension that names it). A detached pair
    (an objection to a claim that itself supports nothing) is an argument the
    paper never connects to what it argues. This holds when the thesis is
    marked with `role: thesis` too.

    Does not catch: a statement with no relation at all (orphan-statement
    reports it), nor a paper without a single thesis (thesis-count does).

    Bad:

        claim thesis:
            role: thesis

            Body [@s].

        claim side:
            Body [@s].

        claim objection:
            opposes: side

            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            role: thesis

            Body [@s].

        claim side:
            supports: thesis

            Body [@s].

        claim objection:
            opposes: side

            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG110"
    name = "unreached-statement"
    severity = Severity.WARNING
    summary = "A statement's relations never lead to the thesis"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        theses = _thesis_ids(ctx)
        if len(ctx.theses) != 1:
            return
        reached = _reaching(ctx, theses)
        linked = {end for e in ctx.resolution.edges if e.relation in _RELATIONS for end in (e.source, e.target)}
        for statement in ctx.statements:
            if statement.kind == "source" or statement.id in reached or statement.id not in linked:
                continue
            yield Finding(
                f"{statement.kind} '{statement.id}' does not lead to the thesis",
                statement.id_span,
                statement.id,
                "connect it, or what it relates to, to the thesis (supports:, opposes:, bears-on:)",
            )


class SupportsAndOpposes(Rule):
    """A statement that both supports and opposes the same claim.

    A statement cannot be grounds for a claim and an objection to it at once:
    one of the two relations is a slip.

    Does not catch: a statement that supports a claim and opposes one of its
    supports (supports-both-sides catches the reverse case for components).

    Bad:

        claim thesis:
            Body [@s].

        claim mixed:
            supports: thesis
            opposes: thesis

            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        claim mixed:
            supports: thesis

            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG111"
    name = "supports-and-opposes"
    severity = Severity.ERROR
    summary = "A statement both supports and opposes the same claim"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for claim in ctx.claims:
            opposed = {ref.id for ref in claim.opposes}
            for ref in claim.supports:
                if ref.id in opposed:
                    yield Finding(
                        f"claim '{claim.id}' both supports and opposes '{ref.id}'",
                        ref.span or claim.id_span,
                        claim.id,
                        "keep the relation you mean and remove the other",
                    )
                    opposed.discard(ref.id)


class SupportsBothSides(Rule):
    """A statement that supports both a claim and an objection to that claim.

    Evidence that is grounds for the thesis and for its objection cuts both
    ways; the paper should say how, or the relation is a slip.

    Does not catch: evidence that cuts both ways without saying so in its
    relations.

    Bad:

        claim thesis:
            Body [@s].

        claim objection:
            opposes: thesis

            Body [@s].

        claim answer:
            opposes: objection

            Body [@s].

        component trade:
            supports: thesis, objection

            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        claim objection:
            opposes: thesis

            Body [@s].

        claim answer:
            opposes: objection

            Body [@s].

        component trade:
            supports: thesis

            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG112"
    name = "supports-both-sides"
    severity = Severity.WARNING
    summary = "A statement supports both a claim and a claim that opposes it"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        opposes = {(e.source, e.target) for e in ctx.resolution.edges if e.relation == "opposes"}
        for statement in ctx.statements:
            if not isinstance(statement, Claim | Component):
                continue
            targets = [ref.id for ref in statement.supports]
            pair = next(((a, b) for a in targets for b in targets if (b, a) in opposes), None)
            if pair is not None:
                yield Finding(
                    f"{statement.kind} '{statement.id}' supports both '{pair[0]}' and '{pair[1]}', which opposes it",
                    statement.id_span,
                    statement.id,
                    "say in which way it supports each, or keep the one relation you mean",
                )


class ThesisWithoutTension(Rule):
    """A paper with tensions, none of which bears on the thesis or a claim under it.

    In a tensions brief the tensions are the thesis's evidence; when none
    bears on the thesis (or on a claim that supports it), the tensions argue
    something else.

    Does not catch: a paper without tensions (it is not a tensions brief).

    Bad:

        claim thesis:
            role: thesis

            Body [@s].

        claim other:
            Body [@s].

        component a:
            supports: thesis

            Body [@s].

        component b:
            supports: thesis

            Body [@s].

        tension t:
            between: a, b
            bears-on: other

        source s:
            outlet: X

    Good:

        claim thesis:
            role: thesis

            Body [@s].

        component a:
            supports: thesis

            Body [@s].

        component b:
            supports: thesis

            Body [@s].

        tension t:
            between: a, b
            bears-on: thesis

        source s:
            outlet: X
    """

    code = "ARG113"
    name = "thesis-without-tension"
    severity = Severity.WARNING
    summary = "No tension bears on the thesis or a claim under it"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if not ctx.tensions or len(ctx.theses) != 1:
            return
        [thesis] = ctx.theses
        under = _claims_under(ctx, {thesis.id})
        if any(ref.id in under for tension in ctx.tensions for ref in tension.bears_on):
            return
        yield Finding(
            f"no tension bears on the thesis '{thesis.id}' or a claim under it",
            thesis.id_span,
            thesis.id,
            "add bears-on: with the thesis (or a claim that supports it) to the tensions it rests on",
        )


class EmptyStatement(Rule):
    """A claim or tension with a title and no text.

    A title states the point; the body says why it holds. A statement with
    only a title asks the reader to take it on trust.

    Does not catch: a body that says nothing of substance. Components are
    left to uncited-statement.

    Bad:

        claim thesis "Russia balances two priorities":
            role: thesis

    Good:

        claim thesis "Russia balances two priorities":
            role: thesis

            Moscow wants no nuclear Iran and no sanctions regime it does not control [@s].

        source s:
            outlet: X
    """

    code = "ARG114"
    name = "empty-statement"
    severity = Severity.WARNING
    summary = "A claim or tension has a title but no text"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            if isinstance(statement, Claim | Tension) and not statement.body:
                yield Finding(
                    f"{statement.kind} '{statement.id}' has no text",
                    statement.id_span,
                    statement.id,
                    "say in its body why it holds, with the evidence",
                )


class EmptySection(Rule):
    """A section, subsection or appendix with nothing under its heading.

    Usually a placeholder left from the outline.

    Statements belong to the section above them, so only a heading
    followed straight by another heading is empty.

    Does not catch: a section whose only content is a subsection (that is
    its content).

    Bad:

        section background "Background":

        section analysis "Analysis":

        claim thesis:
            Body [@s].

        source s:
            outlet: X

    Good:

        section background "Background":
            Moscow and Tehran signed the Bushehr contract in 1995.

        section analysis "Analysis":

        claim thesis:
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG115"
    name = "empty-section"
    severity = Severity.INFO
    summary = "A section has no statements and no text beyond its heading"
    family = "structure"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for division in ctx.paper.divisions():
            subsections = getattr(division, "subsections", ())
            if division.body or division.statements or division.exhibits or subsections:
                continue
            yield Finding(
                f"{division.kind} '{division.id or division.title}' is empty",
                division.id_span or division.span,
                division.id,
                "write its introduction or its statements, or remove the heading",
            )


RULES: tuple[type[Rule], ...] = (
    TensionNeedsTwoComponents,
    DuplicateTension,
    ComponentWithoutTension,
    ClaimWithoutSupport,
    SupportCycle,
    OrphanStatement,
    ThesisCount,
    TensionNotLinkedToClaim,
    FieldInProse,
    UnansweredObjection,
    UnreachedStatement,
    SupportsAndOpposes,
    SupportsBothSides,
    ThesisWithoutTension,
    EmptyStatement,
    EmptySection,
)
