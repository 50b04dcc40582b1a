"""A minimal one-page PDF writer: filled/stroked rectangles and text in one embedded font.

Just enough PDF 1.4 for our labels. Coordinates are in mm from the top-left corner, as in
the layout code; the writer flips them into PDF points (origin bottom-left). Text is shown
through a Type0 font with Identity-H encoding, so the content stream holds glyph ids, and a
ToUnicode CMap maps them back to the letters so the text layer stays searchable.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from saleor_returns_app.carriers.labels.font import LabelFont

PT_PER_MM = 72 / 25.4

Glyphs = list[tuple[int, str]]  # (glyph id, the text it stands for), see LabelFont.glyphs


def _num(value: float) -> str:
    return f"{value:.2f}"


def _text_string(text: str) -> str:
    """A PDF text string: literal when printable ASCII, else UTF-16BE hex with a BOM."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class Page:
    """One page of drawing operations, serialised by :meth:`to_pdf`."""

    def __init__(self, width_mm: float, height_mm: float, font: LabelFont) -> None:
        self.width_pt = width_mm * PT_PER_MM
        self.height_pt = height_mm * PT_PER_MM
        self.font = font
        self._ops: list[str] = []
        self._used: dict[int, str] = {}  # glyph id -> text, for /W and /ToUnicode

    def fill_rects(self, rects: Iterable[tuple[float, float, float, float]]) -> None:
        """Fill (x, y, w, h) rectangles in black, as one path (barcode bars, QR runs)."""
        k, top = PT_PER_MM, self.height_pt
        # Formatted inline: a QR code is hundreds of rectangles, and this is the hot loop.
        self._ops.extend(
            f"{x * k:.2f} {top - (y + h) * k:.2f} {w * k:.2f} {h * k:.2f} re"
            for x, y, w, h in rects
        )
        self._ops.append("f")

    def stroke_rect(self, x: float, y: float, w: float, h: float, line_width: float) -> None:
        """A black rectangle outline; ``line_width`` in mm, centred on the edges."""
        k = PT_PER_MM
        rect = f"{_num(x * k)} {_num(self.height_pt - (y + h) * k)} {_num(w * k)} {_num(h * k)}"
        self._ops.append(f"q {_num(line_width * k)} w {rect} re S Q")

    def text(
        self,
        x: float,
        baseline: float,
        glyphs: Glyphs,
        size: float,
        *,
        bold: bool = False,
        white: bool = False,
    ) -> None:
        """Show ``glyphs`` (from ``font.glyphs``) at ``size`` pt with the baseline at y.

        We embed only the Regular instance; bold is the same outlines filled *and* stroked
        (render mode 2) with a thin stroke, which keeps the text real and extractable.
        q/Q keeps that stroke width and render mode from leaking into later drawing.
        """
        if not glyphs:
            return
        for gid, char in glyphs:
            self._used.setdefault(gid, char)
        shown = "".join(f"{gid:04X}" for gid, _ in glyphs)
        colour = "1 g 1 G " if white else ""
        mode = f"{_num(size * 0.03)} w 2 Tr " if bold else ""
        self._ops.append(
            f"q {colour}BT /F1 {_num(size)} Tf {mode}{_num(x * PT_PER_MM)} "
            f"{_num(self.height_pt - baseline * PT_PER_MM)} Td <{shown}> Tj ET Q"
        )

    def width_mm(self, glyphs: Glyphs, size: float) -> float:
        widths = self.font.widths
        return sum(widths[gid] for gid, _ in glyphs) * size / 1000 / PT_PER_MM

    def to_pdf(self, title: str, creator: str) -> bytes:
        """Serialise the page as a complete PDF file."""
        font = self.font
        used = sorted(self._used.items())
        content = zlib.compress("\n".join(self._ops).encode("ascii"), 6)
        widths = " ".join(f"{gid} [{font.widths[gid]}]" for gid, _ in used)
        bbox = " ".join(str(v) for v in font.bbox)
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                f"<< /Type /Page /Parent 2 0 R "
                f"/MediaBox [0 0 {_num(self.width_pt)} {_num(self.height_pt)}] "
                f"/Resources << /Font << /F1 5 0 R >> /ProcSet [/PDF /Text] >> "
                f"/Contents 4 0 R >>"
            ).encode(),
            _stream(content, "/Filter /FlateDecode"),
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{font.base_font} "
                f"/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>"
            ).encode(),
            (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font.base_font} "
                f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor 7 0 R /CIDToGIDMap /Identity /W [{widths}] >>"
            ).encode(),
            (
                # Flags 32: non-symbolic (Latin). StemV is required but only used by viewers
                # that synthesise a substitute font; 80 is typical for a Regular weight.
                f"<< /Type /FontDescriptor /FontName /{font.base_font} /Flags 32 "
                f"/FontBBox [{bbox}] /ItalicAngle {font.italic_angle:g} "
                f"/Ascent {font.ascent} /Descent {font.descent} /CapHeight {font.cap_height} "
                f"/StemV 80 /FontFile2 8 0 R >>"
            ).encode(),
            _stream(font.program, f"/Filter /FlateDecode /Length1 {font.program_length}"),
            _stream(zlib.compress(_to_unicode_cmap(used), 6), "/Filter /FlateDecode"),
            (
                f"<< /Title {_text_string(title)} /Creator {_text_string(creator)} "
                f"/Producer {_text_string(creator)} >>"
            ).encode(),
        ]
        return _assemble(objects, root=1, info=len(objects))


def _stream(data: bytes, entries: str) -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries.encode(), data)


def _to_unicode_cmap(used: list[tuple[int, str]]) -> bytes:
    """CMap from our 2-byte glyph ids back to Unicode (UTF-16BE), for text extraction."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    # A bfchar section may hold at most 100 entries.
    for start in range(0, len(used), 100):
        chunk = used[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(
            f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for gid, text in chunk
        )
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _assemble(objects: list[bytes], root: int, info: int) -> bytes:
    """Number the objects 1..n, then write the cross-reference table with their offsets."""
    # The binary comment line tells transfer tools the file is binary (PDF spec 7.5.2).
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    # Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, EOL.
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (len(objects) + 1, root, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
