"""`argdoc lsp`: the language server, a thin layer over the compiler.

It holds no parser of its own. Each module reads what a compiler stage made:

    positions   argdoc's spans (1-based, in characters) to LSP positions (0-based,
                in the client's code units, UTF-16 by default) and back: the only
                place that converts
    analysis    one document compiled and linted as `argdoc lint` would, with its
                index; diagnostics as LSP diagnostics
    index       every id where it is defined and where it is used (relations,
                citations, includes), from the resolved tree
    completion  what may be typed at the cursor, from argdoc.syntax's tables
    hover       what an id, a citation or a rule code stands for
    outline     document symbols, folding ranges and semantic tokens
    actions     quick fixes from the diagnostics' hints
    server      the pygls server: requests in, the modules above, answers out

Only `server` (and the command, argdoc/cli/lsp.py) imports pygls; the other
modules use lsprotocol's types, which come with it (`pip install 'argdoc[lsp]'`).
"""
