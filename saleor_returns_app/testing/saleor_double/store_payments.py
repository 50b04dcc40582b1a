"""Granted refunds, refund requests and gift cards, mixed into ``Store``.

Saleor's Transactions API flow: a granted refund (``orderGrantRefundCreate``) is money
the store agreed to give back; ``transactionRequestRefundForGrantedRefund`` adds a
REFUND_REQUEST event and asks the transaction's payment app (sync webhook
TRANSACTION_REFUND_REQUESTED) to refund; the app later reports REFUND_SUCCESS or
REFUND_FAILURE. The granted refund's status follows the last of those events.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .records import Amount, Record, amount_of, money, now_iso, to_decimal

REFUND_REQUESTED_EVENT = "TRANSACTION_REFUND_REQUESTED"
NO_REFUND_HANDLER = "No app or plugin is configured to handle payment action requests."
_PAYMENT_APP_SUBSCRIPTION = (
    "subscription { event { ... on TransactionRefundRequested { "
    "transaction { id } action { amount } grantedRefund { id } } } }"
)
_STATUS_BY_EVENT = {
    "REFUND_REQUEST": "PENDING",
    "REFUND_SUCCESS": "SUCCESS",
    "REFUND_FAILURE": "FAILURE",
    "REFUND_REVERSE": "NONE",
}


class PaymentsMixin:
    """``Store`` methods for refunds and store credit; see the module docstring."""

    # -- payment apps ----------------------------------------------------------------

    def add_payment_app(
        self: Any,
        name: str = "Payments",
        *,
        handles_refunds: bool = True,
        target_url: str = "http://127.0.0.1:9/payments/refund",
    ) -> Record:
        """A payment app (HANDLE_PAYMENTS) to own transactions (``add_transaction(app=)``).

        With ``handles_refunds`` it subscribes to TRANSACTION_REFUND_REQUESTED; the double
        records those requests in ``refund_requests`` instead of calling ``target_url``.
        """
        with self.lock:
            app = self.add_app(name, permissions=["HANDLE_PAYMENTS"])
            if handles_refunds:
                self.add_webhook(
                    app,
                    name="Refund requested",
                    target_url=target_url,
                    events=[REFUND_REQUESTED_EVENT],
                    query=_PAYMENT_APP_SUBSCRIPTION,
                )
            return app

    def handles_refunds(self: Any, transaction: Record) -> bool:
        """Whether Saleor finds an app to send this transaction's refund requests to."""
        with self.lock:
            app = transaction.get("_app")
            if app is None or not app["isActive"]:
                return False
            return any(
                webhook["isActive"] and REFUND_REQUESTED_EVENT in webhook["_events"]
                for webhook in self.webhooks_of(app)
            )

    # -- granted refunds -------------------------------------------------------------

    def granted_refunds(self: Any, order: Record) -> list[Record]:
        """``order``'s granted refunds, oldest first."""
        with self.lock:
            return list(order["grantedRefunds"])

    def granted_refund_by_id(self: Any, global_id: str) -> Record | None:
        with self.lock:
            for order in self.orders.values():
                for granted in order["grantedRefunds"]:
                    if granted["id"] == global_id:
                        return granted
        return None

    def add_granted_refund(
        self: Any,
        order: Record,
        *,
        amount: Amount,
        transaction: Record | None,
        lines: Sequence[tuple[Record, int, str | None]] = (),
        reason: str = "",
        shipping_costs_included: bool = False,
        user: Record | None = None,
        app: Record | None = None,
    ) -> Record:
        """Record a granted refund (``lines`` are ``(order_line, quantity, reason)``)."""
        with self.lock:
            currency = order["channel"]["currencyCode"]
            created = now_iso()
            granted = self._new_record(
                "OrderGrantedRefund",
                self.next_pk("OrderGrantedRefund"),
                createdAt=created,
                updatedAt=created,
                amount=money(amount, currency),
                reason=reason,
                reasonReference=None,
                user=user,
                app=app,
                shippingCostsIncluded=shipping_costs_included,
                lines=[
                    self._new_record(
                        "OrderGrantedRefundLine",
                        self.next_pk("OrderGrantedRefundLine"),
                        quantity=quantity,
                        orderLine=order_line,
                        reason=line_reason,
                        reasonReference=None,
                    )
                    for order_line, quantity, line_reason in lines
                ],
                status="NONE",
                transactionEvents=[],
                transaction=transaction,
                _order=order,
            )
            order["grantedRefunds"].append(granted)
            self._refresh_payment_totals(order)
            return granted

    def granted_quantities(self: Any, order: Record) -> dict[str, int]:
        """Quantity already granted for refund per order line id."""
        with self.lock:
            totals: dict[str, int] = {}
            for granted in order["grantedRefunds"]:
                for line in granted["lines"] or ():
                    key = line["orderLine"]["id"]
                    totals[key] = totals.get(key, 0) + line["quantity"]
            return totals

    # -- refund requests -------------------------------------------------------------

    def add_transaction_event(
        self: Any,
        transaction: Record,
        event_type: str,
        amount: Amount,
        *,
        message: str = "",
        created_by: Record | None = None,
        granted_refund: Record | None = None,
    ) -> Record:
        """Append a ``TransactionEvent``; refund events also drive the granted refund."""
        with self.lock:
            event = self._new_record(
                "TransactionEvent",
                self.next_pk("TransactionEvent"),
                createdAt=now_iso(),
                pspReference=transaction["pspReference"] or "",
                message=message,
                reasonReference=None,
                externalUrl="",
                amount=money(amount, transaction["chargedAmount"]["currency"]),
                type=event_type,
                createdBy=created_by,
                idempotencyKey=None,
            )
            transaction["events"].append(event)
            transaction["modifiedAt"] = event["createdAt"]
            if granted_refund is not None:
                granted_refund["transactionEvents"].append(event)
                granted_refund["status"] = _STATUS_BY_EVENT.get(
                    event_type, granted_refund["status"]
                )
                granted_refund["updatedAt"] = event["createdAt"]
            return event

    def request_refund(
        self: Any,
        granted_refund: Record,
        transaction: Record,
        amount: Decimal,
        *,
        user: Record | None = None,
        app: Record | None = None,
    ) -> bool:
        """Ask the payment app to refund; ``False`` when no app handles refund requests."""
        with self.lock:
            related = granted_refund if granted_refund["transaction"] is transaction else None
            self.add_transaction_event(
                transaction,
                "REFUND_REQUEST",
                amount,
                created_by=app or user,
                granted_refund=related,
            )
            if not self.handles_refunds(transaction):
                self.add_transaction_event(
                    transaction,
                    "REFUND_FAILURE",
                    amount,
                    message=NO_REFUND_HANDLER,
                    granted_refund=related,
                )
                return False
            currency = transaction["chargedAmount"]["currency"]
            pending = amount_of(transaction["refundPendingAmount"]) + amount
            transaction["refundPendingAmount"] = money(pending, currency)
            order = granted_refund["_order"]
            event = self.add_order_event(order, "TRANSACTION_REFUND_REQUESTED", user=user, app=app)
            event.update(amount=float(amount), reference=transaction["pspReference"] or "")
            self.refund_requests.append(
                Record(
                    transaction=transaction,
                    granted_refund=granted_refund,
                    amount=amount,
                    app=transaction["_app"],
                )
            )
            self._refresh_payment_totals(order)
            return True

    def complete_refund(self: Any, granted_refund: Record, *, success: bool = True) -> Record:
        """The payment app reports the outcome of the pending refund request."""
        with self.lock:
            transaction = granted_refund["transaction"]
            if transaction is None:
                raise ValueError("The granted refund has no transaction.")
            amount = amount_of(granted_refund["amount"])
            currency = transaction["chargedAmount"]["currency"]
            pending = max(amount_of(transaction["refundPendingAmount"]) - amount, Decimal(0))
            transaction["refundPendingAmount"] = money(pending, currency)
            if success:
                refunded = amount_of(transaction["refundedAmount"]) + amount
                transaction["refundedAmount"] = money(refunded, currency)
            event = self.add_transaction_event(
                transaction,
                "REFUND_SUCCESS" if success else "REFUND_FAILURE",
                amount,
                created_by=transaction["_app"],
                granted_refund=granted_refund,
            )
            self._refresh_payment_totals(granted_refund["_order"])
            return event

    # -- gift cards ------------------------------------------------------------------

    def add_gift_card(
        self: Any,
        *,
        amount: Amount,
        currency: str,
        is_active: bool = True,
        sent_to: str | None = None,
        channel: str | None = None,
        note: str | None = None,
        metadata: Mapping[str, str] | None = None,
        user: Record | None = None,
        app: Record | None = None,
    ) -> Record:
        """Issue a gift card (store credit) with a fresh code, as ``giftCardCreate``."""
        with self.lock:
            code = uuid.uuid4().hex.upper()[:12]
            created = now_iso()
            balance = to_decimal(amount)
            card = self._new_record(
                "GiftCard",
                self.next_pk("GiftCard"),
                code=code,
                displayCode=_masked(code),
                last4CodeChars=code[-4:],
                created=created,
                createdBy=user,
                createdByEmail=user["email"] if user else None,
                usedBy=None,
                usedByEmail=None,
                assignedTo=None,
                assignedToEmail=None,
                lastUsedOn=None,
                expiryDate=None,
                app=app,
                product=None,
                events=[],
                tags=[],
                boughtInChannel=None,
                isActive=is_active,
                initialBalance=money(balance, currency),
                currentBalance=money(balance, currency),
                metadata=[
                    Record(__typename="MetadataItem", key=key, value=value)
                    for key, value in (metadata or {}).items()
                ],
                privateMetadata=[],
                _sent_to=sent_to,
                _channel=channel,
                _note=note,
            )
            self.gift_cards[card["id"]] = card
            return card

    def gift_cards_for(self: Any, email: str) -> list[Record]:
        """Gift cards sent to ``email`` (case-insensitive), oldest first."""
        with self.lock:
            wanted = email.lower()
            return [
                card
                for card in self.gift_cards.values()
                if (card["_sent_to"] or "").lower() == wanted
            ]


def _masked(code: str) -> str:
    """A gift card code as Saleor displays it: only the last four characters shown."""
    hidden = "X" * 4
    return f"{hidden}-{hidden}-{code[-4:]}"
