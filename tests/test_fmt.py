"""argdoc fmt: the canonical layout, its safety checks and its command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argdoc import fmt
from argdoc.compiler import compile_text
from argdoc.fmt import FormatError, format_text, print_paper
from argdoc.nodes import Paper

from .conftest import CASES, EXAMPLES

GOLDEN = sorted(EXAMPLES.glob("*.arg")) + sorted((CASES / "parse").glob("*.arg"))


def argdoc(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argdoc", *args], input=stdin, capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arg")), ids=lambda p: p.stem)
def test_every_example_is_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path)) == text


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_formatting_is_idempotent_and_keeps_the_tree(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    once = format_text(text, str(path))
    assert format_text(once, str(path)) == once
    assert compile_text(once).paper == compile_text(text).paper


def test_canonical_layout() -> None:
    messy = (
        "# leading comment\n\n"
        "organization:   The Reut Institute\n"
        "title: A paper\n"
        "authors: A (X); B\n\n\n"
        'claim   thesis   "T":   # trailing\n'
        "  Body [@s] [@t] *em*\n"
        "  continues.\n"
        "tension   t:\n"
        "    bears-on: thesis\n"
        "    between: a,b\n"
        "component a:\n    X.\ncomponent b:\n    Y.\n"
        "source s:\n\tdate: 2007-01-01\n\toutlet: X\nsource t:\n    outlet: Y\n"
    )
    assert format_text(messy) == (
        "# leading comment\n\n"
        "title: A paper\n"
        "author: A (X)\n"
        "author: B\n"
        "organisation: The Reut Institute\n\n"
        'claim thesis "T":  # trailing\n'
        "    Body [@s] [@t] *em* continues.\n\n"
        "tension t:\n"
        "    between: a, b\n"
        "    bears-on: thesis\n\n"
        "component a:\n    X.\n\n"
        "component b:\n    Y.\n\n"
        "source s:\n    outlet: X\n    date: 2007-01-01\n\n"
        "source t:\n    outlet: Y\n"
    )


def test_comments_stay_in_place() -> None:
    text = (
        "title: T\n"
        "# before the thesis\n"
        "claim thesis:  # after the header\n"
        "    # before the fields\n"
        "    supports: other\n"
        "    # between fields and prose\n\n"
        "    First line\n"
        "    # inside the paragraph\n"
        "    second line.\n\n"
        "    Second paragraph.\n"
        "    # end of the body\n"
        "# at the margin, before other\n"
        "claim other:\n"
        "    Body.\n"
        "# end of the file\n"
    )
    assert format_text(text) == (
        "title: T\n\n"
        "# before the thesis\n"
        "claim thesis:  # after the header\n"
        "    # before the fields\n"
        "    supports: other\n"
        "    # between fields and prose\n\n"
        "    # inside the paragraph\n"
        "    First line second line.\n\n"
        "    Second paragraph.\n"
        "    # end of the body\n\n"
        "# at the margin, before other\n"
        "claim other:\n"
        "    Body.\n"
        "# end of the file\n"
    )


def test_suppressions_keep_their_statement() -> None:
    text = "claim thesis:\n    Body\n    # argdoc: ignore[claim-without-support]\n    more.\n"
    out = format_text(text)
    before, after = compile_text(text).paper, compile_text(out).paper
    assert before is not None and after is not None
    assert after.suppressions == before.suppressions
    assert after.suppressions[0].statement == "thesis"


def test_escapes_only_where_needed() -> None:
    text = 'claim a:\n    5 * 3 is "fifteen", a [sic] note, \\*not em\\* and \\[@literal].\n'
    out = format_text(text)
    assert "5 * 3" in out and '"fifteen"' in out and "[sic]" in out
    assert compile_text(out).paper == compile_text(text).paper


def test_wrapping_never_starts_a_line_with_a_hash_or_splits_a_citation() -> None:
    words = " ".join(["word"] * 17)
    text = f"claim a:\n    {words} #hashtag and [@s, p. 4] {words}.\nsource s:\n    outlet: X\n"
    out = format_text(text, line_length=40)
    body = [line.strip() for line in out.splitlines()[1:4]]
    assert not any(line.startswith("#") for line in body)
    assert all(len(line) <= 40 or "#" in line for line in out.splitlines())
    assert any("[@s, p. 4]" in line for line in out.splitlines())
    assert compile_text(out).paper == compile_text(text).paper


def test_files_with_errors_are_not_formatted() -> None:
    with pytest.raises(FormatError, match="syntax errors"):
        format_text('claim x "T"\n')
    with pytest.raises(FormatError, match="has errors"):
        format_text("claim x:\n    suports: y\n")  # an unknown field would be lost


def test_a_failed_safety_check_leaves_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from argdoc import cli

    path = tmp_path / "p.arg"
    original = "claim   thesis:\n    Body.\n"
    path.write_text(original, encoding="utf-8")
    monkeypatch.setattr(fmt.Printer, "paragraph", lambda self, p, indent: self.emit(indent + "Changed."))
    assert cli.main(["fmt", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == original
    assert "would mean something else" in capsys.readouterr().err


def _second_pass_adds(monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    """Make the printer unstable: its second pass appends `extra` (comments, so the tree is unchanged)."""
    passes: list[str] = []
    original = fmt.Printer.paper

    def paper(self: fmt.Printer, tree: Paper) -> str:
        passes.append("pass")
        text = original(self, tree)
        return text + extra if len(passes) == 2 else text

    monkeypatch.setattr(fmt.Printer, "paper", paper)


def test_an_unstable_printer_is_reported_with_the_diff_between_the_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    _second_pass_adds(monkeypatch, "# added by the second pass\n")
    with pytest.raises(FormatError) as failure:
        format_text("claim thesis:\n    Body.\n")
    message = str(failure.value)
    assert message.startswith("formatting is not stable (a second pass changes it); the file is left as it is.")
    assert "please report this" in message
    assert message.endswith("with this diff:\n" + failure.value.diff.rstrip("\n"))
    assert failure.value.diff.splitlines() == [
        "--- first pass",
        "+++ second pass",
        "@@ -1,2 +1,3 @@",
        " claim thesis:",
        "     Body.",
        "+# added by the second pass",
    ]


def test_the_reported_diff_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    _second_pass_adds(monkeypatch, "".join(f"# line {n} {'x' * 1000}\n" for n in range(500)))
    with pytest.raises(FormatError) as failure:
        format_text("claim thesis:\n    Body.\n")
    lines = failure.value.diff.splitlines()
    assert len(lines) == fmt.MAX_REPORTED_DIFF_LINES + 1
    assert lines[-1] == f"… ({500 + 5 - fmt.MAX_REPORTED_DIFF_LINES} more lines of diff)"
    assert max(len(line) for line in lines) < 210
    assert len(str(failure.value)) < 15_000


def test_a_change_of_meaning_is_reported_with_the_diff_between_the_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt.Printer, "paragraph", lambda self, p, indent: self.emit(indent + "Changed."))
    with pytest.raises(FormatError, match="would mean something else") as failure:
        format_text("claim thesis:\n    Body.\n")
    diff = failure.value.diff.splitlines()
    assert diff[:2] == ["--- tree", "+++ formatted tree"]
    assert [line[0] + line[1:].strip() for line in diff if line[:1] in "+-" and line[1:2] != line[:1]] == [
        '-"value": "Body."',
        '+"value": "Changed."',
    ]


def test_formatted_text_that_does_not_compile_is_reported_with_its_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt.Printer, "paragraph", lambda self, p, indent: self.emit("claim"))
    with pytest.raises(FormatError, match="does not compile") as failure:
        format_text("claim thesis:\n    Body.\n")
    assert failure.value.diagnostics
    assert "-    Body." in failure.value.diff.splitlines()
    assert "+claim" in failure.value.diff.splitlines()


def test_a_lost_comment_is_reported_with_the_comments_that_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt.Printer, "body_tail", lambda self, following: None)
    monkeypatch.setattr(fmt.Printer, "text", lambda self: "\n".join(self.out) + "\n")
    with pytest.raises(FormatError, match="lose or change a comment") as failure:
        format_text("claim thesis:\n    Body.\n    # the last word\n")
    assert "-# the last word" in failure.value.diff.splitlines()


def test_print_paper_writes_a_tree_that_reads_back() -> None:
    paper = compile_text((EXAMPLES / "russia-iran.arg").read_text(encoding="utf-8")).paper
    assert paper is not None
    text = print_paper(paper)
    assert compile_text(text).paper == paper


def test_cli_check_diff_write_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "p.arg"
    path.write_text("claim   thesis:\n  Body.\n", encoding="utf-8")
    check = argdoc("fmt", "--check", str(path))
    assert check.returncode == 1 and f"would reformat {path}" in check.stderr
    diff = argdoc("fmt", "--diff", str(path))
    assert diff.returncode == 1
    assert "-claim   thesis:" in diff.stdout and "+claim thesis:" in diff.stdout
    assert path.read_text(encoding="utf-8") == "claim   thesis:\n  Body.\n"
    assert argdoc("fmt", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == "claim thesis:\n    Body.\n"
    stamp = path.stat().st_mtime_ns
    assert argdoc("fmt", str(path)).returncode == 0
    assert path.stat().st_mtime_ns == stamp  # unchanged files are not rewritten
    assert argdoc("fmt", "--check", str(path)).returncode == 0
    piped = argdoc("fmt", "-", stdin="claim  x:\n  Body.\n")
    assert piped.returncode == 0 and piped.stdout == "claim x:\n    Body.\n"
    assert argdoc("fmt", "-", str(path)).returncode == 2


def test_line_length_from_option_and_config(tmp_path: Path) -> None:
    long = "claim a:\n    " + " ".join(["word"] * 20) + "\n"
    path = tmp_path / "p.arg"
    path.write_text(long, encoding="utf-8")
    argdoc("fmt", "--line-length", "40", str(path))
    assert max(len(line) for line in path.read_text(encoding="utf-8").splitlines()) <= 40
    (tmp_path / "pyproject.toml").write_text("[tool.argdoc.fmt]\nline-length = 120\n", encoding="utf-8")
    argdoc("fmt", str(path))
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    (tmp_path / "pyproject.toml").write_text("[tool.argdoc.fmt]\nwidth = 120\n", encoding="utf-8")
    bad = argdoc("fmt", str(path))
    assert bad.returncode == 2 and "[fmt.width] is not a fmt setting" in bad.stderr
    assert argdoc("fmt", "--line-length", "10", str(path)).returncode == 2


def test_fmt_never_leaves_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "p.arg"
    path.write_text("claim   a:\n  B.\n", encoding="utf-8")
    argdoc("fmt", str(path))
    assert sorted(os.listdir(tmp_path)) == ["p.arg"]


def test_the_command_line_minimum_is_the_formatters() -> None:
    from argdoc.cli.argument_types import line_length

    assert line_length(str(fmt.MIN_LINE_LENGTH)) == fmt.MIN_LINE_LENGTH
    with pytest.raises(Exception, match="at least"):
        line_length(str(fmt.MIN_LINE_LENGTH - 1))


@pytest.mark.parametrize(
    "text",
    [
        # A margin comment between two sources stays between them (it once moved into the first).
        "claim thesis:\n    B [@a] [@b].\n\nsource a:\n    outlet: X\n\n"
        "# Sources from 2020:\n\nsource b:\n    outlet: Y\n",
        # A suppression after a body-less source keeps the statement it applies to.
        "claim thesis:\n    B [@s].\n\nsource s:\n    outlet: X\n# argdoc: ignore[unused-source]\n",
        # Indented comments after a margin comment keep their side of the margin.
        "claim a:\n    Body.\n\n# margin\n\n    # argdoc: ignore[unused-source]\n\nclaim b:\n    Body.\n",
    ],
)
def test_comment_placements_that_once_went_wrong(text: str) -> None:
    out = format_text(text)
    assert format_text(out) == out
    assert compile_text(out).paper == compile_text(text).paper


def test_comments_anywhere_in_the_examples_survive_formatting() -> None:
    """Comment lines dropped at random places into real papers: fmt keeps meaning and comments."""
    import random

    rng = random.Random(7)
    papers = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.arg"))]
    comments = ["# a note", "# argdoc: ignore[unused-source]", "# argdoc: ignore-file[stale-source]"]
    for _ in range(150):
        lines = rng.choice(papers).split("\n")
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(lines))
            lines[at:at] = [rng.choice(["", "    "]) + rng.choice(comments)] + ([""] if rng.random() < 0.4 else [])
        text = "\n".join(lines)
        out = format_text(text)
        assert format_text(out) == out
        assert compile_text(out).paper == compile_text(text).paper


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A comment between two paragraphs of the summary stays between them (it once moved above `title:`).
        (
            "title: T\nsummary:\n    First.\n\n    # about the second\n    Second.\n",
            "title: T\nsummary:\n    First.\n\n    # about the second\n    Second.\n",
        ),
        # An indented comment that opens the summary stays in it; a margin comment among the fields goes above them.
        (
            "# about the header\ntitle: T\n# about the date\ndate: 2024-01-02\nsummary:\n    # opening\n"
            "    First.\n\n    Second.\n",
            "# about the header\n# about the date\ntitle: T\ndate: 2024-01-02\nsummary:\n    # opening\n"
            "    First.\n\n    Second.\n",
        ),
        # A one-paragraph summary with a comment in it is not put on the summary's line.
        (
            "title: T\nsummary:\n    # opening\n    Only.\n",
            "title: T\nsummary:\n    # opening\n    Only.\n",
        ),
    ],
)
def test_a_comment_inside_the_summary_stays_in_the_summary(text: str, expected: str) -> None:
    out = format_text(text)
    assert out == expected
    assert format_text(out) == out


def test_fmt_of_a_folder_formats_and_checks_its_included_chapters(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "main.arg").write_text('title: Main\n\ninclude "chapters/one.arg"\n', encoding="utf-8")
    chapter = tmp_path / "chapters" / "one.arg"
    chapter.write_text('claim   c1   "C1":\n      Text here.\n', encoding="utf-8")

    checked = argdoc("fmt", "--check", ".", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert "would reformat chapters/one.arg" in checked.stderr
    assert "1 file would be reformatted" in checked.stderr

    written = argdoc("fmt", ".", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert chapter.read_text(encoding="utf-8") == 'claim c1 "C1":\n    Text here.\n'
    assert argdoc("fmt", "--check", ".", cwd=tmp_path).returncode == 0
