"""Rendering: the argument tree to HTML (Jinja2) and PDF (WeasyPrint).

Nothing here is imported by parsing or linting; `argdoc.render.pdf` imports
WeasyPrint only when a PDF is asked for.

One module per concern:

    options      RenderOptions: page size, theme, templates folder, PDF variant, identifiers
    html         the two documents (screen HTML, print HTML) and the Jinja environment
    pdf          WeasyPrint: variants, errors, SOURCE_DATE_EPOCH
    layout       headings, numbers, anchors, titles, key findings, source order
    toc          the table of contents
    markup       prose bodies (one method per node kind)
    safe_html    escaped HTML built quickly (format_html, join_html)
    notes        citations as footnotes (print) and endnotes with back-links (screen)
    bibliography Chicago notes and bibliography, the "cite this paper" line
    glance       the tensions, their components and the claims they bear on
    tension_map  the tension map, an SVG drawn by argdoc
    text_metrics label widths for wrapping the map's text
    fonts        the bundled typefaces and their @font-face rules
    stylesheets  the stylesheet of a paper: argdoc's CSS, the theme, the user's paper.css
    language     text direction from the language tag
    fetcher      the sandbox through which WeasyPrint reads files
"""
