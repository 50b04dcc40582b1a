"""Return labels we render ourselves (the ``self`` carrier): A6 PDF and ZPL II."""

from saleor_returns_app.carriers.labels.code128 import code128_modules
from saleor_returns_app.carriers.labels.model import LabelAddress, ReturnLabel
from saleor_returns_app.carriers.labels.pdf import render_label_pdf
from saleor_returns_app.carriers.labels.zpl import render_label_zpl, transliterate

__all__ = [
    "LabelAddress",
    "ReturnLabel",
    "code128_modules",
    "render_label_pdf",
    "render_label_zpl",
    "transliterate",
]
