"""YAML is read the YAML 1.2 way, with a line for every value and clear errors."""

from musekb.yamlio import MAX_FILE_BYTES, decode, parse


def parsed(text):
    doc, problems = parse(text, "data/x.yaml")
    assert problems == []
    return doc


def test_only_true_and_false_are_booleans():
    doc = parsed("- a: yes\n  b: no\n  c: on\n  d: true\n  e: False\n")
    assert doc.value == [{"a": "yes", "b": "no", "c": "on", "d": True, "e": False}]


def test_exponent_numbers_are_numbers_and_dates_stay_text():
    doc = parsed("- big: 1e25\n  day: 2026-04-08\n  quoted: '42'\n  n: 42\n  x: 4.5\n  empty:\n")
    assert doc.value == [{"big": 1e25, "day": "2026-04-08", "quoted": "42", "n": 42, "x": 4.5, "empty": None}]


def test_every_value_has_its_line():
    doc = parsed("- id: a\n  roles:\n    - org: meta\n- id: b\n")
    assert doc.line_of((0, "roles", 0, "org")) == 3
    assert doc.line_of((1, "id")) == 4
    assert doc.line_of((1,)) == 4


def test_duplicate_keys_are_reported_with_both_lines():
    _, problems = parse("- id: a\n  title: one\n  title: two\n", "data/x.yaml")
    assert [str(p) for p in problems] == [
        "data/x.yaml:3: title: duplicate key 'title' (first given on line 2) (keep one of them)"
    ]


def test_tab_indentation_gets_its_own_message():
    doc, problems = parse("- id: a\n\ttitle: x\n", "data/x.yaml")
    assert doc is None
    assert problems[0].line == 2
    assert "tab" in problems[0].message and "spaces" in problems[0].fix


def test_syntax_error_points_at_the_line():
    doc, problems = parse("- id: a\n  title: [unclosed\n- id: b\n", "data/x.yaml")
    assert doc is None
    assert problems[0].file == "data/x.yaml" and problems[0].line >= 2
    assert problems[0].message.startswith("YAML syntax error")


def test_empty_file_is_a_problem():
    doc, problems = parse("# only a comment\n", "data/x.yaml")
    assert doc is None and "empty" in problems[0].message


def test_non_utf8_bytes_are_located():
    text, problems = decode("- id: a\n- title: caf\xe9\n".encode("latin-1"), "data/x.yaml")
    assert text is None
    assert (problems[0].line, problems[0].message) == (2, "byte 0xe9 is not valid UTF-8")


def test_huge_files_are_refused_before_parsing():
    text, problems = decode(b"#" * (MAX_FILE_BYTES + 1), "data/x.yaml")
    assert text is None and "limit" in problems[0].message
