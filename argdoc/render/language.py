"""What a paper's language tag tells the renderer: the direction of its text.

The tag is BCP 47 (`en-GB`, `he`, `ar-EG`, `fa-IR`, `az-Arab`). Browsers and
WeasyPrint hyphenate by `lang` on their own; the direction is argdoc's job,
because neither infers `dir` from `lang`.
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["ltr", "rtl"]

# Languages written right to left by default (primary subtags).
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"}
)
# Scripts written right to left, for tags such as `az-Arab` or `pa-Arab`.
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})
_LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek"})


def text_direction(language: str) -> Direction:
    """`rtl` for Hebrew, Arabic, Persian, Urdu … (and any tag with an RTL script subtag), else `ltr`."""
    subtags = language.strip().lower().replace("_", "-").split("-")
    scripts = {tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()}
    if scripts & _RTL_SCRIPTS:
        return "rtl"
    if scripts & _LTR_SCRIPTS:
        return "ltr"  # ku-Latn, ug-Cyrl: a right-to-left language written in another script
    return "rtl" if subtags[0] in _RTL_LANGUAGES else "ltr"
