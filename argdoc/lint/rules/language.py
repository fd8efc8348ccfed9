"""Language: opt-in checks of analytic writing (ICD 203 tradecraft), off by default."""

from __future__ import annotations
