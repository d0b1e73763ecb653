"""Working-day arithmetic and calendar-file validation."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from models.errors import CalendarFileInvalid, CalendarNotPublished, InvalidInput
from models.settings import BUNDLED_CALENDAR
from tasks.calendar import WorkCalendar, parse_calendar, read_calendar_file


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar(read_calendar_file(BUNDLED_CALENDAR))


@pytest.mark.parametrize("year", [2025, 2026])
def test_calendar_agrees_with_chinesecalendar_on_every_day_of(calendar, year):
    day, disagreements = date(year, 1, 1), []
    while day.year == year:
        if calendar.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 9, 24), 10, date(2026, 10, 15)),  # 中秋 + 国庆, with the 10/10 调休 Saturday
        (date(2025, 4, 25), 3, date(2025, 4, 29)),  # the 4/27 调休 Sunday counts
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # 2/14 is a working Saturday before 春节
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # 春节 2/15–2/23
        (
            date(2025, 12, 31),
            1,
            date(2026, 1, 4),
        ),  # across the year end: 元旦 1/1–1/3, 1/4 is a working Sunday
        (date(2025, 12, 31), 2, date(2026, 1, 5)),
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
    ],
)
def test_add_working_days_reaches_the_statutory_due_date(calendar, start, days, due):
    assert calendar.add_working_days(start, days) == due


def test_add_working_days_into_an_unpublished_year_names_the_year(calendar):
    with pytest.raises(CalendarNotPublished, match="2027") as caught:
        calendar.add_working_days(date(2026, 12, 28), 10)
    assert caught.value.year == 2027
    assert "policyflow calendar load" in caught.value.hint


def test_add_working_days_from_an_unpublished_year_is_refused(calendar):
    with pytest.raises(CalendarNotPublished, match="2024"):
        calendar.add_working_days(date(2024, 12, 31), 1)


def test_add_working_days_refuses_a_negative_count(calendar):
    with pytest.raises(InvalidInput, match="0 or more"):
        calendar.add_working_days(date(2026, 3, 2), -1)


def test_explain_lists_each_skipped_day_with_its_reason(calendar):
    derivation = calendar.explain(date(2026, 9, 24), 10)
    notes = {d.day: (d.ordinal, d.note) for d in derivation.days}
    assert notes[date(2026, 9, 25)] == (None, "法定节假日, 中秋节")
    assert notes[date(2026, 10, 3)] == (None, "法定节假日, 国庆节")
    assert notes[date(2026, 10, 10)] == (6, "调休上班, 国庆节")
    assert notes[date(2026, 10, 11)] == (None, "周末")
    assert notes[date(2026, 10, 15)] == (10, "")
    assert derivation.calendar_version.startswith("2026:")
    assert derivation.lines()[-1].startswith("due 2026-10-15")


def test_working_days_between_inverts_add_working_days(calendar):
    start = date(2025, 1, 20)
    for days in (1, 5, 10, 20, 60):
        assert calendar.working_days_between(start, calendar.add_working_days(start, days)) == days
    assert calendar.working_days_between(date(2026, 10, 15), date(2026, 9, 24)) == -10


def test_is_working_day_knows_adjusted_weekends_and_holidays(calendar):
    assert calendar.is_working_day(date(2026, 1, 4))  # Sunday, worked for 元旦
    assert not calendar.is_working_day(date(2026, 5, 5))  # Tuesday, 劳动节
    assert not calendar.is_working_day(date(2026, 11, 22))  # an ordinary Sunday
    with pytest.raises(CalendarNotPublished):
        calendar.is_working_day(date(2027, 1, 4))


YEAR_2027 = """
2027:
  notice: 国务院办公厅关于2027年部分节假日安排的通知
  holidays:
    - name: 元旦
      days_off: 2027-01-01
{extra}
"""


def test_parse_calendar_accepts_a_well_formed_year():
    years = parse_calendar(YEAR_2027.format(extra=""))
    assert list(years) == [2027]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            "    - name: 春节\n      days_off: 2027-02-06\n      working_weekends: [2027-02-06]",
            "2027-02-06 is listed both as a day off",
        ),
        (
            "    - name: 春节\n      days_off: 2027-02-08\n      working_weekends: [2027-02-10]",
            "2027-02-10 is a 星期三, not a Saturday or Sunday",
        ),
        ("    - name: 春节\n      days_off: 2028-02-08", "2028-02-08 is not in 2027"),
        ("    - name: 春节\n      days_off: {from: 2027-02-10, to: 2027-02-06}", "the range ends"),
        ("    - name: 元旦\n      days_off: 2027-02-08", "a holiday name appears twice"),
        ("    - name: 春节\n      days_off: 2027-02-31", "impossible date: day is out of range"),
        ("    - name: 春节\n      off: 2027-02-08", "Field required"),
    ],
)
def test_parse_calendar_names_each_problem(extra, problem):
    with pytest.raises(CalendarFileInvalid, match=problem):
        parse_calendar(YEAR_2027.format(extra=extra))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2027: [unclosed", "not valid YAML"),
        ("", "holds no years"),
        ("twenty: {notice: x, holidays: []}", "is not a year"),
        ("2027:\n  holidays:\n    - {name: 元旦, days_off: 2027-01-01}", "notice"),
    ],
)
def test_parse_calendar_rejects_malformed_files(text, problem):
    with pytest.raises(CalendarFileInvalid, match=problem):
        parse_calendar(text)
