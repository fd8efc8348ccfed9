"""Names as BibTeX reads them, for a source's `author:`, `editor:` and `interviewer:`.

    Jane Smith                  given Jane, family Smith
    Smith, Jane                 the same, family first
    Ludwig van Beethoven        particle `van` (the run of lower-case words before the family name)
    van Beethoven, Ludwig       the same
    Martin Luther King Jr       suffix `Jr` (recognised at the end without a comma)
    King, Jr, Martin Luther     BibTeX's `Family, Suffix, Given`
    {RAND Corporation}          an institution: braces keep a name whole
    Jane Smith (RAND)           the old `Name (Affiliation)` spelling: an affiliation
    The Reut Institute          an institution too: argdoc knows the words that mark one

A name that cannot be read (more than two commas, unbalanced braces) gives an
error message and a hint, not a guess.
"""

from __future__ import annotations

import re

from argdoc.nodes import PersonName

# Words that mark an unbraced author as an institution, whose name is never
# inverted ("The Reut Institute", not "Institute, The Reut").
INSTITUTION_WORDS = frozenset(
    {
        "academy", "agency", "association", "bank", "board", "bureau", "center", "centre", "college",
        "commission", "committee", "corporation", "council", "department", "division", "foundation", "fund",
        "government", "group", "institute", "institution", "ministry", "nations", "office", "organisation",
        "organization", "parliament", "programme", "program", "project", "service", "society", "team", "trust",
        "union", "university",
    }
)  # fmt: skip
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})
_AFFILIATION = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<affiliation>[^()]*)\)$")


class NameError_(ValueError):
    """A name that cannot be read; `hint` says how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def parse_name(text: str) -> PersonName:
    """One name, read as BibTeX reads it (see the module's docstring); NameError_ when it cannot be."""
    text = text.strip()
    affiliation = None
    match = _AFFILIATION.match(text)
    if match is not None and not text.startswith("{"):
        text, affiliation = match.group("name").strip(), match.group("affiliation").strip() or None
    if text.count("{") != text.count("}"):
        raise NameError_(f"the braces in the name '{text}' do not match", "close every '{' with a '}'")
    if text.startswith("{") and _closing_brace(text) == len(text) - 1:
        return PersonName(literal=text[1:-1].strip(), affiliation=affiliation)
    parts = _split_top_level(text, ",")
    if len(parts) > 3:
        raise NameError_(
            f"the name '{text}' has too many commas",
            "write 'Given Family' or 'Family, Given' (or 'Family, Jr, Given'); an institution goes in braces: "
            "{Ministry of Defence, Estonia}",
        )
    if len(parts) == 1 and _looks_institutional(text):
        return PersonName(literal=_unbrace(text), affiliation=affiliation)
    if len(parts) == 1:
        return _first_von_last(_words(parts[0]), affiliation)
    family_words = _words(parts[0])
    suffix = parts[1].strip() if len(parts) == 3 else None
    given = parts[-1].strip()
    if len(parts) == 3 and parts[2].strip().lower() in _SUFFIXES:
        # `King, Martin Luther, Jr.`: written as people write it, not as BibTeX wants.
        suffix, given = parts[2].strip(), parts[1].strip()
    particle, family = _split_von(family_words)
    return PersonName(
        family=_unbrace(" ".join(family)) or None,
        given=_unbrace(given) or None,
        particle=particle,
        suffix=_unbrace(suffix) if suffix else None,
        affiliation=affiliation,
    )


def split_names(text: str) -> list[str]:
    """A BibTeX list of names, split at the word `and` outside braces (`{Barnes and Noble}` stays whole)."""
    names: list[list[str]] = [[]]
    for word in _words(text.replace("\n", " ").replace("\t", " ")):
        if word.lower() == "and":
            names.append([])
        else:
            names[-1].append(word)
    return [" ".join(words) for words in names if words]


def _first_von_last(words: list[str], affiliation: str | None) -> PersonName:
    suffix = None
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        return PersonName(family=_unbrace(words[0]), suffix=suffix, affiliation=affiliation)
    # The von part: from the first lower-case word (not the last word) to the last lower-case one.
    lower = [i for i, word in enumerate(words[:-1]) if _is_lower(word)]
    if lower:
        first, last = lower[0], lower[-1]
        given, particle, family = words[:first], words[first : last + 1], words[last + 1 :]
    else:
        given, particle, family = words[:-1], [], words[-1:]
    return PersonName(
        family=_unbrace(" ".join(family)),
        given=_unbrace(" ".join(given)) or None,
        particle=" ".join(particle) or None,
        suffix=suffix,
        affiliation=affiliation,
    )


def _split_von(words: list[str]) -> tuple[str | None, list[str]]:
    """`van Beethoven` -> ('van', ['Beethoven']): the leading lower-case words, then the family name."""
    lower = [i for i, word in enumerate(words[:-1]) if _is_lower(word)]
    if not lower:
        return None, words
    return _unbrace(" ".join(words[: lower[-1] + 1])), words[lower[-1] + 1 :]


def _looks_institutional(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and (words[0] == "the" or any(word.strip(",.") in INSTITUTION_WORDS for word in words))


def _is_lower(word: str) -> bool:
    """BibTeX's test for a von word: its first letter outside braces is lower case."""
    depth = 0
    for char in word:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
    return False


def _words(text: str) -> list[str]:
    return [word for word in _split_top_level(text, " ") if word]


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split at `separator` outside braces (`~` stays inside a word)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _closing_brace(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return index
    return -1


def _unbrace(text: str) -> str:
    return text.replace("{", "").replace("}", "").replace("~", "\u00a0").strip()


def format_name(name: PersonName) -> str:
    """The name as `argdoc fmt` writes it back: the plainest spelling that `parse_name` reads as the same name."""
    bare = name.model_copy(update={"affiliation": None})
    for core in _spellings(bare):
        try:
            if parse_name(core) == bare:
                break
        except NameError_:
            continue
    return f"{core} ({name.affiliation})" if name.affiliation else core


def _spellings(name: PersonName) -> list[str]:
    """The ways to write a name, plainest first; the last (braced, or BibTeX's full form) always reads back."""
    if name.literal is not None:
        return [name.literal, "{" + name.literal + "}"]
    given = name.given or ""
    return [
        name.natural,
        f"{name.surname}, {given}" if not name.suffix else name.natural,
        f"{name.surname}, {name.suffix or ''}, {given}".replace(", , ", ", "),
    ]
