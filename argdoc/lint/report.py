"""Writing lint results: text, JSON, SARIF 2.1.0 and GitHub workflow annotations."""

from __future__ import annotations

import urllib.parse
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from argdoc import __version__
from argdoc.diagnostics import Diagnostic, Severity, format_json
from argdoc.lint.registry import all_rules, lookup
from argdoc.lint.rule import Rule

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
INFORMATION_URI = "https://github.com/argdoc/argdoc/blob/main/docs/rules.md"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return format_json(diagnostics) + "\n"


# --- SARIF -------------------------------------------------------------------------


def _sarif_rule(code: str, name: str, summary: str, severity: Severity) -> dict[str, object]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary},
        "helpUri": f"{INFORMATION_URI}#{code.lower()}-{name}",
        "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},
    }


def _descriptors(diagnostics: Sequence[Diagnostic]) -> list[dict[str, object]]:
    """Every registered rule, then any other code (syntax errors) that occurs."""
    descriptors = [_sarif_rule(r.code, r.name, r.summary, r.severity) for r in all_rules()]
    known = {r.code for r in all_rules()}
    for d in diagnostics:
        if d.code not in known:
            known.add(d.code)
            descriptors.append(_sarif_rule(d.code, d.name, d.name.replace("-", " "), Severity.ERROR))
    return descriptors


def _uri(path: str) -> str:
    """A URI reference for a file: relative to the working folder when inside it, percent-encoded."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
    # `my paper.arg` is not a valid URI reference; `my%20paper.arg` is (as_uri encodes the same way).
    return urllib.parse.quote(candidate.as_posix())


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    region: dict[str, int] = {"startLine": d.line, "startColumn": d.column}
    if d.end_line >= d.line:
        region["endLine"] = d.end_line
        region["endColumn"] = max(d.end_column, d.column if d.end_line == d.line else 1)
    message = d.message + (f" Help: {d.hint}" if d.hint else "")
    result: dict[str, object] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": region}}],
    }
    if d.statement:
        result["properties"] = {"statement": d.statement}
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": note.message},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(note.path)},
                    "region": {"startLine": note.line, "startColumn": note.column},
                },
            }
            for i, note in enumerate(d.related)
        ]
    return result


def to_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    descriptors = _descriptors(diagnostics)
    index = {str(rule["id"]): i for i, rule in enumerate(descriptors)}
    log = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argdoc",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(d, index) for d in diagnostics],
            }
        ],
    }
    import json  # here, not at the top: every argdoc lint imports this module, few write JSON

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --- GitHub ------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(d: Diagnostic) -> str:
    """One workflow command, e.g. `::error file=a.arg,line=3,col=5,...::message`."""
    properties = (
        f"file={_escape_property(d.path)},line={d.line},col={d.column},"
        f"endLine={d.end_line},endColumn={d.end_column},title={_escape_property(f'{d.code} {d.name}')}"
    )
    message = d.message + (f" (help: {d.hint})" if d.hint else "")
    return f"::{_GITHUB_LEVEL[d.severity]} {properties}::{_escape_data(message)}"


# --- statistics ----------------------------------------------------------------------


def statistics(diagnostics: Iterable[Diagnostic]) -> str:
    """Findings per rule, most frequent first: `count  CODE  name  severity`."""
    counts = Counter((d.code, d.name, d.severity.value) for d in diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(f"{n:>{width}}  {code}  {name}  [{level}]" for (code, name, level), n in rows)


# --- the rule list and pages -------------------------------------------------------------


def rules_table() -> str:
    rows = [
        f"{r.code}  {r.name:<30} {r.severity.value:<8} {'on ' if r.default else 'off'}  {r.summary}"
        for r in all_rules()
    ]
    header = f"{'code':<6}  {'name':<30} {'severity':<8} {'on?'}  summary"
    return "\n".join([header, *rows])


def rules_json() -> str:
    data = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "default": r.default,
            "family": r.family,
            "summary": r.summary,
            "options": {k: {"default": o.default, "help": o.help} for k, o in r.options.items()},
        }
        for r in all_rules()
    ]
    import json  # here, not at the top: every argdoc lint imports this module, few write JSON

    return json.dumps(data, indent=2) + "\n"


def rule_page(rule: type[Rule], markdown: bool = False) -> str:
    """One rule's documentation: summary, facts, why, options, bad and good examples."""
    doc = rule.documentation()
    state = "on by default" if rule.default else "off by default (opt in with extend-select)"
    lines = [
        f"### {rule.code} {rule.name}" if markdown else f"{rule.code} {rule.name}",
        "",
        f"{rule.summary}.",
        "",
        f"Severity: {rule.severity.value}; {state}; family: {rule.family}.",
        "",
        doc.text,
    ]
    if rule.options:
        lines += ["", "Options:", ""]
        lines += [f"- `{name}` (default `{o.default!r}`): {o.help}" for name, o in rule.options.items()]
    for label, example in (("Bad", doc.bad), ("Good", doc.good)):
        lines += ["", f"{label}:", ""]
        if markdown:
            lines += ["```argdoc", example.rstrip("\n"), "```"]
        else:
            lines += ["    " + line if line else "" for line in example.rstrip("\n").splitlines()]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry."""
    parts = [
        "# Lint rules",
        "",
        "<!-- Generated by `argdoc rules --format markdown`; do not edit by hand. -->",
        "",
        "Every rule has a stable code and a kebab-case name; both work in configuration, on the",
        "command line and in suppression comments (`# argdoc: ignore[unused-source]`).",
        "Rules marked *off* are opt-in: enable them with `extend-select`.",
        "",
        "| Code | Name | Severity | Default | Summary |",
        "|---|---|---|---|---|",
    ]
    parts += [
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {'on' if r.default else 'off'} "
        f"| {r.summary} |"
        for r in all_rules()
    ]
    # One heading per family, families in the order their first code comes:
    # codes do not follow families strictly (ARG005 is a structure rule among
    # the reference rules), and a page that repeated a heading listed a family twice.
    families: dict[str, list[type[Rule]]] = {}
    for rule in all_rules():
        families.setdefault(rule.family, []).append(rule)
    for family, rules in families.items():
        parts += ["", f"## {family.capitalize()}", ""]
        parts += [rule_page(rule, markdown=True) for rule in rules]
    return "\n".join(parts).rstrip() + "\n"


def find_rule(key: str) -> type[Rule] | None:
    return lookup(key)
