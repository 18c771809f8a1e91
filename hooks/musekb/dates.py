"""Dates as sources give them: a day, a month or only a year.

Sources often say "mid-May 2026" or "April 2025". Rounding such a date to a day would
invent precision, so records store a :class:`PartialDate` that keeps what is known and
sorts by its first possible day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PARTIAL_DATE_PATTERN = r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$"
"""``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also the JSON Schema pattern of such fields)."""
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
"""A full ``YYYY-MM-DD`` date (also the JSON Schema pattern of such fields)."""
_PARTIAL = re.compile(PARTIAL_DATE_PATTERN)
_ISO_DAY = re.compile(DAY_PATTERN)


class DateError(ValueError):
    """A date written in a form the project does not accept."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (text or a bare YAML number)."""
        if isinstance(text, PartialDate):
            return text
        if isinstance(text, dt.date):
            return cls(text.year, text.month, text.day)
        if isinstance(text, int) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            raise DateError(f"expected a date such as 2026-04-08, 2026-05 or 2026, got {text!r}")
        match = _PARTIAL.fullmatch(text.strip())
        if not match:
            raise DateError(f"'{text}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' has no month {month}")
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise DateError(f"'{text}' is not a real calendar date") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> dt.date:
        """Earliest day the date can mean (used for sorting and comparisons)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """Latest day the date can mean (used for "not in the future" checks)."""
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        """Machine form, as written in the data: ``2026-04-08``, ``2026-05`` or ``2026``."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out

    def human(self) -> str:
        """Reader form: ``8 April 2026``, ``May 2026`` or ``2026``."""
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


def parse_iso_day(value: object) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` date; anything else (including bare numbers) is an error."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise DateError(f"expected a full date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DateError(f"'{value}' is not a real calendar date") from None


def human_day(day: dt.date) -> str:
    """``8 April 2026``."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
