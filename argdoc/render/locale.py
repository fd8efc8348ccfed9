"""The words and dates of the paper's language: every word argdoc itself puts on a page.

Two things a paper in German or Hebrew must not show in English: the words of
argdoc's own furniture ("Contents", "Key findings", "Page 3 of 9") and dates.

* `words(language)` gives the interface words of a language (`WORDS`, one
  table for en, de, fr, es, ru, he, ar), falling back word by word to
  English, with a user's overrides on top: a `words.toml` in the templates
  folder (`--templates`) whose tables are languages (`[de]`, `[en-GB]`) or,
  at the top level, words for every language.
* `format_date(date, precision, language)` writes a date as the language
  does, from Babel's CLDR data rather than hand-written month tables:
  `15 October 2025` in en-GB, `October 15, 2025` in en-US, `15. Oktober 2025`
  in German; `precision` "month" and "year" are for partial dates
  (`October 2025`, `2025`). The citation styles use the same function.

Templates see the words as `words.contents`; a word with a number in it is a
pattern (`words.figure.format(number=2)`).
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from argdoc.cite.dates import date_in_words
from argdoc.render.typography import smarten

if TYPE_CHECKING:
    pass

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year")

# The file of a user's words, beside their templates and paper.css.
USER_WORDS = "words.toml"

# Every word argdoc writes on a page, by language (its primary subtag). A pattern's
# fields are {number}, {page}, {pages} and {level} (an estimate's confidence, as written).
# English is complete; another language may leave a word out, which is then English.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "key_findings": "Key findings",
        "recommendations": "Recommendations",
        "recommendation": "Recommendation {number}",
        "contents": "Contents",
        "glance": "The argument at a glance",
        "tension_map": "Tension map: the components of the position, the tensions that lie between them, "
        "and the claims the tensions bear on.",
        "tension_map_scroll": "Tension map, scrollable",
        "map_scroll_hint": "Swipe sideways to see the whole map.",
        "tensions_at_a_glance": "Tensions at a glance",
        "figure": "Figure {number}",
        "table": "Table {number}",
        "section": "section {number}",
        "appendix": "Appendix {number}",
        "appendix_reference": "appendix {number}",
        "notes": "Notes",
        "sources": "Sources",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "References",
        "reference_list": "Reference list",
        "page": "Page {page} of {pages}",
        "cite_this": "Cite this paper:",
        "acknowledgements": "Acknowledgements",
        "about_authors": "About the authors",
        "cited_in": "Cited in:",
        "back_to_note": "Back to note {number} in the text",
        "note": "Note:",
        "source": "Source:",
        "data": "Data:",
        "licence": "Licence:",
        "series_number": "No. {number}",
        "thesis": "Thesis",
        "claim": "Claim",
        "component": "Component",
        "tension": "Tension",
        "supports": "Supports",
        "opposes": "Opposes",
        "between": "Between",
        "bears_on": "Bears on",
        "argument": "Argument",
        "components": "Components",
        "tensions": "Tensions",
        "confidence": "{level} confidence",
    },
    "de": {
        "summary": "Zusammenfassung",
        "key_findings": "Kernaussagen",
        "recommendations": "Empfehlungen",
        "recommendation": "Empfehlung {number}",
        "contents": "Inhalt",
        "glance": "Die Argumentation im Überblick",
        "tension_map": "Spannungskarte: die Bestandteile der Position, die Spannungen zwischen ihnen "
        "und die Aussagen, die sie berühren.",
        "tension_map_scroll": "Spannungskarte, scrollbar",
        "map_scroll_hint": "Seitwärts wischen, um die ganze Karte zu sehen.",
        "tensions_at_a_glance": "Spannungen im Überblick",
        "figure": "Abbildung {number}",
        "table": "Tabelle {number}",
        "section": "Abschnitt {number}",
        "appendix": "Anhang {number}",
        "appendix_reference": "Anhang {number}",
        "notes": "Anmerkungen",
        "sources": "Quellen",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "Literatur",
        "reference_list": "Literaturverzeichnis",
        "page": "Seite {page} von {pages}",
        "cite_this": "Zitiervorschlag:",
        "acknowledgements": "Danksagung",
        "about_authors": "Über die Autorinnen und Autoren",
        "cited_in": "Zitiert in:",
        "back_to_note": "Zurück zu Anmerkung {number} im Text",
        "note": "Anmerkung:",
        "source": "Quelle:",
        "data": "Daten:",
        "licence": "Lizenz:",
        "series_number": "Nr. {number}",
        "thesis": "These",
        "claim": "Aussage",
        "component": "Bestandteil",
        "tension": "Spannung",
        "supports": "Stützt",
        "opposes": "Widerspricht",
        "between": "Zwischen",
        "bears_on": "Betrifft",
        "argument": "Argumentation",
        "components": "Bestandteile",
        "tensions": "Spannungen",
        "confidence": "Konfidenz: {level}",
    },
    "fr": {
        "summary": "Résumé",
        "key_findings": "Principales conclusions",
        "recommendations": "Recommandations",
        "recommendation": "Recommandation {number}",
        "contents": "Sommaire",
        "glance": "L’argument en un coup d’œil",
        "tension_map": "Carte des tensions : les composantes de la position, les tensions entre elles "
        "et les thèses qu’elles touchent.",
        "tension_map_scroll": "Carte des tensions, défilante",
        "map_scroll_hint": "Faites défiler de côté pour voir toute la carte.",
        "tensions_at_a_glance": "Les tensions en un coup d’œil",
        "figure": "Figure {number}",
        "table": "Tableau {number}",
        "section": "section {number}",
        "appendix": "Annexe {number}",
        "appendix_reference": "annexe {number}",
        "notes": "Notes",
        "sources": "Sources",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "Références",
        "reference_list": "Liste des références",
        "page": "Page {page} sur {pages}",
        "cite_this": "Pour citer ce document :",
        "acknowledgements": "Remerciements",
        "about_authors": "À propos des auteurs",
        "cited_in": "Cité dans :",
        "back_to_note": "Retour à l’appel de note {number}",
        "note": "Note :",
        "source": "Source :",
        "data": "Données :",
        "licence": "Licence :",
        "series_number": "no {number}",
        "thesis": "Thèse",
        "claim": "Affirmation",
        "component": "Composante",
        "tension": "Tension",
        "supports": "Appuie",
        "opposes": "S’oppose à",
        "between": "Entre",
        "bears_on": "Concerne",
        "argument": "Argument",
        "components": "Composantes",
        "tensions": "Tensions",
        "confidence": "confiance\u202f: {level}",
    },
    "es": {
        "summary": "Resumen",
        "key_findings": "Conclusiones principales",
        "recommendations": "Recomendaciones",
        "recommendation": "Recomendación {number}",
        "contents": "Índice",
        "glance": "El argumento de un vistazo",
        "tension_map": "Mapa de tensiones: los componentes de la posición, las tensiones entre ellos "
        "y las afirmaciones a las que afectan.",
        "tension_map_scroll": "Mapa de tensiones, desplazable",
        "map_scroll_hint": "Deslice de lado para ver todo el mapa.",
        "tensions_at_a_glance": "Las tensiones de un vistazo",
        "figure": "Figura {number}",
        "table": "Tabla {number}",
        "section": "sección {number}",
        "appendix": "Anexo {number}",
        "appendix_reference": "anexo {number}",
        "notes": "Notas",
        "sources": "Fuentes",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "Referencias",
        "reference_list": "Lista de referencias",
        "page": "Página {page} de {pages}",
        "cite_this": "Cómo citar:",
        "acknowledgements": "Agradecimientos",
        "about_authors": "Sobre los autores",
        "cited_in": "Citado en:",
        "back_to_note": "Volver a la nota {number} en el texto",
        "note": "Nota:",
        "source": "Fuente:",
        "data": "Datos:",
        "licence": "Licencia:",
        "series_number": "n.º {number}",
        "thesis": "Tesis",
        "claim": "Afirmación",
        "component": "Componente",
        "tension": "Tensión",
        "supports": "Apoya",
        "opposes": "Se opone a",
        "between": "Entre",
        "bears_on": "Afecta a",
        "argument": "Argumento",
        "components": "Componentes",
        "tensions": "Tensiones",
        "confidence": "confianza {level}",
    },
    "ru": {
        "summary": "Резюме",
        "key_findings": "Основные выводы",
        "recommendations": "Рекомендации",
        "recommendation": "Рекомендация {number}",
        "contents": "Содержание",
        "glance": "Аргумент в кратком виде",
        "tension_map": "Карта противоречий: составляющие позиции, противоречия между ними "
        "и утверждения, которых они касаются.",
        "tension_map_scroll": "Карта противоречий, прокручивается",
        "map_scroll_hint": "Прокрутите вбок, чтобы увидеть всю карту.",
        "tensions_at_a_glance": "Противоречия в кратком виде",
        "figure": "Рисунок {number}",
        "table": "Таблица {number}",
        "section": "раздел {number}",
        "appendix": "Приложение {number}",
        "appendix_reference": "приложение {number}",
        "notes": "Примечания",
        "sources": "Источники",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "Список литературы",
        "reference_list": "Список литературы",
        "page": "Страница {page} из {pages}",
        "cite_this": "Для цитирования:",
        "acknowledgements": "Благодарности",
        "about_authors": "Об авторах",
        "cited_in": "Цитируется в:",
        "back_to_note": "Назад к примечанию {number} в тексте",
        "note": "Примечание:",
        "source": "Источник:",
        "data": "Данные:",
        "licence": "Лицензия:",
        "series_number": "№ {number}",
        "thesis": "Тезис",
        "claim": "Утверждение",
        "component": "Составляющая",
        "tension": "Противоречие",
        "supports": "Поддерживает",
        "opposes": "Возражает",
        "between": "Между",
        "bears_on": "Касается",
        "argument": "Аргумент",
        "components": "Составляющие",
        "tensions": "Противоречия",
        "confidence": "уверенность: {level}",
    },
    "he": {
        "summary": "תקציר",
        "key_findings": "ממצאים עיקריים",
        "recommendations": "המלצות",
        "recommendation": "המלצה {number}",
        "contents": "תוכן העניינים",
        "glance": "הטיעון במבט אחד",
        "tension_map": "מפת המתחים: רכיבי העמדה, המתחים ביניהם והטענות שהם נוגעים בהן.",
        "tension_map_scroll": "מפת המתחים, ניתנת לגלילה",
        "map_scroll_hint": "גללו הצידה כדי לראות את המפה כולה.",
        "tensions_at_a_glance": "המתחים במבט אחד",
        "figure": "איור {number}",
        "table": "טבלה {number}",
        "section": "סעיף {number}",
        "appendix": "נספח {number}",
        "appendix_reference": "נספח {number}",
        "notes": "הערות",
        "sources": "מקורות",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "רשימת מקורות",
        "reference_list": "רשימת מקורות",
        "page": "עמוד {page} מתוך {pages}",
        "cite_this": "לציטוט:",
        "acknowledgements": "תודות",
        "about_authors": "על המחברים",
        "cited_in": "מצוטט ב:",
        "back_to_note": "חזרה להערה {number} בטקסט",
        "note": "הערה:",
        "source": "מקור:",
        "data": "נתונים:",
        "licence": "רישיון:",
        "series_number": "מס׳ {number}",
        "thesis": "תזה",
        "claim": "טענה",
        "component": "רכיב",
        "tension": "מתח",
        "supports": "תומך ב",
        "opposes": "מתנגד ל",
        "between": "בין",
        "bears_on": "נוגע ל",
        "argument": "הטיעון",
        "components": "רכיבים",
        "tensions": "מתחים",
        "confidence": "רמת ביטחון: {level}",
    },
    "ar": {
        "summary": "ملخص",
        "key_findings": "النتائج الرئيسية",
        "recommendations": "التوصيات",
        "recommendation": "التوصية {number}",
        "contents": "المحتويات",
        "glance": "الحجة في لمحة",
        "tension_map": "خريطة التوترات: مكونات الموقف، والتوترات القائمة بينها، والأطروحات التي تمسها.",
        "tension_map_scroll": "خريطة التوترات، قابلة للتمرير",
        "map_scroll_hint": "مرّر جانبيًا لرؤية الخريطة كاملة.",
        "tensions_at_a_glance": "التوترات في لمحة",
        "figure": "الشكل {number}",
        "table": "الجدول {number}",
        "section": "القسم {number}",
        "appendix": "الملحق {number}",
        "appendix_reference": "الملحق {number}",
        "notes": "الحواشي",
        "sources": "المصادر",
        # #12: the source list's name in the author-date styles (APA, Chicago; Cite Them Right)
        "references": "المراجع",
        "reference_list": "قائمة المراجع",
        "page": "الصفحة {page} من {pages}",
        "cite_this": "للاستشهاد بهذه الورقة:",
        "acknowledgements": "شكر وتقدير",
        "about_authors": "عن المؤلفين",
        "cited_in": "ورد في:",
        "back_to_note": "العودة إلى الحاشية {number} في النص",
        "note": "ملاحظة:",
        "source": "المصدر:",
        "data": "البيانات:",
        "licence": "الترخيص:",
        "series_number": "رقم {number}",
        "thesis": "الأطروحة",
        "claim": "ادعاء",
        "component": "مكوّن",
        "tension": "توتر",
        "supports": "يدعم",
        "opposes": "يعارض",
        "between": "بين",
        "bears_on": "يمس",
        "argument": "الحجة",
        "components": "المكونات",
        "tensions": "التوترات",
        "confidence": "درجة الثقة: {level}",
    },
}
DEFAULT = "en"


class Words(Mapping[str, str]):
    """The interface words of one language: its own, else English; a user's overrides first.

    Read as a mapping or by attribute (`words.contents`, as templates do); an
    unknown word is an error, never a silent blank. A word comes out in the
    typography of `language`, as the paper's own text does: a user's
    `"Contents"` in words.toml is shown with the language's quotes, and French
    words get their narrow no-break space before a colon.
    """

    def __init__(self, *layers: Mapping[str, str], language: str = DEFAULT) -> None:
        self._layers = layers
        self._language = language

    def __getitem__(self, key: str) -> str:
        for layer in self._layers:
            if key in layer:
                return _typeset(layer[key], self._language)
        raise KeyError(key)

    def __getattr__(self, key: str) -> str:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(WORDS[DEFAULT])

    def __len__(self) -> int:
        return len(WORDS[DEFAULT])


def words(language: str, user_words: Path | None = None) -> Words:
    """The words for a language tag (`de-CH` reads `[de-CH]`, then `[de]`, of a user's file and of `WORDS`)."""
    primary = _primary(language)
    user = _user_words(user_words) if user_words is not None else {}
    layers: list[Mapping[str, str]] = [
        user.get(language, {}),
        user.get(primary, {}),
        user.get("", {}),
        WORDS.get(primary, {}),
        WORDS[DEFAULT],
    ]
    return Words(*(layer for layer in layers if layer), language=language)


@functools.cache
def _typeset(word: str, language: str) -> str:
    """A word in the language's typography; cached, since a page asks for the same words often."""
    return smarten(word, language)


def _primary(language: str) -> str:
    return language.split("-", 1)[0].lower()


def _user_words(path: Path) -> dict[str, dict[str, str]]:
    """A `words.toml`: tables by language tag, and top-level words for every language ("").

    Read afresh for each render, like paper.css, so a live preview sees edits;
    a file that is not TOML, or a word that is not text, is left out rather than
    failing the build (the page keeps argdoc's word).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    tables: dict[str, dict[str, str]] = {"": {}}
    for key, value in data.items():
        if isinstance(value, str):
            tables[""][key] = value
        elif isinstance(value, dict):
            tables[key] = {k: v for k, v in value.items() if isinstance(v, str)}
    return tables


def format_date(date: datetime.date, precision: Precision, language: str) -> str:
    """A date as the language writes it, to the day, the month or the year.

    `format_date(date(2025, 10, 15), "day", "en-GB")` is "15 October 2025";
    "en-US" gives "October 15, 2025", "de" "15. Oktober 2025"; "month" gives
    "October 2025" (a partial date, `date: 2025-10`) and "year" "2025". Every
    date argdoc prints goes through here: the cover, the cite line, notes.
    """
    return date_in_words(date, precision, language)
