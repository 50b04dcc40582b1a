"""A6 self-ship return label as PDF, with an embedded Unicode font (Noto Sans subset)."""

from __future__ import annotations

import segno

from saleor_returns_app.carriers.labels.code128 import code128_modules
from saleor_returns_app.carriers.labels.font import label_font
from saleor_returns_app.carriers.labels.model import LabelAddress, ReturnLabel
from saleor_returns_app.carriers.labels.pdf_writer import PT_PER_MM, Glyphs, Page

PAGE_W, PAGE_H = 105.0, 148.0  # A6 portrait, mm
MARGIN = 5.0
CELL_PADDING = 1.0  # mm kept free left and right of text inside its box


def _wrap(page: Page, text: str, size: float, max_w: float) -> list[Glyphs]:
    """Break text into lines no wider than max_w mm: at spaces, or inside an overlong word."""
    font = page.font
    widths, scale = font.widths, size / 1000 / PT_PER_MM
    space = font.glyphs(" ")
    space_w = widths[space[0][0]] * scale
    lines: list[Glyphs] = []
    for paragraph in text.split("\n"):
        line: Glyphs = []
        line_w = 0.0
        for word in paragraph.split(" "):
            glyphs = font.glyphs(word)
            word_w = sum(widths[gid] for gid, _ in glyphs) * scale
            if line and line_w + space_w + word_w > max_w:
                lines.append(line)
                line, line_w = [], 0.0
            if line:
                line += space
                line_w += space_w
            if not line and word_w > max_w:
                # A word wider than the box: hard-break it where it overflows.
                for gid, char in glyphs:
                    w = widths[gid] * scale
                    if line and line_w + w > max_w:
                        lines.append(line)
                        line, line_w = [], 0.0
                    line.append((gid, char))
                    line_w += w
                continue
            line += glyphs
            line_w += word_w
        lines.append(line)
    return lines


def _text(
    page: Page,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    size: float,
    bold: bool = False,
    align: str = "L",
    white: bool = False,
) -> float:
    """Write text wrapped into the w mm wide box at x, y, one line per h mm; return the y below.

    Each line is centred vertically in its h mm row (baseline 0.3 of the type size below the
    middle, which sits cap letters visually centred), aligned "L", "C" or "R" in the box.
    """
    lines = _wrap(page, text, size, w - 2 * CELL_PADDING)
    baseline_offset = h / 2 + 0.3 * size / PT_PER_MM
    for i, glyphs in enumerate(lines):
        line_x = x + CELL_PADDING
        if align != "L":
            free = w - 2 * CELL_PADDING - page.width_mm(glyphs, size)
            line_x += free if align == "R" else free / 2
        page.text(line_x, y + i * h + baseline_offset, glyphs, size, bold=bold, white=white)
    return y + len(lines) * h


def _block(page: Page, title: str, address: LabelAddress, y: float, size: float) -> float:
    """Draw a titled address block from y; returns the y below it."""
    x, w = MARGIN, PAGE_W - 2 * MARGIN
    _text(page, x + 2, y + 1.5, w - 4, 4, title, 8, bold=True)
    cur = y + 6
    for i, line in enumerate(address.lines()):
        cur = _text(page, x + 2, cur, w - 4, size * 0.42, line, size, bold=i == 0)
    return cur + 1.5


def _code128(page: Page, text: str, x: float, y: float, w: float, h: float) -> None:
    modules = code128_modules(text)
    quiet = 10
    module = w / (sum(modules) + 2 * quiet)
    bars = []
    cur = x + quiet * module
    for i, width in enumerate(modules):
        if i % 2 == 0:
            bars.append((cur, y, width * module, h))
        cur += width * module
    page.fill_rects(bars)


def _qr(page: Page, data: str, x: float, y: float, size: float) -> None:
    """QR code (error correction M) drawn as one filled rectangle per run of dark modules."""
    matrix = segno.make_qr(data, error="m", boost_error=False).matrix
    border = 2
    module = size / (len(matrix) + 2 * border)
    runs = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append(
                    (
                        x + (start + border) * module,
                        y + (r + border) * module,
                        (c - start) * module,
                        module,
                    )
                )
            else:
                c += 1
    page.fill_rects(runs)


def render_label_pdf(label: ReturnLabel) -> bytes:
    """Render the A6 return label: RETURN TO block, FROM block, Code 128 RMA, QR, order."""
    page = Page(PAGE_W, PAGE_H, label_font())
    inner_w = PAGE_W - 2 * MARGIN

    # Header bar, white on black.
    page.fill_rects([(MARGIN, MARGIN, inner_w, 8)])
    _text(page, MARGIN + 2, MARGIN, inner_w - 4, 8, "RETURN SHIPMENT", 11, bold=True, white=True)
    order = f"Order {label.order_number}"
    _text(page, MARGIN + 2, MARGIN, inner_w - 4, 8, order, 8, align="R", white=True)

    # Dominant RETURN TO block (thick frame, large type).
    top = MARGIN + 10
    bottom = _block(page, "RETURN TO", label.return_to, top, 12.5)
    page.stroke_rect(MARGIN, top, inner_w, bottom - top, line_width=0.8)

    # FROM block (thin frame, small type).
    top = bottom + 2
    bottom = _block(page, "FROM", label.sender, top, 8)
    page.stroke_rect(MARGIN, top, inner_w, bottom - top, line_width=0.25)

    # RMA barcode with its human-readable text.
    y = bottom + 3
    _text(page, MARGIN, y, inner_w, 4, "RMA", 8, bold=True, align="C")
    _code128(page, label.rma, MARGIN, y + 4.5, inner_w, 15)
    _text(page, MARGIN, y + 20, inner_w, 5, label.rma, 11, bold=True, align="C")

    # QR for tracking / drop-off, with order number and instructions beside it.
    qr_size = 30.0
    qr_y = PAGE_H - MARGIN - qr_size
    _qr(page, label.tracking_url, MARGIN, qr_y, qr_size)
    text_x = MARGIN + qr_size + 2
    text_w = PAGE_W - MARGIN - text_x
    _text(page, text_x, qr_y + 2, text_w, 3.5, "Order", 7)
    _text(page, text_x, qr_y + 5.5, text_w, 5, label.order_number, 11, bold=True)
    if label.instructions:
        _text(page, text_x, qr_y + 12, text_w, 3.2, label.instructions, 7)
    return page.to_pdf(title=f"Return label {label.rma}", creator="Saleor Returns")
