"""Citations and remarks as notes: footnotes in the PDF, endnotes with back-links on the web.

Every run of adjacent citations (`[@a; @b, p. 4]`) becomes one note, and so
does every remark (`^[words]`), numbered in one series in reading order; a
citation inside a remark is written into the remark's words (`entries`).
Notes are numbered as the templates render the bodies, which is document
order, so one `Notes` object serves exactly one render. The first note
citing a source gives it in full, later ones in short form
(Chicago notes-bibliography; see `argdoc.render.bibliography`).

In the author-date styles (Chicago author-date, APA, Harvard) a run of
citations is no note: it stands in the text as a parenthetical,
`(Freedman 2017, 12; Erlanger 2024)`, each work linked to its entry in the
list. Remarks stay notes in every style.

At the call site:

* print: the note's text itself, in a `<span class="footnote">` that the print
  stylesheet floats to the foot of the page (CSS `float: footnote`);
  WeasyPrint numbers the call and the note.
* screen: a superscript link to the endnote (`role="doc-noteref"`); the
  endnotes section lists the notes with a back-link to each call
  (`role="doc-backlink"`), inside `role="doc-endnotes"`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from argdoc.cite.styles import DEFAULT_STYLE, Style
from argdoc.nodes import Citation, Source
from argdoc.render.bibliography import internal_link, note_entry
from argdoc.render.fonts import Medium
from argdoc.render.safe_html import format_html, join_html

# The punctuation that ends words before a citation (`ahead.[@x]`, `mass,[@k] and`), a closing quote after
# it (`“the hard part.”[@x]`; escaped: `&#34;`), and French's no-break space before `;:!?`.
_TRAILING = re.compile(r"([\u00a0\u202f]?[.,;:!?])((?:[\u201d\u2019\u201c\u00bb\u203a]|&#34;|&#39;)*)$")

# Words that end in an abbreviation's period: "U.S.", "e.g.", "et al.", "etc.", "Inc."
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:etc|al|Inc|Ltd|Co|Corp|Jr|Sr|vs|approx)\.)$")


def _link_to_entry(source: Source, words: Markup) -> Markup:
    """A cited work's name and year, linked to its entry in the source list (whose id is the source's)."""
    return internal_link(source.id, words)


@dataclass(frozen=True)
class Note:
    number: int
    text: Markup
    anchor: str  # the endnote's id
    call_anchor: str  # the id of its call in the text, for the back-link


@dataclass
class Notes:
    """The notes of one render, in the order their calls were rendered.

    `prefix` starts the notes' element ids (`fn-3`, `fn-call-3`); the layout
    picks one that no statement id can clash with.
    """

    sources: Mapping[str, Source]
    medium: Medium
    prefix: str = "fn"
    style: Style = field(default_factory=lambda: Style(DEFAULT_STYLE))
    notes: list[Note] = field(default_factory=list)
    _cited: set[str] = field(default_factory=set)
    # Entries by (source, locator, short, final): a source is cited again and
    # again in short form, and an entry is a pure function of these.
    _entries: dict[tuple[str, str | None, bool, bool], Markup] = field(default_factory=dict)

    def call(self, run: Sequence[Citation]) -> Markup:
        """Add a note for a run of citations; the markup that stands where the citations were.

        In an author-date style the run is no note but a parenthetical in the
        text, after a space: "tensions (Freedman 2017, 12)."
        """
        if not self.style.uses_notes:
            return Markup(" ") + self._in_text(run)
        return self.remark(self._text(run))

    def punctuation_before(
        self, words: Markup, *, quoted: bool = False, continues: bool = False
    ) -> tuple[Markup, Markup]:
        """The words before a citation run, and the punctuation to write after it.

        A writer puts a note's call after the sentence's punctuation
        (`ahead.[@x]`), and so the citation is written; but an author-date
        style puts its parenthetical before the punctuation (APA 8.11, CMOS
        15.23): `ahead (Ringsmose & Rynning, 2017, p. 131).`, `mass (Kofman,
        2021), and`. A closing quote stays with its words: `“the hard part”
        (…).` A `?` or `!` inside a quotation (`quoted`, or before a closing
        quote) is the quotation's own and stays. The period of an abbreviation
        (`the U.S.[@x]`) is the abbreviation's: it stays, and the sentence's
        follows the parenthetical unless the sentence goes on (`continues`:
        the next words are in lower case). Notes styles move nothing.
        """
        if self.style.uses_notes:
            return words, Markup()
        found = _TRAILING.search(words)
        if found is None:
            return words, Markup()
        mark, quote = found.groups()
        if mark[-1] in "?!" and (quote or quoted):
            return words, Markup()
        if mark == "." and not quote and _ABBREVIATION.search(words):
            return words, Markup("" if continues else ".")
        return Markup(words[: found.start()] + quote), Markup(mark)

    def remark(self, text: Markup) -> Markup:
        """Add a note of the given words; the markup of its call."""
        number = len(self.notes) + 1
        note = Note(number, text, f"{self.prefix}-{number}", f"{self.prefix}-call-{number}")
        self.notes.append(note)
        if self.medium == "print":
            return format_html('<span class="footnote">{}</span>', note.text)
        return format_html(
            '<sup class="note-call"><a href="#{}" id="{}" role="doc-noteref">{}</a></sup>',
            note.anchor,
            note.call_anchor,
            note.number,
        )

    def entries(self, run: Sequence[Citation]) -> Markup:
        """The sources of a run cited inside a remark, in parentheses within its words (no note of their own)."""
        if not self.style.uses_notes:
            return self._in_text(run)
        return format_html("({})", self._text(run, closed=False))

    def named(self, cite: Citation, label: Markup) -> Markup:
        """A source named in a line of its own (a table's "Source:"): in the author-date styles the
        work with its year, `European Commission (2024)`, which tells 2024a from 2024b; in a notes
        style `label` (its name, linked to its entry), and the locator after a comma."""
        source = self.sources.get(cite.source)
        if source is not None and not self.style.uses_notes:
            return self.style.narrative(source, cite.locator, _link_to_entry)
        return label + (f", {cite.locator}" if cite.locator else "")

    def _in_text(self, run: Sequence[Citation]) -> Markup:
        """An author-date citation, each work linked to its entry in the list; an unknown id bare, as in a note."""
        known = [(self.sources[cite.source], cite.locator) for cite in run if cite.source in self.sources]
        missing = [internal_link(cite.source, None) for cite in run if cite.source not in self.sources]
        parts = [*self.style.in_text_parts(known, _link_to_entry), *missing]
        return format_html('<span class="citation">({})</span>', join_html("; ", parts))

    def _text(self, run: Sequence[Citation], *, closed: bool = True) -> Markup:
        """The sources of a run, joined by semicolons; only the last closes the note with a period (if `closed`)."""
        entries = []
        for index, cite in enumerate(run):
            final = closed and index == len(run) - 1
            source = self.sources.get(cite.source)
            if source is None:
                # A paper compiled with errors: the bare id, and no link to nothing.
                entries.append(internal_link(cite.source, None) + Markup("." if final else ""))
                continue
            short = source.id in self._cited
            self._cited.add(source.id)
            entries.append(self._entry(source, cite.locator, short, final))
        return join_html("; ", entries)

    def _entry(self, source: Source, locator: str | None, short: bool, final: bool) -> Markup:
        key = (source.id, locator, short, final)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = note_entry(source, locator, short=short, final=final, style=self.style)
        return entry
