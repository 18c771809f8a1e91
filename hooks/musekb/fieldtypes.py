"""Field types of the data files, each defined once: the check, the JSON Schema and the reference.

Every type here is an ``Annotated`` pydantic type built from one :class:`FieldType`: the
same pattern string validates a value, becomes the JSON Schema ``pattern`` that editors
check while typing, and the ``x-kb-type`` name tells the data reference what the field
holds, so nothing is written twice or guessed back from a regular expression.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .dates import DAY_PATTERN, PARTIAL_DATE_PATTERN, DateError, PartialDate, parse_iso_day

SCHEMA_TYPE_KEY = "x-kb-type"
"""Key in a property's JSON Schema that names the field type for the data reference."""


def kb_error(message: str, fix: str) -> PydanticCustomError:
    """A validation error whose context carries the fix shown to contributors."""
    return PydanticCustomError("kb_value", message, {"fix": fix})


@dataclass(frozen=True)
class FieldType:
    """One kind of text field: how the data reference names it and the JSON Schema it has."""

    name: str
    """Name in the data reference, e.g. ``id`` or ``date (YYYY-MM-DD)``."""
    schema: dict[str, Any]
    """JSON Schema of the value (without the ``x-kb-type`` key, which is added)."""

    def json_schema(self) -> WithJsonSchema:
        return WithJsonSchema({**self.schema, SCHEMA_TYPE_KEY: self.name})


# --- ids ---------------------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 80
_ID = re.compile(ID_PATTERN)
ID_TYPE = FieldType("id", {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})


def check_id(value: Any) -> str:
    if not isinstance(value, str):
        raise kb_error(f"an id must be text, got {value!r}", "write lowercase words joined by hyphens")
    if not _ID.fullmatch(value) or len(value) > ID_MAX:
        raise kb_error(
            f"'{value}' is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. muse-spark-1-1",
        )
    return value


Id = Annotated[str, PlainValidator(check_id), ID_TYPE.json_schema()]

# --- text --------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_TYPE = FieldType("text", {"type": "string", "minLength": 1})


def check_text(value: Any) -> str:
    if not isinstance(value, str):
        kind = type(value).__name__
        raise kb_error(
            f"expected text, got {kind} {value!r}",
            "put the value in quotes so YAML reads it as text",
        )
    text = value.strip()
    if not text:
        raise kb_error("text is empty", "write the text or remove the field")
    if _CONTROL.search(text):
        raise kb_error("text contains a control character", "remove invisible characters")
    return text


Text = Annotated[str, PlainValidator(check_text), TEXT_TYPE.json_schema()]

# --- URLs --------------------------------------------------------------------------------

HTTPS_PATTERN = r"^https://"
# Characters that can end a Markdown link or open markup where a URL is rendered. Real
# addresses in the data never need them unencoded.
_URL_FORBIDDEN = set("\"<>()'`{}|\\^")
URL_TYPE = FieldType("https URL", {"type": "string", "format": "uri", "pattern": HTTPS_PATTERN})


def check_https(value: Any) -> str:
    url = check_text(value)
    parts = urlsplit(url)
    if not re.match(HTTPS_PATTERN, url) or not parts.netloc:
        raise kb_error(f"'{url}' is not an https URL", "links must start with https://")
    bad = sorted({c for c in url if c.isspace() or ord(c) < 32 or c in _URL_FORBIDDEN})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        raise kb_error(f"the URL contains {shown}", "percent-encode these characters (e.g. %28 for '(') or remove them")
    return url


HttpsUrl = Annotated[str, PlainValidator(check_https), URL_TYPE.json_schema()]

# --- dates -------------------------------------------------------------------------------

DAY_TYPE = FieldType("date (YYYY-MM-DD)", {"type": "string", "format": "date", "pattern": DAY_PATTERN})
PARTIAL_DATE_TYPE = FieldType("date (YYYY, YYYY-MM or YYYY-MM-DD)", {"type": "string", "pattern": PARTIAL_DATE_PATTERN})


def check_day(value: Any) -> dt.date:
    try:
        return parse_iso_day(value)
    except DateError as err:
        raise kb_error(str(err), "write the date as YYYY-MM-DD, e.g. 2026-04-08") from None


Day = Annotated[
    dt.date,
    PlainValidator(check_day),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    DAY_TYPE.json_schema(),
]


def check_partial(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except DateError as err:
        raise kb_error(str(err), "write YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day") from None


Date = Annotated[
    PartialDate,
    PlainValidator(check_partial),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    PARTIAL_DATE_TYPE.json_schema(),
]

# --- numbers -----------------------------------------------------------------------------

NUMBER_TYPE = FieldType("number", {"type": "number"})


def check_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise kb_error(
            f"expected a number, got {value!r}",
            "write digits without quotes, units or % (e.g. 86.4 or 1.0e+25)",
        )
    if value != value or value in (float("inf"), float("-inf")):
        raise kb_error("the number is not finite", "write a real number")
    return float(value)


Number = Annotated[float, PlainValidator(check_number), NUMBER_TYPE.json_schema()]
