"""The lint rules, one module per family, each listing its rules in a RULES tuple.

RULES below is every rule argdoc has, in code order: the one list the registry,
the configuration, `argdoc rules` and docs/rules.md read. A new rule is added to
its family's RULES; importing a module registers nothing. Only families live
here: a helper of the rules lives beside this package (argdoc.lint.wording).
"""

from argdoc.lint.rule import Rule
from argdoc.lint.rules import document, estimates, evidence, language, meta, references, structure

RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            *references.RULES,
            *structure.RULES,
            *evidence.RULES,
            *document.RULES,
            *language.RULES,
            *estimates.RULES,
            *meta.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
