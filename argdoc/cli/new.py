"""`argdoc new`: a new paper in a folder of its own, from a template whose comments teach the language.

The templates are argdoc/scaffold/<name>.arg, each formatted, lint-clean and
buildable once `{title}`, `{name}` and `{date}` are filled in (a test builds
and lints each). Nothing is ever overwritten: an existing folder is refused.
"""

from __future__ import annotations

import argparse
import datetime
import re
from importlib import resources
from pathlib import Path

from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown
from argdoc.cli.exit_codes import EXIT_OK, UsageError
from argdoc.output import write_atomic

TEMPLATES = ("brief", "tensions", "minimal")
CONFIG = """\
# argdoc's settings for this folder (see `argdoc rules` for every lint rule).
[lint]
# Rules to switch off, by name or code: ignore = ["missing-summary"]
ignore = []

[fmt]
# Where `argdoc fmt` wraps prose.
line-length = 88
"""


def arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("name", metavar="NAME", help="the folder to create; the paper is NAME/NAME.arg")
    new.add_argument(
        "--template", choices=TEMPLATES, default=TEMPLATES[0], help=f"what to start from (default: {TEMPLATES[0]})"
    )


def run(args: argparse.Namespace, console: Console) -> int:
    folder = Path(args.name)
    stem = folder.name
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", stem):
        raise UsageError(f"{shown(args.name)}: name the paper with letters, digits, '-', '_' or '.'")
    if folder.exists() or folder.is_symlink():
        raise UsageError(f"{shown(folder)} already exists; argdoc new never overwrites: choose another NAME")
    text = (resources.files("argdoc.scaffold") / f"{args.template}.arg").read_text(encoding="utf-8")
    title = stem.replace("-", " ").replace("_", " ").strip(". ").capitalize() or "A new paper"
    paper = text.replace("{title}", title).replace("{name}", stem).replace("{date}", datetime.date.today().isoformat())
    folder.mkdir(parents=True)
    write_atomic(folder / f"{stem}.arg", paper)
    write_atomic(folder / "argdoc.toml", CONFIG)
    console.wrote(folder / f"{stem}.arg")
    console.wrote(folder / "argdoc.toml")
    console.info(f"next: argdoc serve {shown(folder / f'{stem}.arg')}   (a live preview as you write)")
    return EXIT_OK


COMMAND = Command(
    "start a new paper from a template",
    "Create the folder NAME with NAME/NAME.arg, a paper to start from whose comments teach "
    "the language, and NAME/argdoc.toml, its settings. Templates: brief (a policy brief), "
    "tensions (components and the tensions between them) and minimal. The paper builds and "
    "lints clean as it is. An existing NAME is never overwritten.",
    arguments,
    run,
)
