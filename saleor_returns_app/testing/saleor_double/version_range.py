"""Just enough of npm semver ranges to check a manifest's ``requiredSaleorVersion``.

Supports ``||``, space-separated comparators (``>=3.21 <4``), ``^``, ``~``, hyphen
ranges, bare and x-ranges (``3.24``, ``3.x``, ``*``). Pre-releases compare naturally
(Saleor relaxes npm's same-patch pre-release rule the same way).
"""

from __future__ import annotations

import re

Version = tuple[int, int, int, int]  # major, minor, patch, 0 for pre-release / 1 for release

_PARTIAL = re.compile(r"^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?$")
_COMPARATOR = re.compile(r"^(>=|<=|>|<|=|\^|~)?\s*(.+)$")


class InvalidRange(ValueError):
    """The range text is not an npm range this parser understands."""


def parse_version(text: str) -> Version:
    """``3.24.0`` / ``3.24.0-a.0`` -> comparable tuple."""
    match = _PARTIAL.match(text.strip())
    if not match or not all(part and part.isdigit() for part in match.groups()[:3]):
        raise InvalidRange(f"Not a full version: {text!r}")
    major, minor, patch, pre = match.groups()
    return int(major), int(minor), int(patch), 0 if pre else 1


def _partial(text: str) -> tuple[list[int], bool]:
    match = _PARTIAL.match(text)
    if not match:
        raise InvalidRange(f"Not a version: {text!r}")
    numbers: list[int] = []
    for part in match.groups()[:3]:
        if part is None or not part.isdigit():
            break
        numbers.append(int(part))
    return numbers, bool(match.group(4))


def _floor(numbers: list[int], pre: bool = False) -> Version:
    padded = [*numbers, 0, 0, 0][:3]
    return padded[0], padded[1], padded[2], 0 if pre else 1


def _bump(numbers: list[int]) -> Version:
    # The first version above an x-range: 3.24 -> 3.25.0-0, 3 -> 4.0.0-0.
    bumped = [*numbers[:-1], numbers[-1] + 1]
    return _floor(bumped, pre=True)


def _bounds(operator: str, text: str) -> list[tuple[str, Version]]:
    if text in ("*", "x", "X", ""):
        return []
    numbers, pre = _partial(text)
    if not numbers:
        return []
    full = len(numbers) == 3
    if operator == "^":
        significant = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
        return [(">=", _floor(numbers, pre)), ("<", _bump(numbers[: significant + 1]))]
    if operator == "~":
        keep = numbers[:2] if len(numbers) > 1 else numbers
        return [(">=", _floor(numbers, pre)), ("<", _bump(keep))]
    if operator in ("", "="):
        if full:
            return [("=", _floor(numbers, pre))]
        return [(">=", _floor(numbers)), ("<", _bump(numbers))]
    if operator == ">":
        return [(">=", _bump(numbers))] if not full else [(">", _floor(numbers, pre))]
    if operator == "<=":
        return [("<", _bump(numbers))] if not full else [("<=", _floor(numbers, pre))]
    return [(operator, _floor(numbers, pre))]


def _holds(version: Version, operator: str, bound: Version) -> bool:
    return {
        ">=": version >= bound,
        ">": version > bound,
        "<": version < bound,
        "<=": version <= bound,
        "=": version == bound,
    }[operator]


def _alternative_bounds(alternative: str) -> list[tuple[str, Version]]:
    hyphen = re.match(r"^(\S+)\s+-\s+(\S+)$", alternative)
    if hyphen:
        return _bounds(">=", hyphen.group(1)) + _bounds("<=", hyphen.group(2))
    bounds: list[tuple[str, Version]] = []
    # Operators may be separated from versions by spaces (">= 3.21").
    tokens = re.findall(r"(?:>=|<=|>|<|=|\^|~)?\s*[^\s<>=^~]+", alternative)
    for token in tokens:
        match = _COMPARATOR.match(token.strip())
        if not match:
            raise InvalidRange(f"Not a comparator: {token!r}")
        bounds.extend(_bounds(match.group(1) or "", match.group(2).strip()))
    return bounds


def satisfies(version: str, range_text: str) -> bool:
    """Whether ``version`` is inside the npm range ``range_text``."""
    parsed = parse_version(version)
    alternatives = [part.strip() for part in range_text.split("||")]
    if not range_text.strip():
        raise InvalidRange("Empty range")
    return any(
        all(_holds(parsed, operator, bound) for operator, bound in _alternative_bounds(part))
        for part in alternatives
    )
