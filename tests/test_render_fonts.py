"""The bundled typefaces: licensed, complete, and measured by the table the tension map wraps with."""

from __future__ import annotations

import json

import pytest

from argdoc.render.fonts import FACES, FONT_DIR, font_face_css, subsets_for
from argdoc.render.text_metrics import METRICS_FILE, build_table, text_width, wrap


def test_every_face_has_its_files() -> None:
    for face in FACES:
        assert (FONT_DIR / f"{face.stem}.woff2").is_file(), face
        assert face.path("print").is_file(), face


@pytest.mark.parametrize(
    "family", ["noto-serif", "noto-sans", "noto-serif-hebrew", "noto-sans-hebrew", "noto-naskh-arabic"]
)
def test_every_family_carries_its_open_font_licence(family: str) -> None:
    text = (FONT_DIR / f"LICENSE-{family}.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in text
    assert "Reserved Font Name" not in text.split("PREAMBLE", 1)[0]  # no reserved name: subsets may keep theirs


def test_the_metrics_table_matches_the_fonts() -> None:
    assert json.loads(METRICS_FILE.read_text(encoding="utf-8")) == build_table()


def test_wrapping_keeps_lines_within_the_width() -> None:
    lines = wrap("Protecting State Sovereignty from outside interference", 170, 12)
    assert lines == ["Protecting State Sovereignty", "from outside interference"]
    assert all(text_width(line, 12) <= 170 for line in lines)
    assert wrap("Supercalifragilisticexpialidocious word", 50, 12)[0] == "Supercalifragilisticexpialidocious"


@pytest.mark.parametrize(
    ("text", "subsets"),
    [
        ("Plain English, “quoted” \u2013 dashed", {"latin"}),
        ("Łódź and Erdoğan", {"latin", "latin-ext"}),
        ("מתחים ביחסי", {"latin", "hebrew"}),
        ("التوترات", {"latin", "arabic"}),
        ("Erdoğan, מתחים, التوترات, Łódź", {"latin", "latin-ext", "hebrew", "arabic"}),
    ],
)
def test_faces_are_chosen_by_the_scripts_a_text_uses(text: str, subsets: set[str]) -> None:
    assert subsets_for(text) == subsets


def test_screen_fonts_are_inline_woff2_and_print_fonts_are_relative_files() -> None:
    screen = font_face_css({"latin", "latin-ext"}, "screen")
    printed = font_face_css({"latin", "latin-ext"}, "print")
    assert screen.count("@font-face") == 6  # Latin only: the extended subset is left to the reader's fonts
    assert 'src: url("data:font/woff2;base64,' in screen and "unicode-range" in screen
    assert printed.count("@font-face") == 12
    assert 'src: url("fonts/noto-serif-latin-400-normal.ttf")' in printed
    assert 'src: url("fonts/noto-serif-latin-ext-400-normal.woff2")' in printed
    assert "unicode-range" not in printed  # WeasyPrint would trust it over the file (see fonts.py)


def test_the_latin_print_files_have_a_hyphen_of_their_own_for_u2010_and_u2011() -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    from argdoc.render.font_patch import ALIASES, patch, patched_files

    assert len(patched_files()) == 6
    for path in patched_files():
        font = TTFont(path)
        cmap = font.getBestCmap()
        for alias, original in ALIASES.items():
            # A glyph of its own (text copied out of the PDF keeps the character), drawn as the hyphen.
            assert cmap[alias] not in (cmap[original], None), (path.name, hex(alias))
            assert font["hmtx"][cmap[alias]] == font["hmtx"][cmap[original]]
            assert font["glyf"][cmap[alias]].coordinates == font["glyf"][cmap[original]].coordinates
        assert not patch(path)  # the files are patched already, and patching again changes nothing
