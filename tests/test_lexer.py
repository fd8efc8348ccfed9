"""argdoc's lexer gives exactly the tokens (and the errors) of Lark's own basic lexer."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import BasicLexer, LexerState
from lark.utils import TextSlice

from argdoc.grammar import grammar_path, parser
from argdoc.lexer import LineLexer

from .conftest import CASES, EXAMPLES
from .test_benchmarks import generator
from .test_robustness import BUDGET, PIECES


def _run(lexer: BasicLexer, text: str) -> tuple[list[dict[str, Any]], tuple[Any, ...] | None]:
    """Every token's fields, then the error that ended the stream (if any)."""
    state = LexerState(TextSlice.cast_from(text))
    tokens: list[dict[str, Any]] = []
    try:
        for token in lexer.lex(state, None):
            assert type(token) is Token
            tokens.append({"text": str(token), **{name: getattr(token, name) for name in Token.__slots__}})
    except UnexpectedCharacters as exc:
        history = [(t.type, str(t), t.start_pos) for t in exc.token_history or []]
        return tokens, (exc.pos_in_stream, exc.line, exc.column, sorted(exc.allowed), history)
    return tokens, None


def _both(text: str) -> tuple[Any, Any]:
    conf = parser().lexer_conf
    return _run(BasicLexer(conf), text), _run(LineLexer(conf), text)


def test_the_parser_uses_line_lexer() -> None:
    assert parser().lexer_conf.lexer_type is LineLexer


def _corpus() -> list[Path]:
    return sorted(EXAMPLES.glob("**/*.arg")) + sorted(CASES.glob("**/*.arg"))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_same_tokens_as_lark_on_every_example_and_case(path: Path) -> None:
    lark, ours = _both(path.read_text(encoding="utf-8"))
    assert ours == lark


def test_same_tokens_on_a_generated_paper() -> None:
    lark, ours = _both(generator.generate(300, seed=7))
    assert len(ours[0]) > 1000
    assert ours == lark


@pytest.mark.parametrize(
    "text",
    [
        "claim a:\n    x\n'oops'\n",  # a single quote starts no token
        'claim a "unclosed:\n',
        "claim é-ü \u201ctypographic\u201d:\n\tTab body\n\n  # comment\n",
        "title: T\r\nclaim a:\r\n    body\r\n",
        "",
        "   ",
        "claim",
    ],
)
def test_same_tokens_and_errors_on_edge_cases(text: str) -> None:
    lark, ours = _both(text)
    assert ours == lark


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=120))
def test_same_tokens_and_errors_on_any_text(text: str) -> None:
    lark, ours = _both(text)
    assert ours == lark


def _errors_while_resuming(lexer: type[BasicLexer] | str, text: str) -> list[tuple[str, str, int, int]]:
    """The tokens Lark's parser stumbles on when it skips each error and parses on."""
    lark = Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer=lexer, maybe_placeholders=True)
    seen: list[tuple[str, str, int, int]] = []

    def skip(error: UnexpectedInput) -> bool:
        if isinstance(error, UnexpectedToken):
            token = error.token
            seen.append((token.type, str(token), token.line or 0, token.column or 0))
        return len(seen) < 50  # a lexer that restarts from the top would loop for ever

    with contextlib.suppress(UnexpectedInput):
        lark.parse(text, on_error=skip)
    return seen


def test_a_parser_that_resumes_after_an_error_lexes_on_from_the_same_place() -> None:
    text = 'claim a:\n    x\nclaim b c d:\n    y\ncomponent e "T" f:\n    z\n'
    expected = _errors_while_resuming("basic", text)
    assert len(expected) >= 2
    assert _errors_while_resuming(LineLexer, text) == expected
