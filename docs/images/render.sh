#!/usr/bin/env bash
# Regenerate the pictures in docs/images/: the reference paper's PDF pages, and its
# HTML as Chromium shows it (desktop, dark mode, phone).
#
#   bash docs/images/render.sh
#
# Needs the project's venv (make setup), pdftoppm (poppler-utils), Chromium and the
# Node tools in tests/node (make node-deps). The PNGs are reduced to 256 colours
# (Pillow, which WeasyPrint brings) to keep the repository small.
set -euo pipefail
cd "$(dirname "$0")/../.."
images=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

.venv/bin/argdoc build examples/russia-iran.arg -o "$work" >/dev/null
rm -f "$images"/russia-iran-page-*.png
pdftoppm -png -r 80 "$work/russia-iran.pdf" "$images/russia-iran-page"
node tests/node/browser-check.mjs "$work" "$work/russia-iran.html" >"$work/browser.json"
for view in desktop dark phone; do
  cp "$work/russia-iran-$view.png" "$images/russia-iran-html-$view.png"
done
.venv/bin/python - "$images" <<'PY'
import sys
from pathlib import Path
from PIL import Image

for png in sorted(Path(sys.argv[1]).glob("russia-iran-*.png")):
    Image.open(png).convert("RGB").quantize(256).save(png, optimize=True)
    print(png)
PY
