"""ZPL II for 4x6 in thermal printers, ASCII-only (printer fonts lack Ș, Ł, ř …)."""

from __future__ import annotations

import unicodedata

from saleor_returns_app.carriers.labels.model import LabelAddress, ReturnLabel

# Letters NFKD does not decompose into base letter + combining mark.
_EXTRA = {
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE",
    "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "\u0131": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "\u2013": "-", "\u2014": "-",
    "\u201e": '"', "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2026": "...",
}  # fmt: skip


def transliterate(text: str) -> str:
    """Best-effort ASCII: 'Ștefan Țăranu' -> 'Stefan Taranu'; unknowns become '?'."""
    out = []
    for ch in text:
        if ch in _EXTRA:
            out.append(_EXTRA[ch])
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            out.append(part if 32 <= ord(part) < 127 else "?")
    return "".join(out)


def _field(text: str) -> str:
    """ASCII field data, with ZPL's control characters hex-escaped for ^FH."""
    ascii_text = transliterate(text)
    return ascii_text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def render_label_zpl(label: ReturnLabel, dpi: int = 203) -> str:
    """Render the return label as ZPL II for a 4x6 in label at ``dpi`` (203 or 300)."""
    scale = dpi / 203

    def d(dots: float) -> int:
        return round(dots * scale)

    width, height = round(4 * dpi), round(6 * dpi)
    cmds = ["^XA", "^CI0", f"^PW{width}", f"^LL{height}", "^LH0,0"]

    def text(x: int, y: int, size: int, value: str) -> None:
        cmds.append(f"^FO{d(x)},{d(y)}^A0N,{d(size)},{d(size)}^FH^FD{_field(value)}^FS")

    def address(y: int, title: str, addr: LabelAddress, size: int) -> int:
        text(40, y, 24, title)
        y += 34
        for line in addr.lines():
            text(40, y, size, line)
            y += size + 6
        return y

    cmds.append(f"^FO{d(20)},{d(20)}^GB{d(772)},{d(50)},{d(50)}^FS")
    cmds.append(f"^FO{d(40)},{d(30)}^A0N,{d(34)},{d(34)}^FR^FDRETURN SHIPMENT^FS")
    y = address(90, "RETURN TO", label.return_to, 44)
    cmds.append(f"^FO{d(20)},{d(80)}^GB{d(772)},{d(y - 70)},{d(6)}^FS")
    y = address(y + 20, "FROM", label.sender, 26)
    y += 20
    text(40, y, 24, "RMA")
    cmds.append(f"^FO{d(60)},{d(y + 34)}^BY{max(2, d(3))},3,{d(120)}")
    cmds.append(f"^BCN,{d(120)},Y,N,N^FH^FD{_field(label.rma)}^FS")
    qr_y = height / scale - 300
    magnification = max(1, min(10, d(6)))
    cmds.append(
        f"^FO{d(30)},{d(qr_y)}^BQN,2,{magnification}^FH^FDMA,{_field(label.tracking_url)}^FS"
    )
    text(330, int(qr_y) + 30, 24, "Order")
    text(330, int(qr_y) + 62, 40, label.order_number)
    if label.instructions:
        cmds.append(
            f"^FO{d(330)},{d(qr_y + 120)}^A0N,{d(22)},{d(22)}^FB{d(440)},5,4,L"
            f"^FH^FD{_field(label.instructions)}^FS"
        )
    cmds.append("^XZ")
    return "\n".join(cmds) + "\n"
