"""Text to tokens: Lark's basic lexer, with a tighter loop.

The grammar's terminals, their order and priorities, and the keywords are
Lark's, read from the grammar (argdoc/grammar.py); this module only changes
how the text is walked. Lark's own loop spends about 3.5 µs a token in
Python bookkeeping (a line counter object, a callback table, a constructor
that takes keyword arguments) around a regular expression match that takes
under 1 µs; a paper of 10,000 statements is 61,000 tokens. Here the same
match runs in one loop with the position, line and column in local
variables, and the tokens come out equal to Lark's, field for field (a test
compares the two on every example and on generated papers).

On text that no terminal matches, Lark's own lexer is handed the position,
so the error (UnexpectedCharacters, with the token history the parser's
friendly diagnostics read) is exactly Lark's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar, NoReturn

from lark import Token
from lark.lexer import BasicLexer, LexerState, PatternStr, UnlessCallback


class LineLexer(BasicLexer):
    """A drop-in for Lark's `lexer="basic"`: the same tokens, about twice as fast."""

    # Lark passes a custom lexer its LexerState and the parser's state (the
    # interface its own lexers use) only when the class asks for version 2.
    __future_interface__: ClassVar[int] = 2

    _master: re.Pattern[str] | None = None
    _keywords: dict[str, dict[str, str]]

    def _prepare(self) -> re.Pattern[str]:
        """One pattern of all terminals in Lark's order, and the keywords as lookup tables.

        Lark's scanner leaves out the keywords that an ID also matches
        (`claim`, `section`, ...) and retypes a matched ID afterwards; the
        same retyping is a dictionary lookup here.
        """
        scanner = self.scanner  # builds Lark's terminal list and keyword callbacks
        if self.ignore_types & self.newline_types:
            raise TypeError("LineLexer skips ignored text without counting lines in it: use Lark's own lexer")
        self._keywords = {}
        for name, callback in self.callback.items():
            if not isinstance(callback, UnlessCallback) or not _plain_strings(callback):
                raise TypeError(f"LineLexer cannot retype terminal {name}: the grammar needs Lark's own lexer")
            self._keywords[name] = {t.pattern.value: t.name for t in callback.scanner.terminals}
        alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanner.terminals)
        self._master = re.compile(alternatives, self.g_regex_flags)
        return self._master

    def lex(self, state: LexerState, parser_state: Any) -> Iterator[Token]:
        match = (self._master or self._prepare()).match
        ignore = self.ignore_types
        keywords = self._keywords
        text, end = state.text.text, state.text.end
        counter = state.line_ctr
        pos, line, line_start = counter.char_pos, counter.line, counter.line_start_pos
        new_str = str.__new__
        while pos < end:
            found = match(text, pos, end)
            if found is None:
                counter.char_pos, counter.line, counter.line_start_pos = pos, line, line_start
                counter.column = pos - line_start + 1
                self._fail(state, parser_state)
            kind = found.lastgroup
            start, pos = pos, found.end()
            if kind in ignore:
                continue  # ignored text holds no newline (checked in _prepare)
            value = found.group()
            start_line, column = line, start - line_start + 1
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = start + value.rindex("\n") + 1
            retype = keywords.get(kind)  # type: ignore[arg-type]
            if retype is not None:
                kind = retype.get(value, kind)
            # Token's constructor, without its keyword-argument handling: the
            # same eight attributes Lark's Token.__new__ sets.
            token = new_str(Token, value)
            token.type = kind  # type: ignore[assignment]
            token.value = value
            token.start_pos = start
            token.line = start_line
            token.column = column
            token.end_line = line
            token.end_column = pos - line_start + 1
            token.end_pos = pos
            state.last_token = token
            # The counter says where the next token starts, as Lark's does after each
            # token: a parser that resumes after an error lexes on from there.
            counter.char_pos, counter.line, counter.line_start_pos = pos, line, line_start
            counter.column = pos - line_start + 1
            yield token
        counter.char_pos, counter.line, counter.line_start_pos = pos, line, line_start
        counter.column = pos - line_start + 1

    def _fail(self, state: LexerState, parser_state: Any) -> NoReturn:
        """Lark's own loop, from the same position, raises the error Lark would (UnexpectedCharacters)."""
        token = self.next_token(state, parser_state)
        raise AssertionError(f"Lark's lexer matched {token!r} where argdoc's did not")


def _plain_strings(callback: UnlessCallback) -> bool:
    """True when a keyword callback retypes exact strings only (no flags such as `i`)."""
    return all(isinstance(t.pattern, PatternStr) and not t.pattern.flags for t in callback.scanner.terminals)
