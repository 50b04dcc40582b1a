"""Self-ship return labels: the PDF scans, is A6, prints RO/PL/CZ names; the ZPL is ASCII."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from saleor_returns_app.carriers.labels import (
    LabelAddress,
    ReturnLabel,
    code128_modules,
    render_label_pdf,
    render_label_zpl,
    transliterate,
)

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
URL = "https://returns.example.com/t/RMA-2026-000123?c=9f2a"
NAMES = ["Ștefan Țăranu, București", "Łukasz Żółć, Łódź", "Jiří Řezníček"]


def make_label(sender_name: str = "Ștefan Țăranu", city: str = "București") -> ReturnLabel:
    return ReturnLabel(
        rma="RMA-2026-000123",
        order_number="100045",
        tracking_url=URL,
        return_to=LabelAddress(
            name="Returns Dept.",
            company="Magazin Exemplu SRL",
            street_lines=("Strada Fabricii 12", "Hala 3"),
            postal_code="060041",
            city="București",
            country_code="RO",
            phone="+40 21 000 0000",
        ),
        sender=LabelAddress(
            name=sender_name,
            street_lines=("Șoseaua Ștefan cel Mare 5",),
            postal_code="020121",
            city=city,
            country_code="RO",
            phone="+40 700 000 000",
        ),
        instructions="Pack the items securely, stick this label on the parcel and hand it over.",
    )


def rasterise(pdf_bytes: bytes, dpi: int = 300):
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return doc[0].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()


def page_text_and_size(pdf_bytes: bytes) -> tuple[str, tuple[float, float], int]:
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        return text, page.get_size(), len(doc)
    finally:
        doc.close()


def test_pdf_codes_decode_to_rma_and_url():
    # given a return label
    label = make_label()
    # when it is rendered and rasterised at 300 dpi
    image = rasterise(render_label_pdf(label))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTEFACTS / "self-label.png")
    # then the Code 128 decodes to the RMA and the QR to the tracking URL
    found = {(r.format, r.text) for r in zxingcpp.read_barcodes(image)}
    assert (zxingcpp.BarcodeFormat.Code128, label.rma) in found
    assert (zxingcpp.BarcodeFormat.QRCode, URL) in found


def test_qr_uses_error_correction_m():
    # given a rendered label
    image = rasterise(render_label_pdf(make_label()))
    # when the QR is decoded
    (qr,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    # then its error-correction level is M
    assert qr.ec_level == "M"


def test_pdf_is_a_single_a6_page():
    # given / when
    _, (width_pt, height_pt), pages = page_text_and_size(render_label_pdf(make_label()))
    # then the page is 105 x 148 mm
    assert pages == 1
    assert width_pt * 25.4 / 72 == pytest.approx(105, abs=0.1)
    assert height_pt * 25.4 / 72 == pytest.approx(148, abs=0.1)


@pytest.mark.parametrize("full", NAMES)
def test_unicode_names_come_back_out_of_the_pdf(full):
    # given a shopper with a Romanian, Polish or Czech name and city
    name, _, city = full.partition(", ")
    label = make_label(sender_name=name, city=city or "Praha")
    # when rendered
    text, _, _ = page_text_and_size(render_label_pdf(label))
    # then the exact letters are in the PDF's text layer (an embedded font, not boxes)
    assert name in text
    if city:
        assert city in text
    assert "RETURN TO" in text
    assert "FROM" in text
    assert label.rma in text
    assert label.order_number in text


def test_pdf_embeds_the_unicode_font():
    # given / when
    pdf = render_label_pdf(make_label(sender_name="Jiří Řezníček"))
    # then a TrueType font program is embedded (subset), not a Latin-1 core font
    assert b"/FontFile2" in pdf
    assert b"NotoSans" in pdf
    assert b"/Helvetica" not in pdf


def test_zpl_has_barcodes_and_only_ascii():
    # given a label whose sender has non-ASCII letters
    label = make_label(sender_name="Łukasz Żółć", city="Łódź")
    # when rendered as ZPL at 203 dpi
    zpl = render_label_zpl(label)
    # then it is a 4x6 in ZPL II label with Code 128 (RMA) and QR (URL), ASCII only
    assert zpl.startswith("^XA")
    assert zpl.rstrip().endswith("^XZ")
    assert "^PW812" in zpl
    assert "^LL1218" in zpl
    assert f"^BCN,120,Y,N,N^FH^FD{label.rma}^FS" in zpl
    assert f"^BQN,2,6^FH^FDMA,{URL}^FS" in zpl
    assert zpl.isascii()
    assert "Lukasz Zolc" in zpl
    assert "Lodz" in zpl
    assert "Bucuresti" in zpl
    assert "Stefan cel Mare" in zpl


def test_zpl_scales_to_300_dpi():
    # given / when
    zpl = render_label_zpl(make_label(), dpi=300)
    # then the print width is 4 in at 300 dpi
    assert "^PW1200" in zpl
    assert "^LL1800" in zpl


@pytest.mark.parametrize(
    ("text", "ascii_text"),
    [
        ("Ștefan Țăranu, București", "Stefan Taranu, Bucuresti"),
        ("Łukasz Żółć, Łódź", "Lukasz Zolc, Lodz"),
        ("Jiří Řezníček", "Jiri Reznicek"),
        ("Đurđa Straße, Dvůr Králové", "Durda Strasse, Dvur Kralove"),
    ],
)
def test_transliterate(text, ascii_text):
    assert transliterate(text) == ascii_text


def test_zpl_escapes_control_characters():
    # given a name containing ZPL's ^ and ~ characters
    zpl = render_label_zpl(make_label(sender_name="A^B~C_D"))
    # then they are hex-escaped for ^FH
    assert "A_5EB_7EC_5FD" in zpl


def test_code128_pattern_is_well_formed():
    # given / when
    modules = code128_modules("RMA-2026-000123")
    # then bars and spaces alternate, start and end with a bar, and symbols are 11 modules wide
    assert len(modules) % 2 == 1
    assert (sum(modules) - 13) % 11 == 0


def test_pdf_xref_offsets_point_at_their_objects():
    # given a rendered label
    pdf = render_label_pdf(make_label())
    # when its trailer's startxref and the cross-reference table are read
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(pdf[pdf.rindex(b"startxref") :].split()[1])
    assert pdf[xref_at:].startswith(b"xref\n")
    header, *rest = pdf[xref_at:].split(b"\n", 2)[1:]
    first, count = (int(part) for part in header.split())
    entries = rest[0][: 20 * count]
    # then every in-use entry is 20 bytes and points at "N 0 obj" for its own object number
    assert first == 0
    assert entries[:20] == b"0000000000 65535 f \n"
    for number in range(1, count):
        entry = entries[20 * number : 20 * (number + 1)]
        offset, generation, kind = entry.split()
        assert (generation, kind) == (b"00000", b"n")
        assert pdf[int(offset) :].startswith(b"%d 0 obj" % number)
    assert b"/Size %d" % count in pdf[xref_at:]


def test_letters_the_font_lacks_print_as_ascii_not_boxes():
    # given a name with a letter outside the embedded subset (Vietnamese ễ) and a decomposed Ș
    label = make_label(sender_name="Nguyễn S\u0326erban")
    # when rendered
    text, _, _ = page_text_and_size(render_label_pdf(label))
    # then ễ falls back to its transliteration and the decomposed letter to the composed glyph
    assert "Nguyen Șerban" in text
