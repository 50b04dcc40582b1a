"""Notifications run in this process: what would be enqueued is queued here, and delivered
when the test says so (like a worker that picks the queue up)."""

from __future__ import annotations

import pytest

from saleor_returns_app.notifications.models import Notification
from saleor_returns_app.notifications.services import deliver
from saleor_returns_app.testing.mail import FlakyBackend
from tests.shipping.conftest import in_process, sameday, shop  # noqa: F401 - shared fixtures


class Queue(list):
    def deliver_all(self) -> None:
        """Deliver what is queued, and what that queues, until nothing is left."""
        while self:
            deliver(self.pop(0))


@pytest.fixture
def queued(monkeypatch) -> Queue:
    queue = Queue()
    monkeypatch.setattr("saleor_returns_app.notifications.planning.enqueue", queue.append)
    return queue


@pytest.fixture
def flaky_mail(settings) -> type[FlakyBackend]:
    settings.EMAIL_BACKEND = "saleor_returns_app.testing.mail.FlakyBackend"
    FlakyBackend.failures = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


def sent_kinds() -> list[str]:
    return list(
        Notification.objects.filter(status=Notification.Status.SENT).values_list("kind", flat=True)
    )
