"""The return window of one order line, counted in calendar days in the market's time zone.

The window starts on the local day the line was delivered (or fulfilled, per policy) and its
last day is that day plus the window's days: delivered on 3 October with 30 days, the last day
is 2 November, and the window ends at the very end of 2 November in the policy's time zone,
whatever UTC offset that day has (DST changes move the instant, never the day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from saleor_returns_app.returns.policy.facts import OrderLineFacts
from saleor_returns_app.returns.policy.rules import WindowStart

_ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Window:
    """`deadline` is the last instant the line can be returned at, in the policy's zone."""

    days: int
    last_day: date
    deadline: datetime

    def is_open(self, now: datetime) -> bool:
        # In UTC: comparing wall times of one zone is wrong within a repeated hour.
        return now.astimezone(UTC) <= self.deadline.astimezone(UTC)


def window_start(*, line: OrderLineFacts, starts: WindowStart) -> datetime | None:
    """When the window opens: delivery when asked and known, else fulfilment (or delivery)."""
    if starts is WindowStart.DELIVERY and line.delivered_at is not None:
        return line.delivered_at
    return line.fulfilled_at or line.delivered_at


def return_window(*, start: datetime, days: int, zone: ZoneInfo) -> Window:
    last_day = start.astimezone(zone).date() + timedelta(days=days)
    return Window(days=days, last_day=last_day, deadline=end_of_day(last_day, zone))


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last microsecond of `day` in `zone`.

    Computed as the next local midnight minus one microsecond in UTC, which stays right in
    zones whose DST change happens at midnight (a missing or repeated last hour).
    """
    next_midnight = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return (next_midnight.astimezone(UTC) - _ONE_MICROSECOND).astimezone(zone)
