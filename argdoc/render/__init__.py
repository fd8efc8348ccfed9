"""Rendering: the argument tree to HTML (Jinja2) and PDF (WeasyPrint).

Nothing here is imported by parsing or linting; `argdoc.render.pdf` imports
WeasyPrint only when a PDF is asked for.
"""
