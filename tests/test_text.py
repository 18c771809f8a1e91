"""Data text is always shown as text; numbers and links render as readers expect."""

import markdown
import pytest
from musekb.text import figure, md, number, rel

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "**bold** and `code` and ~~strike~~",
    "# heading",
    "1. list",
    "| a | b |",
    "{: onclick=alert(1) }",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_data_is_rendered_as_literal_text(text):
    html = markdown.markdown(f"Value: {md(text)}", extensions=["tables", "attr_list", "abbr", "md_in_html"])
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<h1" not in html
    assert 'onerror="' not in html and 'onclick="' not in html
    # what the reader sees is the original text
    import html as htmllib
    import re

    visible = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    assert visible == f"Value: {text}"


def test_numbers_drop_float_noise():
    assert [number(86.4), number(52.0), number(1048576), number(0.15)] == ["86.4", "52", "1,048,576", "0.15"]


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (86.4, "percent", "86.4%"),
        (1444, "elo", "1,444"),
        (14.3, "usd-billion", "$14.3B"),
        (1.25, "usd-per-million-tokens", "$1.25/M tokens"),
        (3, "rank", "#3"),
        (10, "times", "10×"),
        ("Apache 2.0", None, "Apache 2.0"),
    ],
)
def test_figures_carry_their_unit(value, unit, shown):
    assert figure(value, unit) == shown


def test_relative_links_between_pages():
    assert rel("benchmarks/hle.md", "sources.md#axios") == "../sources.md#axios"
    assert rel("index.md", "benchmarks/hle.md") == "benchmarks/hle.md"
    assert rel("compare/x.md", "compare/y.md") == "y.md"


def test_money_keeps_cents_and_small_prices():
    from musekb.text import figure

    assert [figure(v, "usd-per-million-tokens") for v in (0.1, 1.25, 4, 0.002)] == [
        "$0.10/M tokens",
        "$1.25/M tokens",
        "$4/M tokens",
        "$0.002/M tokens",
    ]
