"""A shopper's return from request to refund, with a carrier label: one email per step, once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail

from saleor_returns_app.notifications.models import Notification
from saleor_returns_app.notifications.services import deliver, due_for_redelivery
from saleor_returns_app.notifications.tasks import send_notification
from saleor_returns_app.returns.lifecycle import SYSTEM
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.returns.receiving import ReceivedLine, receive_return
from saleor_returns_app.returns.refunds import refund_return
from saleor_returns_app.returns.services import cancel_return
from saleor_returns_app.returns.store_settings import StoreSettingsInput, save_store_settings
from saleor_returns_app.shipping import booking, followups
from saleor_returns_app.shipping.models import Shipment
from tests.shipping.conftest import STAFF, add_account, request_return

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_step_of_a_return_emails_the_shopper_once(shop, sameday, in_process, queued):
    add_account(shop.installation, "sameday", stub=sameday)

    # when the shopper asks to return and the policy approves at once
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    queued.deliver_all()
    rma = return_request.rma

    # then the request is confirmed, and the approval waits for the carrier's label
    assert [email.subject for email in mail.outbox] == [f"We received your return request {rma}"]
    assert Notification.objects.get(kind="APPROVED").status == Notification.Status.WAITING

    # when the carrier books the parcel and its label is fetched
    shipment = Shipment.objects.get(return_request=return_request)
    booking.book(shipment.pk)
    queued.deliver_all()
    followups.fetch_label(shipment.pk)
    queued.deliver_all()

    # then the approval goes, once, with the label linked
    approval = mail.outbox[1]
    assert approval.subject == f"Your return {rma} is approved"
    assert "/api/labels/" in approval.body
    assert "Carrier: Sameday" in approval.body

    # when the parcel is received and refunded
    return_request.refresh_from_db()
    receive_return(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        lines=[
            ReceivedLine(line.pk, line.quantity, line.Condition.AS_NEW, restock=False)
            for line in return_request.lines.all()
        ],
        now=datetime.now(UTC),
    )
    refund_return(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        amount=None,
        include_shipping=False,
        now=datetime.now(UTC),
    )
    queued.deliver_all()

    # then the shopper got exactly one email per step
    assert [email.subject for email in mail.outbox] == [
        f"We received your return request {rma}",
        f"Your return {rma} is approved",
        f"We received the parcel of your return {rma}",
        f"Your refund for return {rma}",
    ]
    assert "550.00" in mail.outbox[3].body
    # and running every send again, or the sweeper, sends nothing more
    for notification in Notification.objects.all():
        deliver(notification.pk)
        send_notification.apply(args=[notification.pk])
    assert due_for_redelivery() == []
    assert len(mail.outbox) == 4


def test_an_approval_waiting_for_its_label_is_dropped_when_the_return_is_cancelled(
    shop, sameday, in_process, queued
):
    add_account(shop.installation, "sameday", stub=sameday)
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    queued.deliver_all()

    cancel_return(installation=shop.installation, return_request_id=return_request.pk, actor=SYSTEM)
    queued.deliver_all()

    assert Notification.objects.get(kind="APPROVED").status == Notification.Status.SKIPPED
    assert [email.subject for email in mail.outbox] == [
        f"We received your return request {return_request.rma}"
    ]


def test_a_refused_booking_tells_staff_and_sends_the_approval_without_a_label(
    shop, sameday, in_process, queued
):
    add_account(shop.installation, "sameday", stub=sameday)
    save_store_settings(
        shop.installation, StoreSettingsInput(staff_notification_email="ops@shop.ro")
    )
    # the shopper picked a locker Sameday does not know
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="999999")
    queued.deliver_all()

    booking.book(Shipment.objects.get(return_request=return_request).pk)
    queued.deliver_all()

    rma = return_request.rma
    to_staff = [email for email in mail.outbox if email.to == ["ops@shop.ro"]]
    to_shopper = [email for email in mail.outbox if email.to != ["ops@shop.ro"]]
    assert [email.subject for email in to_staff] == [f"Return {rma} needs review"]
    assert "Invalid locker" in to_staff[0].body
    assert [email.subject for email in to_shopper] == [
        f"We received your return request {rma}",
        f"Your return {rma} is approved",
    ]
    assert "/api/labels/" not in to_shopper[1].body
    assert "keep the proof of shipping" in to_shopper[1].body
