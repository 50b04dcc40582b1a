"""Each email leaves once: the store's switches, its own wording, retries, duplicates and the
sweeper; staff hear about returns that need them."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from saleor_returns_app.notifications.models import (
    Notification,
    NotificationTemplate,
)
from saleor_returns_app.notifications.rendering import render_notification
from saleor_returns_app.notifications.services import (
    MAX_ATTEMPTS,
    RetryLater,
    deliver,
    due_for_redelivery,
)
from saleor_returns_app.notifications.tasks import send_notification
from saleor_returns_app.returns.lifecycle import Actor, apply_action
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnRequest
from saleor_returns_app.returns.services import reject_return
from saleor_returns_app.returns.status import Action
from saleor_returns_app.returns.store_settings import (
    NotificationEvent,
    StoreSettingsInput,
    save_store_settings,
)
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db

STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjo3", email="ana@shop.example")


@pytest.fixture
def store():
    installation = make_installation(domain="atelier-nord.example")
    save_store_settings(
        installation,
        StoreSettingsInput(
            brand_name="Atelier Nord",
            support_email="help@atelier-nord.example",
            staff_notification_email="ops@atelier-nord.example",
        ),
    )
    return installation


def act(return_request: ReturnRequest, action: Action) -> ReturnRequest:
    return apply_action(
        installation=return_request.installation,
        return_request_id=return_request.pk,
        action=action,
        actor=STAFF,
    )


def approved(store) -> Notification:
    """A self-shipped return approved by staff, and the shopper's email about it."""
    return_request = make_return_request(store, locale="en")
    act(return_request, Action.APPROVE)
    return Notification.objects.get(return_request=return_request)


def attempts(notification: Notification) -> list[str]:
    return list(notification.delivery_attempts.values_list("outcome", flat=True))


def test_the_shopper_gets_the_approval_from_the_store(store):
    notification = approved(store)

    deliver(notification.pk)

    [email] = mail.outbox
    assert email.to == [notification.return_request.customer_email]
    assert email.subject == f"Your return {notification.return_request.rma} is approved"
    assert email.from_email == "Atelier Nord <returns@localhost>"
    assert email.reply_to == ["help@atelier-nord.example"]
    assert email.alternatives[0].mimetype == "text/html"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    assert attempts(notification) == ["SENT"]


def test_running_the_send_task_twice_sends_once(store):
    notification = approved(store)

    send_notification.apply(args=[notification.pk])
    send_notification.apply(args=[notification.pk])

    assert len(mail.outbox) == 1
    assert attempts(notification) == ["SENT"]


def test_a_row_another_worker_is_sending_is_left_to_it(store):
    notification = approved(store)
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENDING)

    deliver(notification.pk)

    assert mail.outbox == []
    assert attempts(notification) == []


def test_a_lost_connection_is_retried_and_the_email_sent_once(store, flaky_mail):
    notification = approved(store)
    flaky_mail.failures = 1

    # the task retries by itself (celery runs the retry at once when applied in-process)
    send_notification.apply(args=[notification.pk])

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert attempts(notification) == ["RETRY", "SENT"]
    assert "SMTPServerDisconnected" in notification.delivery_attempts.first().error


def test_an_email_the_server_keeps_refusing_fails_after_the_retry_bound(store, flaky_mail):
    notification = approved(store)
    flaky_mail.failures = MAX_ATTEMPTS + 5

    for _attempt in range(MAX_ATTEMPTS - 1):
        with pytest.raises(RetryLater):
            deliver(notification.pk)
    deliver(notification.pk)
    deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "SMTPServerDisconnected" in notification.last_error
    assert attempts(notification) == ["RETRY"] * (MAX_ATTEMPTS - 1) + ["FAILED"]
    assert mail.outbox == []


def test_an_unknown_mailbox_fails_at_once(store, flaky_mail):
    notification = approved(store)
    flaky_mail.failures = 1
    flaky_mail.error = smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"No such user")})

    deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert attempts(notification) == ["FAILED"]


def test_a_switched_off_email_is_not_sent(store):
    save_store_settings(
        store, StoreSettingsInput(notifications={NotificationEvent.APPROVED: False})
    )
    first = make_return_request(store)
    second = make_return_request(store)

    act(first, Action.APPROVE)
    reject_return(installation=store, return_request_id=second.pk, actor=STAFF, reason="Worn twice")

    assert list(Notification.objects.values_list("kind", flat=True)) == ["REJECTED"]


def test_every_switch_off_sends_nothing(store):
    save_store_settings(
        store, StoreSettingsInput(notifications={event: False for event in NotificationEvent})
    )
    return_request = make_return_request(store)

    act(return_request, Action.FLAG_FOR_REVIEW)
    act(return_request, Action.APPROVE)
    act(return_request, Action.RECEIVE)
    act(return_request, Action.REFUND)

    assert Notification.objects.count() == 0


def test_staff_are_told_when_a_return_needs_review(store):
    return_request = make_return_request(store)

    act(return_request, Action.FLAG_FOR_REVIEW)

    [notification] = Notification.objects.all()
    deliver(notification.pk)
    [email] = mail.outbox
    assert email.to == ["ops@atelier-nord.example"]
    assert email.subject == f"Return {return_request.rma} needs review"
    assert return_request.customer_email in email.body
    assert email.reply_to == []


def test_no_staff_address_no_staff_email():
    installation = make_installation()
    return_request = make_return_request(installation)

    act(return_request, Action.FLAG_FOR_REVIEW)

    assert Notification.objects.count() == 0


def test_the_email_speaks_the_returns_language_else_the_markets(store):
    market = Market.objects.create(
        installation=store, name="Polska", countries=["PL"], currency="PLN", language="pl"
    )
    polish = make_return_request(store, locale="pl-PL")
    unknown = make_return_request(store, locale="de", market=market)

    act(polish, Action.APPROVE)
    act(unknown, Action.APPROVE)

    assert Notification.objects.get(return_request=polish).language == "pl"
    assert Notification.objects.get(return_request=unknown).language == "pl"


def test_the_markets_wording_beats_the_stores_which_beats_the_built_in(store):
    market = Market.objects.create(
        installation=store, name="Romania", countries=["RO"], currency="RON", language="ro"
    )
    return_request = make_return_request(store, locale="ro", market=market)
    act(return_request, Action.APPROVE)
    notification = Notification.objects.get()
    for override_market, subject in ((None, "Magazin"), (market, "Piață")):
        NotificationTemplate.objects.create(
            installation=store,
            kind="APPROVED",
            language="ro",
            market=override_market,
            subject=f"{subject}: {{{{ rma }}}} aprobat",
            text="Salut! {{ rma }} — {{ brand_name }}",
            html="<p>{{ brand_name }}</p>",
        )

    assert render_notification(notification).subject == f"Piață: {return_request.rma} aprobat"
    NotificationTemplate.objects.filter(market=market).delete()
    store_wording = render_notification(notification)
    assert store_wording.subject == f"Magazin: {return_request.rma} aprobat"
    assert store_wording.text == f"Salut! {return_request.rma} — Atelier Nord\n"
    NotificationTemplate.objects.all().delete()
    assert render_notification(notification).subject == (
        f"Returul dvs. {return_request.rma} a fost aprobat"
    )


def test_an_override_that_reaches_outside_the_email_is_not_used(store):
    return_request = make_return_request(store, locale="en")
    act(return_request, Action.APPROVE)
    NotificationTemplate.objects.create(
        installation=store,
        kind="APPROVED",
        language="en",
        subject="{% load static %}Approved",
        text="{% debug %}",
    )

    email = render_notification(Notification.objects.get())

    assert email.subject == f"Your return {return_request.rma} is approved"


def test_the_sweeper_enqueues_lost_emails_and_never_resends_an_interrupted_one(store):
    lost = approved(store)
    interrupted = approved(store)
    long_ago = timezone.now() - timedelta(hours=2)
    Notification.objects.filter(pk=lost.pk).update(updated_at=long_ago)
    Notification.objects.filter(pk=interrupted.pk).update(
        status=Notification.Status.SENDING, updated_at=long_ago
    )

    assert due_for_redelivery() == [lost.pk]

    interrupted.refresh_from_db()
    assert interrupted.status == Notification.Status.FAILED
    assert attempts(interrupted) == ["FAILED"]
