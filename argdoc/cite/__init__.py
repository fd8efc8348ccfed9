"""Citations: the source model (names, dates, kinds of work), the citation styles, reference files.

A source is a CSL item written in .arg spelling (argdoc.nodes.Source):

- `names`: BibTeX's reading of a name (`Given Family`, `Family, Given`,
  particles, suffixes, `{Institution}`) into a PersonName;
- `dates`: partial dates (`2024`, `2024-03`, `2024-03-15`, `n.d.`) and the one
  place dates are put into words, in the paper's language (Babel);
- `kinds`: the kinds of work (CSL item types), their fields and what lint expects of each;
- `csl`: a source as a CSL-JSON item (exports, `export --to csl-json`, the test oracle);
- `styles`: Chicago notes-bibliography (the default), Chicago author-date, APA 7, Harvard.
"""
