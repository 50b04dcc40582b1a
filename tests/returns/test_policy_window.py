"""The return window: calendar days in the market's time zone, from delivery or fulfilment."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from saleor_returns_app.returns.policy import IneligibilityCode, WindowStart, evaluate_returnability

from .factories import DELIVERED_AT, FULFILLED_AT, make_line, make_order, make_policy

BUCHAREST = ZoneInfo("Europe/Bucharest")


def _line(order, policy, now):
    return evaluate_returnability(order=order, policy=policy, now=now).lines[0]


def test_line_is_returnable_the_day_before_the_last_day():
    # given: delivered 3 October, 30 days in Bucharest: the last day is 2 November
    order, policy = make_order(), make_policy()
    # when: noon in Bucharest on 1 November
    line = _line(order, policy, datetime(2026, 11, 1, 12, 0, tzinfo=BUCHAREST))
    # then
    assert line.eligible
    assert line.returnable_quantity == 2


def test_line_is_returnable_until_the_last_moment_of_the_last_day():
    # given
    order, policy = make_order(), make_policy()
    # when: one second before midnight in Bucharest on 2 November
    line = _line(order, policy, datetime(2026, 11, 2, 23, 59, 59, tzinfo=BUCHAREST))
    # then
    assert line.eligible


def test_window_is_closed_the_day_after_the_last_day():
    # given
    order, policy = make_order(), make_policy()
    # when: midnight in Bucharest, 3 November (22:00 UTC on 2 November)
    line = _line(order, policy, datetime(2026, 11, 2, 22, 0, tzinfo=UTC))
    # then
    assert not line.eligible
    assert line.returnable_quantity == 0
    assert line.code is IneligibilityCode.WINDOW_CLOSED
    assert line.params == {"window_days": 30, "last_day": "2026-11-02"}
    assert line.message == "The 30-day return window ended on 2026-11-02"


def test_deadline_is_the_end_of_the_last_day_in_the_policy_zone_after_dst_ends():
    # given: delivered at 01:30 on 3 October in Bucharest (still 2 October in UTC), summer
    # time (UTC+3); the last day, 2 November, is in winter time (UTC+2)
    order = make_order(make_line(delivered_at=datetime(2026, 10, 2, 22, 30, tzinfo=UTC)))
    # when
    line = _line(order, make_policy(), datetime(2026, 10, 20, tzinfo=UTC))
    # then
    assert line.deadline == datetime(2026, 11, 2, 21, 59, 59, 999999, tzinfo=UTC)
    assert line.deadline.utcoffset().total_seconds() == 2 * 3600
    assert line.deadline.isoformat() == "2026-11-02T23:59:59.999999+02:00"


def test_the_same_delivery_counts_from_the_previous_day_in_utc():
    # given: the same delivery instant, a policy kept in UTC
    order = make_order(make_line(delivered_at=datetime(2026, 10, 2, 22, 30, tzinfo=UTC)))
    # when
    line = _line(order, make_policy(time_zone="UTC"), datetime(2026, 10, 20, tzinfo=UTC))
    # then: the window started on 2 October, so it ends at the end of 1 November UTC
    assert line.deadline == datetime(2026, 11, 1, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize(
    ("time_zone", "eligible"),
    [("Europe/Bucharest", True), ("UTC", False)],
    ids=["bucharest-still-open", "utc-already-closed"],
)
def test_around_midnight_the_policy_zone_decides(time_zone, eligible):
    # given: delivered at 01:30 Bucharest time, 22:30 UTC the day before
    order = make_order(make_line(delivered_at=datetime(2026, 10, 2, 22, 30, tzinfo=UTC)))
    # when: 2 November, 10:00 UTC
    line = _line(order, make_policy(time_zone=time_zone), datetime(2026, 11, 2, 10, tzinfo=UTC))
    # then
    assert line.eligible is eligible


def test_window_ending_on_the_day_summer_time_starts_ends_at_local_midnight():
    # given: delivered 27 February; day 30 is 29 March 2026, when Bucharest moves to UTC+3
    order = make_order(make_line(delivered_at=datetime(2026, 2, 27, 10, tzinfo=UTC)))
    # when
    returnability = evaluate_returnability(
        order=order, policy=make_policy(), now=datetime(2026, 3, 1, tzinfo=UTC)
    )
    # then
    assert returnability.lines[0].deadline == datetime(2026, 3, 29, 20, 59, 59, 999999, tzinfo=UTC)


def test_window_ending_on_a_day_with_a_repeated_hour_at_midnight_uses_the_later_hour():
    # given: Santiago falls back from 00:00 to 23:00 at the end of 4 April 2026, so that day
    # ends at 23:59:59 UTC-4, not at the first 23:59:59 (UTC-3)
    order = make_order(make_line(delivered_at=datetime(2026, 3, 5, 15, tzinfo=UTC)))
    policy = make_policy(time_zone="America/Santiago")
    # when
    line = _line(order, policy, datetime(2026, 3, 10, tzinfo=UTC))
    # then (an ambiguous local time never equals another zone's datetime: compare in UTC)
    assert line.deadline.astimezone(UTC) == datetime(2026, 4, 5, 3, 59, 59, 999999, tzinfo=UTC)


def test_window_counts_from_delivery_when_the_policy_says_so():
    # given: shipped 2 October, delivered 3 October
    order = make_order()
    # when
    line = _line(order, make_policy(window_starts=WindowStart.DELIVERY), DELIVERED_AT)
    # then
    assert line.deadline.date().isoformat() == "2026-11-02"


def test_window_counts_from_fulfilment_when_the_policy_says_so():
    # given: shipped 2 October, delivered 3 October
    order = make_order()
    # when
    line = _line(order, make_policy(window_starts=WindowStart.FULFILLMENT), DELIVERED_AT)
    # then
    assert line.deadline.date().isoformat() == "2026-11-01"


def test_window_from_delivery_falls_back_to_fulfilment_when_not_delivered_yet():
    # given: shipped 2 October, no delivery scan
    order = make_order(make_line(delivered_at=None))
    # when
    line = _line(order, make_policy(window_starts=WindowStart.DELIVERY), FULFILLED_AT)
    # then
    assert line.eligible
    assert line.deadline.date().isoformat() == "2026-11-01"


def test_customer_on_the_allow_list_gets_the_extra_days():
    # given: 14 extra days for a customer, whose email differs in case from the list
    policy = make_policy(customer_exceptions={"VIP@Shop.example": 14})
    order = make_order(customer_email="vip@shop.EXAMPLE ")
    # when: 10 November, after the normal window
    line = _line(order, policy, datetime(2026, 11, 10, 12, tzinfo=BUCHAREST))
    # then
    assert line.eligible
    assert line.deadline.date().isoformat() == "2026-11-16"


def test_extended_window_reports_its_own_length_when_closed():
    # given
    policy = make_policy(customer_exceptions={"ana@shop.example": 14})
    # when
    line = _line(make_order(), policy, datetime(2026, 11, 17, 12, tzinfo=BUCHAREST))
    # then
    assert line.message == "The 44-day return window ended on 2026-11-16"


def test_other_customers_keep_the_normal_window():
    # given
    policy = make_policy(customer_exceptions={"vip@shop.example": 14})
    # when
    line = _line(make_order(), policy, datetime(2026, 11, 10, 12, tzinfo=BUCHAREST))
    # then
    assert line.code is IneligibilityCode.WINDOW_CLOSED


def test_order_deadline_is_the_latest_line_deadline():
    # given: one line delivered on 3 October, another on 10 October
    order = make_order(
        make_line(line_id="early"),
        make_line(line_id="late", delivered_at=datetime(2026, 10, 10, 8, tzinfo=UTC)),
    )
    # when
    returnability = evaluate_returnability(order=order, policy=make_policy(), now=DELIVERED_AT)
    # then
    assert returnability.deadline == returnability.line("late").deadline
    assert returnability.deadline.date().isoformat() == "2026-11-09"


def test_naive_now_is_refused():
    # given
    order, policy = make_order(), make_policy()
    # when / then
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate_returnability(order=order, policy=policy, now=datetime(2026, 10, 20))
