"""Through the real broker and a real worker: an approval email leaves once, and a duplicate
task or the sweeper does not send it again."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.notifications.models import Notification
from saleor_returns_app.notifications.tasks import requeue_stale_notifications, send_notification
from saleor_returns_app.returns.lifecycle import SYSTEM, apply_action
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.status import Action
from saleor_returns_app.testing.factories import make_installation, make_return_request
from saleor_returns_app.testing.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def approve(installation: Installation) -> tuple[ReturnRequest, str]:
    """Approve a self-shipped return whose order number no earlier run has used."""
    order_number = uuid.uuid4().hex[:12]
    return_request = make_return_request(installation, locale="en", order_number=order_number)
    apply_action(
        installation=installation,
        return_request_id=return_request.pk,
        action=Action.APPROVE,
        actor=SYSTEM,
    )
    return return_request, order_number


def sent(return_request: ReturnRequest) -> Notification | None:
    return Notification.objects.filter(
        return_request=return_request, status=Notification.Status.SENT
    ).first()


def files_mentioning(text: str) -> list[Path]:
    # Without EMAIL_HOST the worker writes each email to a file (the `make run` default).
    return [
        path
        for path in Path(settings.EMAIL_FILE_PATH).glob("*.log")
        if text in path.read_text(errors="replace")
    ]


def test_a_worker_sends_the_approval_once(celery_worker):
    installation = make_installation()

    # when staff approve a return
    return_request, order_number = approve(installation)

    # then a worker sends the shopper the approval
    notification = wait_for(lambda: sent(return_request))
    assert files_mentioning(order_number) != []
    assert (
        f"Your return {return_request.rma} is approved"
        in files_mentioning(order_number)[0].read_text()
    )

    # when the task is delivered again and the sweeper runs, then another return's email goes
    send_notification.delay(notification.pk)
    send_notification.delay(notification.pk)
    requeue_stale_notifications.delay()
    later, _ = approve(installation)
    # the worker takes one task at a time in order: the duplicates were handled before this
    wait_for(lambda: sent(later))

    # then the first email was written once
    assert len(files_mentioning(order_number)) == 1
    assert list(notification.delivery_attempts.values_list("outcome", flat=True)) == ["SENT"]
