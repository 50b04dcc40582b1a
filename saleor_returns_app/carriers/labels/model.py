"""Plain data handed to the label renderers (no Django models)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LabelAddress:
    name: str
    street_lines: tuple[str, ...]
    postal_code: str
    city: str
    country_code: str
    company: str = ""
    phone: str = ""

    def lines(self) -> list[str]:
        """The address as printed: name, company, streets, 'postal city', country, phone."""
        out = [self.name]
        if self.company:
            out.append(self.company)
        out.extend(line for line in self.street_lines if line)
        out.append(f"{self.postal_code} {self.city}".strip())
        out.append(self.country_code.upper())
        if self.phone:
            out.append(f"Tel. {self.phone}")
        return out


@dataclass(frozen=True)
class ReturnLabel:
    rma: str
    order_number: str
    tracking_url: str
    return_to: LabelAddress
    sender: LabelAddress
    instructions: str = field(default="")
