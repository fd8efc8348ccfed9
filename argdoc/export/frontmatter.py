"""YAML for front matter and metadata blocks, written by hand.

Argdown's front matter (`===` ... `===`), its inline data (`{key: value}`)
and Pandoc's metadata block (`---` ... `---`) are all YAML. Only a small,
fixed shape is ever written (strings, lists, nested mappings), so a PyYAML
dependency would buy nothing; what matters is that no user text can end the
block it sits in. Every string is therefore double-quoted, and the characters
that close the surrounding block in Argdown's lexer are written as escapes:
`=` (a run of three ends the front matter) and `{`/`}` (a brace followed by a
space ends inline data). YAML reads the escapes back as the same characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

# A YAML value as the exporters build it; None entries are left out.
Yaml = str | int | bool | None | Sequence["Yaml"] | Mapping[str, "Yaml"]

# Characters that could close an enclosing block, and those YAML does not
# allow unescaped inside a document (DEL, C1 controls, line separators, BOM).
_UNSAFE = re.compile("[={}\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Keys written bare: names like `date-parts`. Others (ids such as `2024`,
# `null` or `тезис`) are quoted, so YAML cannot read them as numbers or null.
_BARE_KEY = re.compile(r"[A-Za-z][A-Za-z-]*\Z")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def scalar(value: str | int | bool) -> str:
    """One YAML scalar: a double-quoted string (JSON's escapes are YAML's), a number or a boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", quoted)


def key(name: str) -> str:
    return name if _BARE_KEY.match(name) and name.lower() not in _YAML_WORDS else scalar(name)


def flow(value: Yaml) -> str:
    """A value on one line: `{id: "a", between: ["b", "c"]}`."""
    if isinstance(value, Mapping):
        items = ", ".join(f"{key(name)}: {flow(item)}" for name, item in value.items() if item is not None)
        return "{" + items + "}"
    if isinstance(value, str | int | bool):
        return scalar(value)
    if value is None:
        return "null"
    return "[" + ", ".join(flow(item) for item in value) + "]"


def block(mapping: Mapping[str, Yaml], indent: int = 0) -> list[str]:
    """A mapping in block style, one key per line; lists without mappings stay on one line."""
    pad = " " * indent
    lines: list[str] = []
    for name, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, Mapping) and any(item is not None for item in value.values()):
            lines.append(f"{pad}{key(name)}:")
            lines.extend(block(value, indent + 2))
        elif isinstance(value, Mapping):
            lines.append(f"{pad}{key(name)}: {{}}")
        elif isinstance(value, str | int | bool) or _is_flat(value):
            lines.append(f"{pad}{key(name)}: {flow(value)}")
        else:
            lines.append(f"{pad}{key(name)}:")
            lines.extend(_sequence(value, indent + 2))
    return lines


def _is_flat(value: Yaml) -> bool:
    """Scalars and lists without mappings read well on one line: `[[2007, 3, 20]]`."""
    if isinstance(value, Mapping):
        return False
    if value is None or isinstance(value, str | int | bool):
        return True
    return all(_is_flat(item) for item in value)


def _sequence(items: Sequence[Yaml], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            # `- key: value` with the rest of the mapping aligned under the first key.
            inner = block(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}" if inner else f"{pad}- {{}}")
            lines.extend(inner[1:])
        else:
            lines.append(f"{pad}- {flow(item)}")
    return lines
