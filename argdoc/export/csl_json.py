"""The paper's sources as CSL-JSON: what Zotero, Pandoc (`--bibliography`) and citeproc-js read.

Every source the paper lists, in its order: those written in the paper, then
the entries of its reference files that it cites (`Paper.references`). Each
item is `argdoc.cite.csl.csl_item`, which keeps to the CSL-JSON schema
(v1.0.2; argdoc's own data under `custom`). The output is deterministic: the
same paper gives the same bytes.
"""

from __future__ import annotations

import json

from argdoc.cite.csl import csl_item
from argdoc.nodes import Paper, Source


def render(paper: Paper) -> str:
    items = [csl_item(source) for source in paper.all_statements() if isinstance(source, Source)]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
