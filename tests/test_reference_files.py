"""Reference files (#12): `bibliography: refs.bib` / `refs.json`, their entries cited as sources, CSL-JSON out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from argdoc.cite.bibtex import read_bibtex
from argdoc.cite.csl import read_csl_json
from argdoc.compiler import Result, compile_file, compile_text
from argdoc.diagnostics import Diagnostic
from argdoc.export import export
from argdoc.nodes import Source
from argdoc.source import SourceFile

CASES = Path(__file__).parent / "cases" / "cite"
EXAMPLES = Path(__file__).parent.parent / "examples"
SCHEMA = json.loads((CASES / "schema" / "csl-data.json").read_text(encoding="utf-8"))

PAPER = """\
title: Deterrence on the eastern flank
date: 2024-04-01
{header}

claim thesis "Deterrence holds":
    role: thesis

    {body}
"""


def _paper(folder: Path, body: str, header: str = "bibliography: refs.bib", files: tuple[str, ...] = ()) -> Path:
    for name in files or ("zotero.bib",):
        shutil.copy(CASES / name, folder / ("refs" + Path(name).suffix if not files else name))
    path = folder / "paper.arg"
    path.write_text(PAPER.format(header=header, body=body), encoding="utf-8")
    return path


def _errors(result: Result) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.is_error]


def _bib(text: str) -> tuple[list[Source], list[Diagnostic], list[list[Diagnostic]]]:
    entries, problems = read_bibtex(SourceFile.from_text(text, "refs.bib"))
    return [e.source for e in entries], problems, [e.problems for e in entries]


# --- the Zotero exports -------------------------------------------------------------------------


def _by_id(entries: list[Source]) -> dict[str, Source]:
    return {source.id: source for source in entries}


def test_a_zotero_bibtex_export_reads_whole() -> None:
    sources, problems, entry_problems = _bib((CASES / "zotero.bib").read_text(encoding="utf-8"))
    assert problems == [] and all(found == [] for found in entry_problems)
    found = _by_id(sources)
    assert len(found) == 12
    kinds = {key: source.type for key, source in found.items()}
    assert kinds == {
        "ringsmoseNowHardPart2017": "article-journal",
        "freedmanUkraineArtStrategy2019": "book",
        "kofmanRussianMilitary2021": "chapter",
        "shlapakReinforcingDeterrenceNATO2016": "report",
        "natoFactSheetEnhanced2023": "webpage",
        "erlangerBalticsFearThey2022": "article-newspaper",
        "vonSydowForwardDefence2020": "thesis",
        "eastFlankDataset2024": "document",
        "muller2018": "article-journal",
        "lanoszkaRussianHybridWarfare2015": "paper-conference",
        "nationalAuditOffice2022": "report",
        "iswAssessment2024": "webpage",
    }
    article = found["ringsmoseNowHardPart2017"]
    # @string macro, month macro, the number of an article as its issue, `--` as an en dash, braces dropped.
    assert article.title == "Now for the Hard Part: NATO's Strategic Adaptation to Russia"
    assert (article.outlet, article.volume, article.issue, article.pages) == ("Survival", "59", "3", "129\u2013146")
    assert article.date is not None and (article.date.year, article.date.month) == (2017, 5)
    assert article.doi == "10.1080/00396338.2017.1325604"
    assert str(article.accessed) == "2024-02-11"
    assert [name.natural for name in article.authors] == ["Jens Ringsmose", "Sten Rynning"]
    report = found["shlapakReinforcingDeterrenceNATO2016"]
    assert (report.number, report.publisher, report.place) == ("RR-1253-A", "RAND Corporation", "Santa Monica, CA")
    chapter = found["kofmanRussianMilitary2021"]
    assert chapter.outlet == "Russia's Military Power and the West"
    assert [(e.particle, e.family) for e in chapter.editors] == [(None, "Hill"), ("de", "Haas")]
    web = found["natoFactSheetEnhanced2023"]
    assert web.authors[0].literal == "North Atlantic Treaty Organization" and str(web.accessed) == "2024-03-15"
    thesis = found["vonSydowForwardDefence2020"]
    assert (thesis.authors[0].particle, thesis.authors[0].family) == ("von", "Sydow")
    assert (thesis.genre, thesis.publisher, thesis.title) == (
        "PhD dissertation",
        "King's College London",
        "Forward Defence in the Baltic: Allied Posture 2014\u20132020",
    )
    german = found["muller2018"]  # LaTeX accents in names, titles and journals
    assert [name.natural for name in german.authors] == ["Jörg Müller", "Renée Straßer"]
    assert german.title == "Abschreckung an der Ostflanke: Über die Rolle der Bundeswehr"
    assert german.outlet == "Zeitschrift für Außen- und Sicherheitspolitik"
    assert german.date is not None and german.date.month == 11 and german.language == "de"
    news = found["erlangerBalticsFearThey2022"]  # BibLaTeX: date, journaltitle, entrysubtype
    assert (news.outlet, news.date and news.date.iso()) == ("The New York Times", "2022-03-08")
    audit = found["nationalAuditOffice2022"]
    assert audit.date is not None and audit.date.iso() == "2022-06"
    # Zotero's `file`, `abstract`, `keywords`, `isbn` and `langid` are left alone.
    assert found["freedmanUkraineArtStrategy2019"].language is None


def test_a_zotero_csl_json_export_reads_whole() -> None:
    entries, problems = read_csl_json(SourceFile.from_text((CASES / "zotero.json").read_text("utf-8"), "z.json"))
    assert problems == [] and all(entry.problems == [] for entry in entries)
    found = _by_id([entry.source for entry in entries])
    # Better BibTeX's citation key; plain Zotero's item URI gives its item key.
    keys = "ringsmose2017 Q2B8VZ9R shlapak2016 erlanger2022 nato2023 kofman2021 sydow2020 stoltenberg2023"
    assert sorted(found) == sorted(keys.split())
    article = found["ringsmose2017"]
    assert article.date is not None and article.date.iso() == "2017-05-04"  # Zotero's year as a string
    assert (article.volume, article.issue, article.pages) == ("59", "3", "129-146")
    assert found["Q2B8VZ9R"].date is not None and found["Q2B8VZ9R"].date.iso() == "2019"
    assert found["nato2023"].authors[0].literal == "North Atlantic Treaty Organization"
    assert found["sydow2020"].authors[0].particle == "von"
    assert found["stoltenberg2023"].place == "Vilnius"  # event-place
    assert found["shlapak2016"].id_span is not None and found["shlapak2016"].id_span.line == 73


# --- citing them ----------------------------------------------------------------------------------


def test_a_paper_cites_file_entries_and_lists_only_those_it_cites(tmp_path: Path) -> None:
    body = "NATO adapted [@ringsmoseNowHardPart2017, p. 130] and wargamed [@shlapakReinforcingDeterrenceNATO2016]."
    result = compile_file(_paper(tmp_path, body))
    assert _errors(result) == []
    assert result.paper is not None
    assert [s.id for s in result.paper.references] == [
        "ringsmoseNowHardPart2017",
        "shlapakReinforcingDeterrenceNATO2016",
    ]
    assert result.paper.references[0].origin == str(tmp_path / "refs.bib")
    assert result.resolution is not None and "freedmanUkraineArtStrategy2019" in result.resolution.library
    assert "freedmanUkraineArtStrategy2019" not in result.resolution.definitions


def test_file_entries_reach_the_html_notes_and_bibliography(tmp_path: Path) -> None:
    from argdoc.render.html import render_html

    result = compile_file(_paper(tmp_path, "NATO adapted [@ringsmoseNowHardPart2017, p. 130]."))
    assert result.paper is not None
    html = render_html(result.paper)
    assert "Ringsmose" in html and "Now for the Hard Part" in html
    assert "Freedman" not in html  # in the library, not cited


def test_a_paper_may_mix_arg_sources_and_two_kinds_of_file(tmp_path: Path) -> None:
    body = 'See [@ringsmoseNowHardPart2017], [@nato2023] and [@own].\n\nsource own "Own notes":\n    date: 2024'
    header = "bibliography: zotero.bib, zotero.json"
    result = compile_file(_paper(tmp_path, body, header, files=("zotero.bib", "zotero.json")))
    assert _errors(result) == []
    assert result.paper is not None
    assert [s.id for s in result.paper.references] == ["ringsmoseNowHardPart2017", "nato2023"]


def test_lint_sees_cited_entries_and_ignores_the_rest_of_the_library(tmp_path: Path) -> None:
    from argdoc.lint import lint

    result = compile_file(_paper(tmp_path, "NATO adapted [@ringsmoseNowHardPart2017]."))
    found = lint(result)
    assert not [d for d in found if d.name == "unused-source"]  # eleven uncited entries, no warning
    # A rule that looks at sources sees the entry, and points into the .bib file.
    dependency = [d for d in found if d.name == "single-source-dependency"]
    assert dependency and "ringsmoseNowHardPart2017" in dependency[0].message


@pytest.mark.parametrize(
    ("name", "entry", "advice"),
    [
        ("refs.bib", "@book{b, author = {Doe, Jane}, title = {T}, date = {2019}}", "add publisher = {...}"),
        (
            "refs.json",
            '[{"id": "b", "type": "book", "title": "T", "issued": {"date-parts": [[2019]]}}]',
            'add "publisher": "..."',
        ),
    ],
)
def test_lint_advice_is_written_as_the_reference_file_spells_it(
    tmp_path: Path, name: str, entry: str, advice: str
) -> None:
    """A .bib entry without a publisher is fixed with a BibTeX field, not with `publisher:` of .arg."""
    from argdoc.lint import lint

    (tmp_path / name).write_text(entry, encoding="utf-8")
    paper = tmp_path / "paper.arg"
    paper.write_text(PAPER.format(header=f"bibliography: {name}", body="A book says so [@b]."), encoding="utf-8")
    found = lint(compile_file(paper))
    incomplete = [d for d in found if d.name == "source-incomplete"]
    assert [d.hint for d in incomplete] == [advice]
    assert incomplete[0].path.endswith(name)


# --- duplicates -------------------------------------------------------------------------------------


def test_a_key_in_the_paper_and_in_a_file_is_a_duplicate_id_pointing_at_both(tmp_path: Path) -> None:
    body = 'Cited [@freedmanUkraineArtStrategy2019].\n\nsource freedmanUkraineArtStrategy2019 "Mine":\n    date: 2019'
    result = compile_file(_paper(tmp_path, body))
    [duplicate] = [d for d in result.diagnostics if d.name == "duplicate-id"]
    assert duplicate.code == "ARG002"
    assert duplicate.path == str(tmp_path / "refs.bib") and duplicate.line == 25
    assert duplicate.related[0].path == str(tmp_path / "paper.arg") and duplicate.related[0].line == 10


def test_a_key_in_two_files_is_a_duplicate_id(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text("@book{twice, title = {One}, publisher = {P}, year = 2020}\n", "utf-8")
    (tmp_path / "b.json").write_text('[{"id": "twice", "type": "book", "title": "Two"}]\n', "utf-8")
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: a.bib, b.json", body="[@twice]"), "utf-8")
    result = compile_file(path)
    [duplicate] = [d for d in result.diagnostics if d.name == "duplicate-id"]
    assert (Path(duplicate.path).name, duplicate.line, duplicate.column) == ("b.json", 1, 3)
    assert Path(duplicate.related[0].path).name == "a.bib" and duplicate.related[0].line == 1
    assert result.paper is not None and result.paper.references[0].title == "One"


def test_a_key_twice_in_one_bib_file_is_a_duplicate_id(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@book{k, title = {One}}\n\n@book{k, title = {Two}}\n", "utf-8")
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.bib", body="[@k]"), "utf-8")
    [duplicate] = [d for d in compile_file(path).diagnostics if d.name == "duplicate-id"]
    assert (Path(duplicate.path).name, duplicate.line, duplicate.related[0].line) == ("refs.bib", 3, 1)


# --- bad files and bad entries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name", "fragment"),
    [
        ("bibliography: missing.bib", "reference-file-not-found", "'missing.bib' does not exist"),
        ("bibliography: ../outside.bib", "include-outside-paper", "outside the paper's folder"),
        ("bibliography: /etc/passwd.bib", "include-outside-paper", "absolute path"),
        ("bibliography: refs.ris", "unknown-reference-file-type", "not a BibTeX (.bib) or CSL-JSON (.json)"),
        ("bibliography: folder.bib", "reference-file-not-found", "not a regular file"),
    ],
)
def test_a_file_that_cannot_be_read_is_an_error_at_the_header_line(
    tmp_path: Path, header: str, name: str, fragment: str
) -> None:
    paper_dir = tmp_path / "paper"
    paper_dir.mkdir()
    (tmp_path / "outside.bib").write_text("@book{x, title={X}}\n", "utf-8")
    (paper_dir / "folder.bib").mkdir()
    path = paper_dir / "paper.arg"
    path.write_text(PAPER.format(header=header, body="Words."), "utf-8")
    result = compile_file(path)
    [problem] = _errors(result)
    assert (problem.name, problem.path, problem.line) == (name, str(path), 3)
    assert fragment in problem.message and problem.hint


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    paper_dir = tmp_path / "paper"
    paper_dir.mkdir()
    (tmp_path / "secret.bib").write_text("@book{x, title={X}}\n", "utf-8")
    os.symlink(tmp_path / "secret.bib", paper_dir / "refs.bib")
    path = paper_dir / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.bib", body="[@x]"), "utf-8")
    names = {d.name for d in _errors(compile_file(path))}
    assert "include-outside-paper" in names


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({}, "E406"),  # the file is missing
        ({"refs.bib": "@book{ringsmose, title = {X}\n@book{other, title={Y}}\n"}, "E408"),  # a syntax error
    ],
)
def test_a_reference_file_not_read_whole_is_one_error_not_a_cascade(
    tmp_path: Path, files: dict[str, str], code: str
) -> None:
    """A missing refs.bib also called every citation of it undefined, and lint then said the
    statements cite nothing: ten errors and warnings for one cause."""
    from argdoc.lint import lint

    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    path = tmp_path / "paper.arg"
    body = "NATO adapted [@ringsmose; @kofman, p. 3]. See [@nowhere-section]."
    path.write_text(PAPER.format(header="bibliography: refs.bib", body=body), "utf-8")
    result = compile_file(path)
    assert [d.code for d in _errors(result)] == [code]
    assert [d.code for d in lint(result)] == [code]


def test_an_unread_reference_file_still_lets_relations_and_links_be_checked(tmp_path: Path) -> None:
    # A .bib defines no statement: a supports: typo or a dead link is still the paper's error.
    path = tmp_path / "paper.arg"
    text = PAPER.format(header="bibliography: refs.bib", body="Words [@ringsmose], see [here](#nowhere).")
    text += "\nclaim other:\n    supports: thesis-typo\n\n    Words [@kofman].\n"
    path.write_text(text, "utf-8")
    codes = sorted(d.code for d in _errors(compile_file(path)))
    assert codes == ["ARG001", "ARG001", "E406"]  # the typo and the link; no citation of the lost file


def test_a_paper_from_standard_input_with_reference_files_is_one_error() -> None:
    text = PAPER.format(header="bibliography: refs.bib", body="Words [@ringsmose; @kofman].")
    assert [d.code for d in _errors(compile_text(text))] == ["E034"]


def test_a_file_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _paper(tmp_path, "Words.")
    result = compile_text(path.read_text("utf-8"), path, max_bytes=1000)
    [problem] = _errors(result)
    assert problem.name == "reference-file-not-found" and "the limit is 1000" in problem.message


def test_a_paper_without_a_file_cannot_read_reference_files() -> None:
    result = compile_text(PAPER.format(header="bibliography: refs.bib", body="Words."), "<stdin>", includes=False)
    [problem] = _errors(result)
    assert problem.name == "include-without-file" and problem.line == 3


def test_a_bibtex_syntax_error_is_reported_at_its_line_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@book{good, title = {Good}, publisher = {P}, year = 2020}\n\n@misc{broken,\n  title = {Unclosed,\n}\n"
        "\n@book{after, title = {After}}\n",
        "utf-8",
    )
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.bib", body="[@good]"), "utf-8")
    result = compile_file(path)
    [problem] = _errors(result)
    assert (problem.name, problem.path, problem.line) == ("invalid-reference-entry", str(tmp_path / "refs.bib"), 3)
    assert "@misc{broken" in problem.message and "@book" in problem.message and problem.hint


def test_invalid_csl_json_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    broken = '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b",,}\n]\n'
    (tmp_path / "refs.json").write_text(broken, "utf-8")
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.json", body="[@a]"), "utf-8")
    [problem] = _errors(compile_file(path))
    assert (problem.name, problem.line, problem.column) == ("invalid-reference-entry", 3, 14)


BAD_ENTRIES = """\
@book{nodate,
  title = {No Such Month},
  publisher = {P},
  year = {2020},
  month = {Smarch},
}

@pamphlet{oddtype,
  title = {An Odd Type},
}

@article{notitle,
  author = {Smith, Jane},
  year = {2021},
}

@book{badname, title = {T}, author = {A, B, C, D}, year = 2020}

@book{fine, title = {Fine}, publisher = {P}, year = 2020}
"""


@pytest.mark.parametrize(
    ("key", "name", "line", "fragment"),
    [
        ("nodate", "invalid-date", 5, "'Smarch' is not a month"),
        ("oddtype", "invalid-reference-entry", 8, "no BibTeX entry type '@pamphlet'"),
        ("notitle", "invalid-reference-entry", 12, "has no title"),
        ("badname", "invalid-reference-entry", 17, "too many commas"),
    ],
)
def test_a_bad_entry_is_reported_at_its_line_when_the_paper_cites_it(
    tmp_path: Path, key: str, name: str, line: int, fragment: str
) -> None:
    (tmp_path / "refs.bib").write_text(BAD_ENTRIES, "utf-8")
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.bib", body=f"[@{key}]"), "utf-8")
    [problem] = [d for d in compile_file(path).diagnostics if d.is_error]
    assert (problem.name, Path(problem.path).name, problem.line) == (name, "refs.bib", line)
    assert fragment in problem.message and problem.hint


def test_bad_entries_the_paper_does_not_cite_are_not_its_problem(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BAD_ENTRIES, "utf-8")
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.bib", body="[@fine]"), "utf-8")
    assert _errors(compile_file(path)) == []


def test_a_citation_of_a_key_in_no_file_suggests_the_nearest_entry(tmp_path: Path) -> None:
    result = compile_file(_paper(tmp_path, "[@ringsmoseNowHardPart2071]"))
    [problem] = _errors(result)
    assert problem.name == "undefined-reference" and "ringsmoseNowHardPart2017" in (problem.hint or "")


# --- the header field -----------------------------------------------------------------------------------


def test_fmt_writes_one_bibliography_line_per_file(tmp_path: Path) -> None:
    from argdoc.fmt import format_text

    text = "title: T\nbibliography: a.bib, b.json\n\nclaim c:\n    Words.\n"
    assert format_text(text).startswith("title: T\nbibliography: a.bib\nbibliography: b.json\n")


def test_a_bibliography_field_after_the_body_is_misplaced_not_a_division() -> None:
    result = compile_text("claim c:\n    Words.\n\nbibliography: refs.bib\n")
    assert [d.name for d in result.diagnostics if d.is_error] == ["misplaced-field"]


# --- CSL-JSON out ------------------------------------------------------------------------------------------


def test_csl_json_export_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    body = " ".join(
        f"[@{key}]"
        for key in (
            "ringsmoseNowHardPart2017",
            "freedmanUkraineArtStrategy2019",
            "kofmanRussianMilitary2021",
            "shlapakReinforcingDeterrenceNATO2016",
            "natoFactSheetEnhanced2023",
            "vonSydowForwardDefence2020",
            "lanoszkaRussianHybridWarfare2015",
        )
    )
    result = compile_file(_paper(tmp_path, body))
    assert result.paper is not None and _errors(result) == []
    items = json.loads(export(result.paper, "csl-json"))
    jsonschema.validate(items, SCHEMA)
    assert [item["id"] for item in items][:2] == ["ringsmoseNowHardPart2017", "freedmanUkraineArtStrategy2019"]
    assert len(items) == 7


def test_csl_json_export_of_every_kind_written_in_arg_is_valid() -> None:
    """The analyst's fourteen sources (every kind, every precision of date) as .arg sources."""
    result = compile_file(CASES / "analyst-brief.arg")
    assert result.paper is not None
    items = json.loads(export(result.paper, "csl-json"))
    jsonschema.validate(items, SCHEMA)
    assert len(items) == 14


def test_the_schema_would_catch_a_bad_item() -> None:
    """The check can fail: an unknown top-level key or type is rejected."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "a", "type": "book", "grade": "A"}], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "a", "type": "pamphlet-of-doom"}], SCHEMA)


def test_csl_json_from_the_command_line_is_deterministic(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "argdoc", "export", "--to", "csl-json", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    path = _paper(tmp_path, "[@ringsmoseNowHardPart2017] and [@erlangerBalticsFearThey2022].")
    first, second = run(str(path)), run(str(path))
    assert first.returncode == 0 and first.stdout == second.stdout
    items = json.loads(first.stdout)
    jsonschema.validate(items, SCHEMA)
    assert items[1]["type"] == "article-newspaper"
    refused = run(str(path), "-o", str(tmp_path / "refs.bib"))  # a file the paper reads is never overwritten
    assert refused.returncode != 0 and (tmp_path / "refs.bib").read_text("utf-8").startswith("@comment")


def test_csl_json_round_trips_through_a_reference_file(tmp_path: Path) -> None:
    """argdoc's CSL-JSON, read back as a reference file, gives the same sources."""
    first = compile_file(CASES / "analyst-brief.arg")
    assert first.paper is not None
    (tmp_path / "refs.json").write_text(export(first.paper, "csl-json"), "utf-8")
    keys = [s.id for s in first.paper.all_statements() if isinstance(s, Source)]
    path = tmp_path / "paper.arg"
    path.write_text(PAPER.format(header="bibliography: refs.json", body=" ".join(f"[@{k}]" for k in keys)), "utf-8")
    again = compile_file(path)
    assert _errors(again) == [] and again.paper is not None
    written = {s.id: s for s in first.paper.all_statements() if isinstance(s, Source)}
    for entry in again.paper.references:
        original = written[entry.id]
        update = {"title": original.title, "body": (), "origin": None}
        plain = [name.model_copy(update={"affiliation": None}) for name in original.authors]
        assert entry.model_copy(update=update) == original.model_copy(update={**update, "authors": tuple(plain)})


# --- cost ---------------------------------------------------------------------------------------------------


def test_a_paper_without_reference_files_does_not_import_bibtexparser(tmp_path: Path) -> None:
    probe = (
        "import sys; from argdoc.cli import main; "
        "code = main(['build', sys.argv[1], '--format', 'html', '-o', sys.argv[2], '-q']); "
        "print(code, 'bibtexparser' in sys.modules, 'pylatexenc' in sys.modules)"
    )

    def run(paper: Path) -> list[str]:
        command = [sys.executable, "-c", probe, str(paper), str(tmp_path)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    assert run(EXAMPLES / "russia-iran.arg") == ["0", "False", "False"]
    assert run(CASES / "zotero-brief.arg") == ["0", "True", "True"]  # the probe can tell


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('{\\"U}ber {NATO}', "Über NATO"),
        ('\\"{u}ber', "über"),
        ("Jos{\\'e} \\c{C}elik \\v{S}t\\'{e}p\\'an", "José Çelik Štépán"),
        ("Stra{\\ss}er \\o", "Straßer ø"),
        ("129--146, 2014---2020", "129\u2013146, 2014\u20142020"),
        ("R\\&D at 50\\%", "R&D at 50%"),
        ("50\\% of \\emph{all}", "50% of all"),  # other LaTeX through pylatexenc; `\%` is no comment there
        ("A~B", "A\u00a0B"),
        ("Pi{\\'{\\i}}ero", "Piíero"),
    ],
)
def test_latex_in_values_is_decoded(written: str, read: str) -> None:
    from argdoc.cite.bibtex import decode

    assert decode(written) == read
