"""Rendering an email: the store's own wording if it has one, else the built-in templates, in
the recipient's language.

Every template, built-in or override, sees only these variables (plain strings, except
`lines`, a list of `{name, quantity}`): `language`, `brand_name`, `brand_logo_url`,
`brand_color`, `support_email`, `rma`, `order_number`, `customer_email`,
`tracking_page_url`, `event_time`, `rejection_reason`, `review_reason`, `amount`, `lines`,
`carrier`, `tracking_number`, `carrier_tracking_url`, `label_url`, `drop_off_code`,
`pickup_start`, `pickup_end`, and in the bodies `subject`. Amounts and times are already
formatted for the language.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.carriers.registry import carrier_name
from saleor_returns_app.core.l10n import format_datetime, format_money
from saleor_returns_app.notifications.models import Kind, Notification, NotificationTemplate
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.store_settings import settings_of
from saleor_returns_app.shipping.files import signed_label_token
from saleor_returns_app.shipping.models import Shipment, current_shipment

logger = logging.getLogger(__name__)

# Overrides are written by store staff: no tag that loads code, reads other templates or
# prints the context wholesale; the context itself holds no model objects.
_FORBIDDEN_TAGS = re.compile(r"{%\s*(load|include|extends|debug|url|csrf_token)\b")
_BUILTINS = ["django.template.defaulttags", "django.template.defaultfilters"]
_HTML_ENGINE = Engine(builtins=_BUILTINS, libraries={}, loaders=[], autoescape=True)
_TEXT_ENGINE = Engine(builtins=_BUILTINS, libraries={}, loaders=[], autoescape=False)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_notification(notification: Notification) -> RenderedEmail:
    """The email as it goes out: the closest override that renders, else the built-in."""
    context = email_context(notification)
    override = override_for(notification)
    if override is not None:
        try:
            return render_override(override, context)
        except TemplateSyntaxError:
            # A broken override must not cost the shopper the email: the built-in goes.
            logger.warning("Override %s does not render; the built-in is sent", override.pk)
    return render_builtin(Kind(notification.kind), notification.language, context)


def render_builtin(kind: Kind, language: str, context: dict[str, Any]) -> RenderedEmail:
    folder = f"notifications/{kind.lower()}"
    with translation.override(language):
        subject = _one_line(render_to_string(f"{folder}/subject.txt", context))
        with_subject = {**context, "subject": subject}
        text = render_to_string(f"{folder}/body.txt", with_subject)
        html = render_to_string(f"{folder}/body.html", with_subject)
    return RenderedEmail(subject, _tidy(text), html)


def override_for(notification: Notification) -> NotificationTemplate | None:
    """The store's wording for this email and language: the market's beats the store's."""
    return (
        NotificationTemplate.objects.filter(
            Q(market__isnull=True) | Q(market_id=notification.return_request.market_id),
            installation_id=notification.installation_id,
            kind=notification.kind,
            language=notification.language,
        )
        .order_by(F("market_id").asc(nulls_last=True))
        .first()
    )


def template_errors(subject: str, text: str, html: str) -> list[str]:
    """Why an override would not render (empty: it will); for whoever saves overrides."""
    errors = []
    for name, source in (("subject", subject), ("text", text), ("html", html)):
        try:
            _compile(source, _TEXT_ENGINE)
        except TemplateSyntaxError as exc:
            errors.append(f"{name}: {exc}")
    return errors


def render_override(template: NotificationTemplate, context: dict[str, Any]) -> RenderedEmail:
    subject = _one_line(
        _compile(template.subject, _TEXT_ENGINE).render(Context(context, autoescape=False))
    )
    with_subject = {**context, "subject": subject}
    text = _compile(template.text, _TEXT_ENGINE).render(Context(with_subject, autoescape=False))
    html = (
        _compile(template.html, _HTML_ENGINE).render(Context(with_subject))
        if template.html.strip()
        else ""
    )
    return RenderedEmail(subject, _tidy(text), html)


def _compile(source: str, engine: Engine) -> Template:
    forbidden = _FORBIDDEN_TAGS.search(source)
    if forbidden:
        raise TemplateSyntaxError(f"The {forbidden.group(1)} tag is not allowed in emails.")
    return engine.from_string(source)


def email_context(notification: Notification) -> dict[str, Any]:
    """The documented variables for `notification`, formatted in its language."""
    return_request = notification.return_request
    event = notification.event
    language = notification.language
    store = settings_of(return_request.installation)
    time_zone = return_request.market.time_zone if return_request.market else "UTC"
    amount = Decimal(str(event.data.get("amount", return_request.refund_amount)))
    context: dict[str, Any] = {
        "language": language,
        "brand_name": store.brand_name or return_request.installation.domain,
        "brand_logo_url": store.brand_logo_url,
        "brand_color": store.brand_color or "#2563EB",
        "support_email": store.support_email,
        "rma": return_request.rma,
        "order_number": return_request.order_number,
        "customer_email": return_request.customer_email,
        "tracking_page_url": (
            tracking_page_url(return_request)
            if notification.audience == Notification.Audience.SHOPPER
            else ""
        ),
        "event_time": format_datetime(event.created_at, language, time_zone),
        "rejection_reason": event.data.get("reason") or return_request.rejection_reason,
        "review_reason": event.data.get("message", "") if event.type == "BOOKING_FAILED" else "",
        "amount": format_money(amount, return_request.currency, language),
        "lines": [
            {
                "name": ", ".join(filter(None, (line.product_name, line.variant_name))) or line.sku,
                "quantity": line.quantity,
            }
            for line in return_request.lines.all()
        ],
        **_shipment_context(current_shipment(return_request), language, time_zone),
    }
    if event.type == "PICKUP_SCHEDULED":
        start, end = (datetime.fromisoformat(event.data[key]) for key in ("start", "end"))
        context["pickup_start"] = format_datetime(start, language, time_zone)
        context["pickup_end"] = format_datetime(end, language, time_zone)
    return context


def _shipment_context(shipment: Shipment | None, language: str, time_zone: str) -> dict[str, str]:
    booked = shipment is not None and shipment.status == Shipment.Status.BOOKED
    if not booked:
        return {
            key: ""
            for key in (
                "carrier",
                "tracking_number",
                "carrier_tracking_url",
                "label_url",
                "drop_off_code",
                "pickup_start",
                "pickup_end",
            )
        }
    pickup = shipment.mode == ReturnMode.PICKUP and shipment.pickup_start and shipment.pickup_end
    return {
        "carrier": carrier_name(shipment.carrier),
        "tracking_number": shipment.tracking_number,
        "carrier_tracking_url": shipment.tracking_url,
        "label_url": (
            absolute(reverse("shopper-label", kwargs={"token": signed_label_token(shipment)}))
            if shipment.label_file
            else ""
        ),
        "drop_off_code": shipment.drop_off_code,
        "pickup_start": format_datetime(shipment.pickup_start, language, time_zone)
        if pickup
        else "",
        "pickup_end": format_datetime(shipment.pickup_end, language, time_zone) if pickup else "",
    }


def tracking_page_url(return_request: ReturnRequest) -> str:
    """The shopper's page for the return: every email links it."""
    return absolute(reverse("track-return", kwargs={"token": return_request.public_token}))


def absolute(path: str) -> str:
    # Workers have no request to take the host from: APP_URL, else a relative link.
    return f"{settings.APP_URL}{path}"


def _one_line(subject: str) -> str:
    return " ".join(subject.split())


def _tidy(text: str) -> str:
    """Template tags leave blank lines behind: at most one empty line between paragraphs."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"
