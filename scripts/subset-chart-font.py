#!/usr/bin/python3
"""Builds the chart fonts: Noto Sans JP cut down to the characters charts usually draw.

resvg re-reads its font files on every render, and the full Noto Sans JP (5.4 MB a weight) costs
about 45 ms of each chart. The subset keeps ASCII, Latin-1, punctuation and symbols, kana,
full-width forms and the JIS X 0208 level-1 kanji; charts/fonts.ts falls back to the full font
from npm whenever a chart holds a character outside it (a rare kanji in a company name).

Run from the repo root after `npm ci`, with fontTools (Debian: python3-fonttools):
    /usr/bin/python3 scripts/subset-chart-font.py
"""
from pathlib import Path
from fontTools import subset

SRC = Path('node_modules/@expo-google-fonts/noto-sans-jp')
OUT = Path('assets/fonts')

chars = set()
for lo, hi in [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x25A0, 0x25FF), (0x3000, 0x30FF), (0xFF01, 0xFF9F)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
# JIS X 0208 level-1 kanji: Shift-JIS lead bytes 0x88 (from trail 0x9F) to 0x98 (to trail 0x72).
for lead in range(0x88, 0x99):
    for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
        if (lead == 0x88 and trail < 0x9F) or (lead == 0x98 and trail > 0x72):
            continue
        try:
            chars.add(bytes([lead, trail]).decode('cp932'))
        except UnicodeDecodeError:
            pass
text = ''.join(sorted(chars))

OUT.mkdir(parents=True, exist_ok=True)
for weight, name in [('400Regular', 'Regular'), ('700Bold', 'Bold')]:
    options = subset.Options()
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.notdef_outline = True
    font = subset.load_font(str(SRC / weight / f'NotoSansJP_{weight}.ttf'), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    subset.save_font(font, str(OUT / f'NotoSansJP-{name}-subset.ttf'), options)
# The characters the subset covers, one line, read by charts/fonts.ts.
(OUT / 'subset-chars.txt').write_text(text, encoding='utf-8')
