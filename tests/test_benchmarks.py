"""The benchmark paper generator (benchmarks/generate.py): deterministic, sized, lint-clean.

No timings here: benchmarks/run.py measures, these tests only check its input.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from argdoc.compiler import compile_text
from argdoc.diagnostics import Severity
from argdoc.lint import LintConfig, lint

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "generate.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def _statement_kinds(text: str) -> Counter[str]:
    return Counter(re.findall(r"^(claim|component|tension|source) ", text, flags=re.MULTILINE))


def test_the_same_seed_gives_the_same_paper() -> None:
    assert generator.generate(120, seed=7) == generator.generate(120, seed=7)


def test_another_seed_gives_another_paper() -> None:
    assert generator.generate(120, seed=7) != generator.generate(120, seed=8)


@pytest.mark.parametrize("statements", [10, 60, 137, 1000])
def test_the_paper_has_the_requested_number_of_statements(statements: int) -> None:
    text = generator.generate(statements)
    result = compile_text(text, "generated.arg")
    assert result.ok and result.paper is not None
    assert sum(_statement_kinds(text).values()) == statements
    assert len(result.paper.all_statements()) == statements


def test_every_kind_and_construct_is_there() -> None:
    text = generator.generate(60)
    kinds = _statement_kinds(text)
    assert kinds == {"claim": 6, "component": 30, "tension": 12, "source": 12}
    assert text.count("\nsection ") == 3  # two argument sections and the sources
    assert "role: thesis" in text
    for construct in ('"[@', "\n    > ", "[@", "**", "](https://", "between: ", "bears-on: ", "url: ", "outlet: "):
        assert construct in text, construct


def test_the_paper_is_about_350_bytes_per_statement() -> None:
    size = len(generator.generate(1000).encode("utf-8"))
    assert 300_000 <= size <= 420_000


def test_sixty_statements_lint_clean_under_the_default_rules() -> None:
    result = compile_text(generator.generate(60), "generated.arg")
    found = lint(result, LintConfig())
    serious = [f"{d.code} {d.message}" for d in found if d.severity is not Severity.INFO]
    assert serious == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--seed", "3"], lambda: generator.generate(60, seed=3)),
        (["--shape", "cycle"], lambda: generator.adversarial("cycle", 60)),
    ],
    ids=["realistic", "cycle"],
)
def test_the_command_line_writes_the_paper_to_stdout(args: list[str], expected: Callable[[], str]) -> None:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--statements", "60", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == expected()


def test_too_few_statements_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 10"):
        generator.generate(9)


@pytest.mark.parametrize("shape", ["chain", "cycle"])
def test_an_adversarial_paper_is_a_chain_of_claims_on_one_source(shape: str) -> None:
    text = generator.adversarial(shape, 30, seed=2)
    assert text == generator.adversarial(shape, 30, seed=2)
    result = compile_text(text, "adversarial.arg")
    assert result.ok and result.paper is not None and result.resolution is not None
    claims = [s.id for s in result.paper.all_statements() if s.kind == "claim"]
    assert _statement_kinds(text) == {"claim": 29, "source": 1}
    supports = {(e.source, e.target) for e in result.resolution.edges if e.relation == "supports"}
    chain = set(zip(claims[1:], claims, strict=False))
    assert supports == (chain | {(claims[0], claims[-1])} if shape == "cycle" else chain)
    cited = {e.target for e in result.resolution.edges if e.relation == "cites"}
    assert cited == {generator.ONE_SOURCE}
    assert {e.source for e in result.resolution.edges if e.relation == "cites"} == set(claims)


def test_an_unknown_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="no adversarial shape"):
        generator.adversarial("star", 40)


def test_print_html_is_what_the_pdf_build_typesets() -> None:
    """benchmarks/print_html.py: argdoc's print HTML, with the font rules inlined by absolute URL."""
    spec = importlib.util.spec_from_file_location("benchmarks_print_html", ROOT / "benchmarks" / "print_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    html = module.print_html(ROOT / "examples" / "russia-iran.arg")
    from argdoc.render.fonts import STATIC_DIR

    style = html[html.index("<style>@font-face") : html.index("</head>")]
    assert f'url("{STATIC_DIR.as_uri()}/fonts/' in style
    assert 'url("fonts/' not in style
    assert "Russia" in html and "footnote" in html.lower()
