"""A6 self-ship return label as PDF (fpdf2), with an embedded Unicode font."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import TextMode

from saleor_returns_app.carriers.labels.code128 import code128_modules
from saleor_returns_app.carriers.labels.model import LabelAddress, ReturnLabel

PAGE_W, PAGE_H = 105.0, 148.0  # A6 portrait, mm
MARGIN = 5.0
FONT = "NotoSans"


@cache
def font_path() -> Path:
    """Noto Sans (OFL-1.1) from the ``fontpkg-noto-sans`` wheel; covers Latin Extended-A/B."""
    files = resources.files("fontpkg_noto_sans") / "files"
    for entry in files.iterdir():
        if entry.name.startswith("NotoSans[") and entry.name.endswith(".ttf"):
            return Path(str(entry))
    raise FileNotFoundError("Noto Sans TTF not found in the fontpkg-noto-sans package")


def _new_pdf() -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format=(PAGE_W, PAGE_H))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("Saleor Returns")
    # The variable TTF's default instance (Regular); fpdf2 subsets it so the PDF stays small.
    # Instancing a bold weight with ``variations=`` costs seconds per document, so bold is drawn
    # as fill+stroke text instead (still real, extractable text).
    pdf.add_font(FONT, "", font_path())
    return pdf


def _text(
    pdf: FPDF,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    size: float,
    bold: bool = False,
    align: str = "L",
) -> float:
    """Write (wrapping) text at x, y and return the y below it.

    Bold is drawn as fill+stroke inside q/Q so the stroke does not leak into later text.
    """
    pdf.set_font(FONT, "", size)
    pdf.set_xy(x, y)
    if not bold:
        pdf.multi_cell(w, h, text, align=align)
        return pdf.get_y()
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.03):
        pdf.multi_cell(w, h, text, align=align)
        return pdf.get_y()


def _block(pdf: FPDF, title: str, address: LabelAddress, y: float, size: float) -> float:
    """Draw a titled address block from y; returns the y below it."""
    x, w = MARGIN, PAGE_W - 2 * MARGIN
    _text(pdf, x + 2, y + 1.5, w - 4, 4, title, 8, bold=True)
    cur = y + 6
    for i, line in enumerate(address.lines()):
        cur = _text(pdf, x + 2, cur, w - 4, size * 0.42, line, size, bold=i == 0)
    return cur + 1.5


def _code128(pdf: FPDF, text: str, x: float, y: float, w: float, h: float) -> None:
    modules = code128_modules(text)
    quiet = 10
    module = w / (sum(modules) + 2 * quiet)
    cur = x + quiet * module
    for i, width in enumerate(modules):
        if i % 2 == 0:
            pdf.rect(cur, y, width * module, h, style="F")
        cur += width * module


def _qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    qr = segno.make_qr(data, error="m", boost_error=False)
    matrix = qr.matrix
    border = 2
    n = len(matrix) + 2 * border
    module = size / n
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(
                    x + (start + border) * module,
                    y + (r + border) * module,
                    (c - start) * module,
                    module,
                    style="F",
                )
            else:
                c += 1


def render_label_pdf(label: ReturnLabel) -> bytes:
    """Render the A6 return label: RETURN TO block, FROM block, Code 128 RMA, QR, order."""
    pdf = _new_pdf()
    pdf.set_title(f"Return label {label.rma}")
    pdf.add_page()
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(0, 0, 0)
    inner_w = PAGE_W - 2 * MARGIN

    # Header bar, white on black.
    pdf.rect(MARGIN, MARGIN, inner_w, 8, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_draw_color(255, 255, 255)
    _text(pdf, MARGIN + 2, MARGIN, inner_w - 4, 8, "RETURN SHIPMENT", 11, bold=True)
    _text(pdf, MARGIN + 2, MARGIN, inner_w - 4, 8, f"Order {label.order_number}", 8, align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)

    # Dominant RETURN TO block (thick frame, large type).
    top = MARGIN + 10
    bottom = _block(pdf, "RETURN TO", label.return_to, top, 12.5)
    pdf.set_line_width(0.8)
    pdf.rect(MARGIN, top, inner_w, bottom - top)

    # FROM block (thin frame, small type).
    top = bottom + 2
    bottom = _block(pdf, "FROM", label.sender, top, 8)
    pdf.set_line_width(0.25)
    pdf.rect(MARGIN, top, inner_w, bottom - top)

    # RMA barcode with its human-readable text.
    y = bottom + 3
    _text(pdf, MARGIN, y, inner_w, 4, "RMA", 8, bold=True, align="C")
    _code128(pdf, label.rma, MARGIN, y + 4.5, inner_w, 15)
    _text(pdf, MARGIN, y + 20, inner_w, 5, label.rma, 11, bold=True, align="C")

    # QR for tracking / drop-off, with order number and instructions beside it.
    qr_size = 30.0
    qr_y = PAGE_H - MARGIN - qr_size
    _qr(pdf, label.tracking_url, MARGIN, qr_y, qr_size)
    text_x = MARGIN + qr_size + 2
    text_w = PAGE_W - MARGIN - text_x
    _text(pdf, text_x, qr_y + 2, text_w, 3.5, "Order", 7)
    _text(pdf, text_x, qr_y + 5.5, text_w, 5, label.order_number, 11, bold=True)
    if label.instructions:
        _text(pdf, text_x, qr_y + 12, text_w, 3.2, label.instructions, 7)
    return bytes(pdf.output())
