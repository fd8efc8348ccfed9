"""The likelihood and confidence of a judgment (ICD 203): the scale's terms and their bands.

A claim may say how likely it is (`likelihood: likely`) and how sure the
analyst is of the judgment (`confidence: moderate`). The lint rules check
the words against the scale; the renderer and the exports show a term with
its band of probability. Kept apart from argdoc.lint.wording so that the
renderer need not import the linter.
"""

from __future__ import annotations

# ICD 203's two rows of likelihood terms, from "almost no chance" to "almost certain".
ROWS = (
    ("almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely", "almost certain"),
    ("remote", "highly improbable", "improbable", "roughly even odds", "probable", "highly probable", "nearly certain"),
)
BANDS = ("1-5 %", "5-20 %", "20-45 %", "45-55 %", "55-80 %", "80-95 %", "95-99 %")
# ICD 203's confidence levels: the analyst's confidence in the evidence and reasoning.
CONFIDENCE_LEVELS = ("low", "moderate", "high")


def icd_band(term: str) -> int | None:
    """The band (0-6) of an ICD 203 term written in a `likelihood:` field, or None."""
    wanted = " ".join(term.lower().split())
    wanted = {"almost certainly": "almost certain", "probably": "probable"}.get(wanted, wanted)
    for row in ROWS:
        if wanted in row:
            return row.index(wanted)
    return None


def band_text(term: str) -> str | None:
    """'55-80 %' for 'likely'; None for a term off the ICD 203 scale (a configured scale's own)."""
    band = icd_band(term)
    return None if band is None else BANDS[band].replace("-", "\u2013")


def estimate_text(likelihood: str | None, confidence: str | None) -> str | None:
    """'likely (55-80 %) · moderate confidence': an estimate as the HTML shows it in English; None without one.

    For the exports that carry it as text (the DOT map's labels, the Markdown
    summary line); JSON, AIF and Argdown carry the fields as data.
    """
    parts = []
    if likelihood:
        band = band_text(likelihood)
        parts.append(f"{likelihood} ({band})" if band else likelihood)
    if confidence:
        parts.append(f"{confidence} confidence")
    return " · ".join(parts) or None
