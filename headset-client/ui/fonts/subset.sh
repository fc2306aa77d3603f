#!/usr/bin/env bash
# Remakes the fonts shipped with the client from Debian's Noto packages (OFL 1.1, see OFL.txt).
# Noto Sans (Latin, Vietnamese, Greek, Cyrillic) and Noto Sans Thai are small and ship whole.
# Noto Sans CJK is 19.5 MB; the Simplified Chinese face is cut to the characters of the
# national standards names are written with (GB 2312, Big5, JIS X 0208, KS X 1001), every
# modern Hangul syllable, CJK punctuation, kana and full-width forms: 29,000 characters,
# 5.3 MB. A rarer character falls back to the system's fonts.
# Needs: apt-get download (Debian), dpkg-deb, python3 with fonttools (pip install fonttools).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-noto-core fonts-noto-cjk
for deb in *.deb; do dpkg-deb -x "$deb" root; done
cp root/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf root/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf "$here/"
python3 - <<'PY'
chars = set()
for encoding in ["gb2312", "big5", "shift_jis", "euc_kr"]:
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                chars.update(bytes([hi, lo]).decode(encoding))
            except UnicodeDecodeError:
                pass
for start, end in [(0xAC00, 0xD7A4), (0x3000, 0x3100), (0x3130, 0x3190), (0xFF00, 0xFFF0)]:
    chars.update(chr(c) for c in range(start, end))
open("chars.txt", "w").write("".join(sorted(c for c in chars if ord(c) > 0x2000)))
PY
# Face 2 of the collection is Noto Sans CJK SC.
pyftsubset root/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
    --text-file=chars.txt --layout-features='' --no-hinting --output-file="$here/NotoSansCJK-subset.otf"
ls -l "$here"
