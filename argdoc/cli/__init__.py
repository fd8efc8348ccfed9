"""The command line: `argdoc COMMAND ...`. Its entry point is `main` (pyproject's `argdoc.cli:main`).

One module per command, holding its help, its arguments and its `run`:
`build`, `check`, `lint`, `fmt`, `export`, `importer` (`argdoc import`) and
`rules` (`argdoc rules` and `argdoc rule`). Beside them:

- `program`: main; runs the chosen command, turns errors into exit codes;
- `commands`: the table of commands and the argument parser made from it;
- `build_jobs`: building one paper, and many in a process pool;
- `console`: where diagnostics and messages go, and their colour;
- `inputs`: paths and folders expanded into papers, and each one read;
- `lint_configs`: lint configuration per folder;
- `outputs`: writing an output file, or a diagnostic saying why not;
- `argument_types`: option values such as sizes and whole numbers;
- `exit_codes`: the exit codes, and UsageError.
"""

from argdoc.pydantic_plugins import skip_discovery_when_none_installed

# Before any of argdoc's Pydantic models is built (see argdoc/pydantic_plugins.py).
skip_discovery_when_none_installed()

from argdoc.cli.program import main  # noqa: E402

__all__ = ["main"]
