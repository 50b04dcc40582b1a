"""Noto Sans Regular for the label PDFs, prepared once per process.

The ``fontpkg-noto-sans`` wheel ships a 2 MB *variable* TTF (wght x wdth, ~4500 glyphs).
Instancing and subsetting it with fontTools costs about a second, which is far too slow per
label, but the labels only ever print Latin text: so we do it once, keep the compressed
font program and the metrics we need to measure text, and every PDF embeds the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from saleor_returns_app.carriers.labels.zpl import transliterate

# What we print: names, streets and cities across Europe (Ș ș Ț ț are U+0218..U+021B in
# Latin Extended-B), typographic quotes and dashes, and currency signs such as €.
_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2116, 0x2116),  # Numero sign
    (0x2122, 0x2122),  # Trade mark sign
)


@dataclass(frozen=True)
class LabelFont:
    """A subset TrueType program plus what a PDF writer needs to embed it and measure text."""

    base_font: str  # e.g. "KQTZMB+NotoSans-Regular": the tag marks an embedded subset
    program: bytes  # the TTF, zlib-compressed (ready for /FontFile2 /FlateDecode)
    program_length: int  # uncompressed size, for /Length1
    cmap: Mapping[int, int]  # code point -> glyph id
    widths: tuple[int, ...]  # advance width per glyph id, in 1/1000 em
    bbox: tuple[int, int, int, int]  # in 1/1000 em, like the other metrics below
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float

    def glyphs(self, text: str) -> list[tuple[int, str]]:
        """(glyph id, the text it stands for) per printed character.

        NFC first, so a decomposed "S" + comma below still finds the precomposed Ș glyph.
        A character the font lacks is printed as its ASCII transliteration ('?' at worst)
        rather than as a .notdef box, and the text layer then carries that ASCII too.
        """
        out = []
        for char in unicodedata.normalize("NFC", text):
            gid = self.cmap.get(ord(char))
            if gid is not None:
                out.append((gid, char))
                continue
            for ascii_char in transliterate(char) or "?":
                gid = self.cmap.get(ord(ascii_char))
                out.append((gid, ascii_char) if gid is not None else (self.cmap[0x3F], "?"))
        return out

    def width(self, text: str) -> int:
        """Advance width of ``text`` in 1/1000 of the type size."""
        widths = self.widths
        return sum(widths[gid] for gid, _ in self.glyphs(text))


def _variable_font_path() -> Path:
    """Noto Sans (OFL-1.1) from the ``fontpkg-noto-sans`` wheel; covers Latin Extended-A/B."""
    files = resources.files("fontpkg_noto_sans") / "files"
    for entry in files.iterdir():
        if entry.name.startswith("NotoSans[") and entry.name.endswith(".ttf"):
            return Path(str(entry))
    raise FileNotFoundError("Noto Sans TTF not found in the fontpkg-noto-sans package")


def _regular_latin_subset() -> TTFont:
    font = TTFont(_variable_font_path())
    options = subset.Options()
    # No shaping happens in our writer, so the layout tables would only be dead weight;
    # without hinting and glyph names the program shrinks further and renders the same.
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "STAT"]
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for lo, hi in _RANGES for cp in range(lo, hi + 1)])
    # Subsetting first leaves ~700 glyphs, which makes instancing several times faster.
    subsetter.subset(font)
    return instancer.instantiateVariableFont(font, {"wght": 400, "wdth": 100})


@cache
def label_font() -> LabelFont:
    """The prepared font; built on first use (about a second), then shared by every label."""
    font = _regular_latin_subset()
    buffer = io.BytesIO()
    font.save(buffer)
    program = buffer.getvalue()

    scale = 1000 / font["head"].unitsPerEm
    hmtx = font["hmtx"]
    widths = tuple(round(hmtx[name][0] * scale) for name in font.getGlyphOrder())
    head, os2 = font["head"], font["OS/2"]
    # A subset tag is six capital letters; deriving it from the program keeps output stable.
    digest = hashlib.sha256(program).digest()
    tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
    return LabelFont(
        base_font=f"{tag}+NotoSans-Regular",
        program=zlib.compress(program, 9),
        program_length=len(program),
        cmap={cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()},
        widths=widths,
        bbox=(
            round(head.xMin * scale),
            round(head.yMin * scale),
            round(head.xMax * scale),
            round(head.yMax * scale),
        ),
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(os2.sCapHeight * scale),
        italic_angle=float(font["post"].italicAngle),
    )
