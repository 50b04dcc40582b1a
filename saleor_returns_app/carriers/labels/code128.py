"""Code 128 encoding (code sets B and C) to a run-length module pattern.

The PDF writer and the ZPL renderer only draw bars; the symbol encoding is ours.
"""

from __future__ import annotations

# Bar/space widths (in modules) for symbol values 0..106; 106 is STOP (with its final bar).
_PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)  # fmt: skip

_START_B, _START_C, _CODE_B, _CODE_C, _STOP = 104, 105, 100, 99, 106


def _symbols(data: str) -> list[int]:
    if not data:
        raise ValueError("Code 128 needs at least one character")
    if any(not 32 <= ord(ch) <= 126 for ch in data):
        raise ValueError(f"Code 128 set B carries printable ASCII only: {data!r}")
    symbols: list[int] = []
    current = None
    i = 0
    while i < len(data):
        run = 0
        while i + run < len(data) and data[i + run].isdigit():
            run += 1
        # Code set C packs two digits per symbol; worth switching for 4+ digits (or 2 at start/end).
        use_c = run >= 4 or (run >= 2 and run == len(data) - i and i == 0)
        if use_c:
            run -= run % 2
            if current != "C":
                symbols.append(_START_C if current is None else _CODE_C)
                current = "C"
            for j in range(i, i + run, 2):
                symbols.append(int(data[j : j + 2]))
            i += run
            continue
        if current != "B":
            symbols.append(_START_B if current is None else _CODE_B)
            current = "B"
        symbols.append(ord(data[i]) - 32)
        i += 1
    checksum = symbols[0] + sum(pos * value for pos, value in enumerate(symbols[1:], start=1))
    symbols.append(checksum % 103)
    symbols.append(_STOP)
    return symbols


def code128_modules(data: str) -> list[int]:
    """Widths (in modules) of alternating bar, space, bar, … runs, starting with a bar."""
    return [int(w) for value in _symbols(data) for w in _PATTERNS[value]]
