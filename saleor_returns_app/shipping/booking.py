"""Booking a return shipment exactly once: plan with the approval, book in a worker.

The shipment row is the outbox (ADR 0010). It is planned in the approval's transaction and
enqueued after commit. Before calling the carrier the worker commits `BOOKING`; a worker
that finds a shipment already `BOOKING` knows an earlier attempt may have reached the
carrier, and asks the carrier for a booking under our idempotency key before creating one.
The carrier's answer, the label and the return's move to `LABEL_ISSUED` commit together.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from saleor_returns_app.carriers.base import (
    Address,
    Booking,
    BookingState,
    CarrierDriver,
    CarrierError,
    CarrierUnavailable,
    Label,
    LabelFormat,
    NotSupported,
    PickupWindow,
    ReturnMode,
    ShipmentRequest,
)
from saleor_returns_app.carriers.base import Parcel as CarrierParcel
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.lifecycle import (
    SYSTEM,
    Actor,
    TransitionNotAllowed,
    apply_action,
    record_event,
)
from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.shipping.accounts import accounts_for_market, driver_of, option_of
from saleor_returns_app.shipping.files import store_label
from saleor_returns_app.shipping.models import CarrierAccount, SelectionRule, Shipment
from saleor_returns_app.shipping.parcel import ParcelFacts, ReturnedItem, parcel_facts
from saleor_returns_app.shipping.selection import (
    Choice,
    Rule,
    ShipmentFacts,
    Strategy,
    choose_account,
    table_price,
)

logger = logging.getLogger(__name__)

CARRIER = Actor(ReturnEvent.Actor.CARRIER)

# What a booking that cannot be looked up again tells staff.
_MAY_BE_BOOKED = (
    "An earlier attempt may have booked this return at {carrier}, which cannot look bookings "
    "up by our reference. Check the carrier's portal before booking again."
)


class BookingFailed(Refused):
    """The carrier (or our configuration) refused the booking: staff must act."""


class ShipmentActive(Refused):
    code = "SHIPMENT_ACTIVE"

    def __str__(self) -> str:
        return "This return already has a shipment on its way; cancel it first."


def plan_shipment(
    return_request: ReturnRequest, account: CarrierAccount | None = None
) -> Shipment | None:
    """Plan the booking of an approved return, in the caller's transaction.

    With no `account`, the market's rules choose one in the worker; nothing is planned in a
    market with no carrier account (its staff handle shipping by hand), nor while another
    shipment of the return is active. Enqueued after commit; the sweeper re-enqueues a
    lost one.
    """
    if account is None and not accounts_for_market(
        return_request.installation, return_request.market
    ):
        return None
    if Shipment.objects.filter(return_request=return_request, status__in=Shipment.ACTIVE).exists():
        return None
    pickup = _pickup_window(return_request) if return_request.method == ReturnMode.PICKUP else None
    shipment = Shipment.objects.next_attempt(return_request)
    shipment.account = account
    shipment.carrier = account.carrier if account else ""
    shipment.service_point_id = return_request.service_point_id
    shipment.pickup_start = pickup.start if pickup else None
    shipment.pickup_end = pickup.end if pickup else None
    shipment.save()
    transaction.on_commit(lambda: _enqueue_booking(shipment.pk), robust=True)
    return shipment


def _enqueue_booking(shipment_id: int) -> None:
    from saleor_returns_app.shipping.tasks import book_shipment

    book_shipment.delay(shipment_id)


def _pickup_window(return_request: ReturnRequest) -> PickupWindow:
    """The window the shopper chose, else the next working day, 9:00 to 17:00 local time."""
    chosen = (return_request.pickup_address or {}).get("window") or {}
    if chosen.get("start") and chosen.get("end"):
        return PickupWindow(
            datetime.fromisoformat(chosen["start"]), datetime.fromisoformat(chosen["end"])
        )
    zone = ZoneInfo(return_request.market.time_zone if return_request.market else "UTC")
    day = timezone.now().astimezone(zone).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return PickupWindow(
        datetime.combine(day, time(9), tzinfo=zone), datetime.combine(day, time(17), tzinfo=zone)
    )


# --- the worker side -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    shipment: Shipment
    account: CarrierAccount
    driver: CarrierDriver
    request: ShipmentRequest
    resumed: bool  # an earlier attempt may have reached the carrier


def book(shipment_id: int) -> None:
    """Book one planned shipment, at most once at the carrier.

    Transient faults (carrier or Saleor unreachable, database busy) propagate for the task
    to retry. A refusal fails the shipment and sends the return to staff with the message.
    """
    shipment = Shipment.objects.select_related("return_request").filter(pk=shipment_id).first()
    if shipment is None or shipment.status not in (
        Shipment.Status.PLANNED,
        Shipment.Status.BOOKING,
    ):
        return
    try:
        facts = parcel_facts_of(shipment)
        if shipment.account_id is None:
            _choose(shipment, facts)
        prepared = _start(shipment_id, facts)
        if prepared is None:
            return
        booking = _book_at_carrier(prepared)
    except BookingFailed as failure:
        fail(shipment_id, failure.message, failure.code)
        return
    except CarrierUnavailable:
        raise
    except CarrierError as exc:
        fail(shipment_id, exc.message, exc.code)
        return
    _record_booking(shipment_id, booking, prepared)


def parcel_facts_of(shipment: Shipment) -> ParcelFacts:
    """Sender, weight and categories of a shipment, from its order in Saleor."""
    return_request = shipment.return_request
    order = SaleorClient.for_installation(return_request.installation).execute(
        "OrderForShipment", {"id": return_request.order_id}
    )["order"]
    if order is None:
        raise BookingFailed("The order no longer exists in Saleor.", "ORDER_NOT_FOUND")
    items = [ReturnedItem(line.order_line_id, line.quantity) for line in return_request.lines.all()]
    return parcel_facts(order, items, pickup_address=return_request.pickup_address)


def _choose(shipment: Shipment, facts: ParcelFacts) -> None:
    """Pick the account by the market's rules and store the choice before booking."""
    return_request = shipment.return_request
    installation = return_request.installation
    accounts = {a.pk: a for a in accounts_for_market(installation, return_request.market)}
    options = [option_of(account) for account in accounts.values()]
    from_country = facts.sender.country_code or return_request.country_code
    shipment_facts = ShipmentFacts(
        mode=ReturnMode(shipment.mode),
        from_country=from_country,
        # Each account checks against its own warehouse; this is only the default.
        to_country=from_country,
        weight_grams=facts.weight_grams,
        categories=facts.categories,
    )
    rules = _rules(return_request, list(accounts.values()))

    def price_of(account_id: int) -> Decimal | None:
        return _price(accounts[account_id], shipment, facts)

    choice: Choice | None = choose_account(
        rules=rules, accounts=options, facts=shipment_facts, price_of=price_of
    )
    if choice is None:
        raise BookingFailed(
            f"No carrier account of this market can take a {shipment.mode} return from "
            f"{shipment_facts.from_country or 'this address'}.",
            "NO_CARRIER",
        )
    account = accounts[choice.account_id]
    with transaction.atomic():
        locked = Shipment.objects.locked(shipment.pk)
        if locked.account_id is None:
            locked.account = account
            locked.carrier = account.carrier
            locked.save(update_fields=["account", "carrier", "updated_at"])
            record_event(
                return_request,
                type="CARRIER_CHOSEN",
                actor=SYSTEM,
                data={"carrier": account.carrier, "account": account.name, "why": choice.why},
            )
    shipment.account = account
    shipment.carrier = account.carrier


def _rules(return_request: ReturnRequest, accounts: list[CarrierAccount]) -> list[Rule]:
    """The market's rules; without any, each usable account in turn (oldest first)."""
    rows = (
        SelectionRule.objects.filter(market_id=return_request.market_id)
        if return_request.market_id
        else []
    )
    rules = [
        Rule(
            account_id=row.account_id,
            strategy=Strategy(row.strategy),
            countries=frozenset(c.upper() for c in row.countries),
            categories=frozenset(row.categories),
            modes=frozenset(ReturnMode(m) for m in row.modes),
            min_weight_grams=row.min_weight_grams,
            max_weight_grams=row.max_weight_grams,
            is_fallback=row.is_fallback,
        )
        for row in rows
    ]
    return rules or [
        Rule(account_id=account.pk, is_fallback=True)
        for account in sorted(accounts, key=lambda a: a.pk)
    ]


def _price(account: CarrierAccount, shipment: Shipment, facts: ParcelFacts) -> Decimal | None:
    """A live quote where the carrier gives one, else the account's rate table, else 0 for
    accounts that cost nothing per parcel (self-ship); None when it cannot be priced."""
    driver = driver_of(account)
    if driver.capabilities.live_rates:
        request = _request(shipment, account, facts)
        try:
            quotes = driver.quote(request)
        except CarrierError:
            quotes = []
        if quotes:
            return min(quote.price for quote in quotes)
    if account.rate_table:
        return table_price(account.rate_table, facts.weight_grams)
    return Decimal(0) if not driver.capabilities.needs_account else None


def _request(shipment: Shipment, account: CarrierAccount, facts: ParcelFacts) -> ShipmentRequest:
    return_request = shipment.return_request
    pickup = (
        PickupWindow(shipment.pickup_start, shipment.pickup_end)
        if shipment.pickup_start and shipment.pickup_end
        else None
    )
    return ShipmentRequest(
        idempotency_key=shipment.idempotency_key,
        reference=return_request.rma,
        mode=ReturnMode(shipment.mode),
        sender=facts.sender,
        recipient=Address.from_dict(account.return_address),
        parcels=(CarrierParcel(weight_grams=facts.weight_grams),),
        declared_value=return_request.items_value,
        currency=return_request.currency,
        contents=f"Return {return_request.rma}",
        service_point_id=shipment.service_point_id,
        pickup_window=pickup,
        label_format=LabelFormat(account.label_format),
        order_number=return_request.order_number,
    )


def _start(shipment_id: int, facts: ParcelFacts) -> _Prepared | None:
    """Commit BOOKING before the carrier is called; tell whether an attempt came before."""
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        if shipment is None or shipment.status not in (
            Shipment.Status.PLANNED,
            Shipment.Status.BOOKING,
        ):
            return None
        resumed = shipment.status == Shipment.Status.BOOKING
        shipment.status = Shipment.Status.BOOKING
        shipment.attempts += 1
        shipment.save(update_fields=["status", "attempts", "updated_at"])
    account = shipment.account
    return _Prepared(
        shipment, account, driver_of(account), _request(shipment, account, facts), resumed
    )


def _book_at_carrier(prepared: _Prepared) -> Booking:
    if prepared.resumed:
        try:
            found = prepared.driver.find_shipment(prepared.request)
        except NotSupported as exc:
            raise BookingFailed(
                _MAY_BE_BOOKED.format(carrier=prepared.driver.name), "POSSIBLY_BOOKED"
            ) from exc
        if found is not None:
            logger.info("Shipment %s was booked by an earlier attempt", prepared.shipment.pk)
            return found
    try:
        return prepared.driver.create_return_shipment(prepared.request)
    except CarrierUnavailable as exc:
        if not exc.may_have_acted:
            # Nothing was booked: the retry may create again instead of sending staff to look.
            Shipment.objects.filter(pk=prepared.shipment.pk, status=Shipment.Status.BOOKING).update(
                status=Shipment.Status.PLANNED
            )
        raise


def _record_booking(shipment_id: int, booking: Booking, prepared: _Prepared) -> None:
    """Store the carrier's answer (and an inline label) and issue the label, in one commit."""
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        if shipment is None or shipment.status != Shipment.Status.BOOKING:
            return
        apply_booking(shipment, booking)
        if booking.label is not None:
            _attach_label(shipment, booking.label)
        shipment.save()
        if booking.state is BookingState.PENDING:
            transaction.on_commit(lambda: _enqueue("poll_booking", shipment_id), robust=True)
            return
        _issued(shipment, prepared.driver)


def apply_booking(shipment: Shipment, booking: Booking) -> None:
    shipment.carrier_shipment_id = booking.shipment_id
    shipment.tracking_number = booking.tracking_number
    shipment.tracking_url = booking.tracking_url
    shipment.drop_off_code = booking.drop_off_code
    shipment.service = booking.service
    shipment.price = booking.price
    shipment.currency = booking.currency
    shipment.has_label = booking.has_label
    shipment.error = ""
    shipment.error_code = ""
    shipment.status = (
        Shipment.Status.PENDING if booking.state is BookingState.PENDING else Shipment.Status.BOOKED
    )


def _attach_label(shipment: Shipment, label: Label) -> None:
    shipment.label_file = store_label(shipment, label)
    shipment.label_format = label.format


def _issued(shipment: Shipment, driver: CarrierDriver) -> None:
    """The booking stands: the return gets its label (or drop-off code) and what follows is
    enqueued: the label when the carrier did not send it, a separate pickup order."""
    return_request = shipment.return_request
    if return_request.status == Status.APPROVED:
        apply_action(
            installation=shipment.installation,
            return_request_id=return_request.pk,
            action=Action.ISSUE_LABEL,
            actor=CARRIER,
            data={
                "carrier": shipment.carrier,
                "tracking_number": shipment.tracking_number,
                "drop_off_code": bool(shipment.drop_off_code),
            },
        )
    if shipment.has_label and not shipment.label_file:
        transaction.on_commit(lambda: _enqueue("fetch_label", shipment.pk), robust=True)
    if (
        shipment.mode == ReturnMode.PICKUP
        and driver.capabilities.separate_pickup
        and not shipment.pickup_id
    ):
        transaction.on_commit(lambda: _enqueue("schedule_pickup", shipment.pk), robust=True)


def booking_of(shipment: Shipment) -> Booking:
    """What the driver needs to act on a stored booking."""
    return Booking(
        shipment_id=shipment.carrier_shipment_id,
        tracking_number=shipment.tracking_number,
        tracking_url=shipment.tracking_url,
        drop_off_code=shipment.drop_off_code,
        service=shipment.service,
        has_label=shipment.has_label,
    )


def fail(shipment_id: int, message: str, code: str) -> None:
    """The booking will not happen without staff: the shipment fails and the return goes
    to review with the carrier's message (staff book again once the cause is fixed)."""
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        if shipment is None or shipment.status not in (
            Shipment.Status.PLANNED,
            Shipment.Status.BOOKING,
            Shipment.Status.PENDING,
        ):
            return
        shipment.status = Shipment.Status.FAILED
        shipment.error = message
        shipment.error_code = code
        shipment.needs_attention = True
        shipment.save()
        data = {"carrier": shipment.carrier, "code": code, "message": message}
        if shipment.return_request.status == Status.APPROVED:
            apply_action(
                installation=shipment.installation,
                return_request_id=shipment.return_request_id,
                action=Action.BOOKING_FAILED,
                actor=SYSTEM,
                data=data,
            )
        else:
            record_event(shipment.return_request, type="BOOKING_FAILED", actor=SYSTEM, data=data)


def _enqueue(task_name: str, shipment_id: int) -> None:
    from saleor_returns_app.shipping import tasks

    getattr(tasks, task_name).delay(shipment_id)


# --- staff: book again -----------------------------------------------------------------------


def book_again(
    *,
    installation: Installation,
    return_request_id: int,
    actor: Actor,
    account_id: int | None = None,
) -> Shipment:
    """Staff book a return (again): after a refused booking, a cancelled shipment, or with
    another carrier account. Raises `CarrierAccount.DoesNotExist` for an account of another
    store, `TransitionNotAllowed` for a return that is not waiting for a shipment, and
    `ShipmentActive` when one is already on its way."""
    with transaction.atomic():
        return_request = (
            ReturnRequest.objects.for_installation(installation)
            # Only the return's row: its market may be null (an outer join cannot be locked).
            .select_for_update(of=("self",))
            .select_related("installation", "market")
            .get(pk=return_request_id)
        )
        account = (
            CarrierAccount.objects.for_installation(installation).get(pk=account_id)
            if account_id is not None
            else None
        )
        if Shipment.objects.filter(
            return_request=return_request, status__in=Shipment.ACTIVE
        ).exists():
            raise ShipmentActive()
        if return_request.status == Status.NEEDS_REVIEW and _booking_failed(return_request):
            return_request = apply_action(
                installation=installation,
                return_request_id=return_request.pk,
                action=Action.REBOOK,
                actor=actor,
            )
        if return_request.status != Status.APPROVED:
            raise TransitionNotAllowed(
                action=Action.ISSUE_LABEL, status=Status(return_request.status)
            )
        shipment = plan_shipment(return_request, account)
        if shipment is None:
            raise BookingFailed("This market has no carrier account.", "NO_CARRIER")
        record_event(
            return_request,
            type="SHIPMENT_BOOK_REQUESTED",
            actor=actor,
            data={"account": account.name if account else ""},
        )
    return shipment


def _booking_failed(return_request: ReturnRequest) -> bool:
    latest = Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()
    return latest is not None and latest.status == Shipment.Status.FAILED


def poll(shipment_id: int) -> bool:
    """Async carriers: True once the booking is settled (confirmed, or refused and failed)."""
    shipment = Shipment.objects.select_related("account").filter(pk=shipment_id).first()
    if shipment is None or shipment.status != Shipment.Status.PENDING:
        return True
    driver = driver_of(shipment.account)
    try:
        booking = driver.get_booking(shipment.carrier_shipment_id)
    except CarrierUnavailable:
        raise
    except CarrierError as exc:
        fail(shipment_id, exc.message, exc.code)
        return True
    if booking.state is BookingState.PENDING:
        return False
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        if shipment is None or shipment.status != Shipment.Status.PENDING:
            return True
        apply_booking(shipment, booking)
        if booking.label is not None:
            _attach_label(shipment, booking.label)
        shipment.save()
        _issued(shipment, driver)
    return True
