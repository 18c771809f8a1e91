"""The build date, injectable so that builds are reproducible and tests can freeze time."""

from __future__ import annotations

import datetime as dt
import os


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today's date, or the date given by ``KB_BUILD_DATE`` (YYYY-MM-DD) or ``SOURCE_DATE_EPOCH``.

    ``SOURCE_DATE_EPOCH`` is the reproducible-builds convention; ``KB_BUILD_DATE`` is
    easier to type when previewing how the site will look on a given day.
    """
    env = os.environ if environ is None else environ
    if env.get("KB_BUILD_DATE"):
        return dt.date.fromisoformat(env["KB_BUILD_DATE"])
    if env.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), tz=dt.UTC).date()
    return dt.date.today()
