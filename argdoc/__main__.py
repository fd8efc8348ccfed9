"""`python -m argdoc`: the same as the `argdoc` command."""

import sys

from argdoc.cli import main

sys.exit(main())
