"""Read YAML into plain Python values while remembering the line of every value.

PyYAML follows YAML 1.1, where ``no`` is ``False``, ``1e25`` is a string and
``2026-04-08`` becomes a ``date``. Contributors rarely mean any of that, so this
module composes the node tree with PyYAML and then types plain scalars itself,
following the YAML 1.2 core schema:

* only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text,
  and the record models reject text where a boolean is expected);
* ``1e25`` is a number;
* dates stay text and are parsed by the record models, which accept ISO dates only;
* quoted scalars are always text.

It also rejects duplicate keys, which PyYAML silently accepts (the last one wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

#: Files larger than this are refused before parsing: the real data is far smaller,
#: and a huge file is almost always a mistake (a pasted dump, a binary file).
MAX_FILE_BYTES = 2_000_000

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

Path = tuple[str | int, ...]

# LibYAML's parser is several times faster and reports the same positions; PyYAML ships it
# in its wheels, with the pure-Python loader as the fallback.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A parsed YAML file: its value and the line of every value in it.

    ``lines`` maps a path such as ``(3, "roles", 0, "org")`` to the 1-based line of
    that value; ``key_lines`` does the same for mapping keys.
    """

    value: Any
    lines: dict[Path, int] = field(default_factory=dict)
    key_lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Best line for ``path``: the value itself, else its key, else the nearest parent."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            if probe in self.key_lines:
                return self.key_lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def scalar_value(node: yaml.ScalarNode) -> Any:
    """Type a scalar the YAML 1.2 way (see module docstring)."""
    text = node.value
    if node.style:  # quoted or block scalar: always text (plain is None, or "" from LibYAML)
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts; as a float it is reported as not finite
            return float(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 text, reporting the line of the first invalid byte."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                file,
                1,
                "file",
                f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                "data files hold hand-written records; split it or remove pasted content",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                "file",
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


#: Records are a few levels deep; anything deeper is a mistake, or an attempt to exhaust the parser.
MAX_DEPTH = 20


def refuse_structure(text: str, file: str) -> Problem | None:
    """Refuse aliases and deep nesting before the document is built.

    An alias (``*name``) makes YAML reuse a node: a few lines can expand into gigabytes, or
    into a loop that never ends. Data files have no use for them.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return Problem(
                file, event.start_mark.line + 1, "file", "YAML aliases (*name) are not allowed", "write the value out in full"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                return Problem(
                    file,
                    line,
                    "file",
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "records are flat mappings; check the indentation",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def parse(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a :class:`Document`, or return the problems that stop it."""
    try:
        refused = refuse_structure(text, file)
        if refused:
            return None, [refused]
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(text, file, err)]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, such as NUL
        line = text.count("\n", 0, max(err.position, 0)) + 1
        code = ord(err.character) if isinstance(err.character, str) else err.character
        what = f"YAML syntax error: control character #x{code:04x} is not allowed"
        return None, [Problem(file, line, "file", what, "remove it (it is usually invisible)")]
    except yaml.YAMLError as err:  # other errors without a position
        return None, [Problem(file, 1, "file", "YAML syntax error: " + " ".join(str(err).split()), "check the file")]
    if root is None:
        return None, [
            Problem(
                file,
                1,
                "file",
                "file is empty",
                "it must hold a list of records (write [] for none)",
            )
        ]
    doc = Document(value=None)
    problems: list[Problem] = []
    doc.value = _build(root, (), doc, problems, file)
    return doc, problems


def _syntax_problem(text: str, file: str, err: yaml.MarkedYAMLError) -> Problem:
    """A syntax error, placed where the contributor has to look.

    An unclosed quote or bracket only becomes an error where the parser gives up (the end of the
    file, or the next quote many lines down), so those are reported where they open.
    """
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    what = err.problem or "invalid YAML"
    fix = "check indentation, colons and quotes on this line"
    opened = _unclosed_quote(text, err)
    if opened is not None and opened != line:
        runs_to = "the end of the file" if err.context == "while scanning a quoted scalar" else f"line {line}"
        return Problem(
            file,
            opened,
            "file",
            f"YAML syntax error: the quote opened on this line is not closed on it (YAML reads on to {runs_to})",
            "close the quote on this line; inside '...' write a ' as '', inside \"...\" write \\\"",
        )
    if err.context in ("while parsing a flow sequence", "while parsing a flow mapping") and err.context_mark:
        opened = err.context_mark.line + 1
        if opened != line:
            bracket = "[" if "sequence" in err.context else "{"
            return Problem(
                file,
                opened,
                "file",
                f"YAML syntax error: the {bracket} opened on this line is not closed",
                f"close it on this line ({what})",
            )
    if _indented_with_tab(text, line) or "'\\t'" in what:
        what = "a tab character is used for indentation"
        fix = "indent with spaces, not tabs"
    return Problem(file, line, "file", f"YAML syntax error: {what}", fix)


def _unclosed_quote(text: str, err: yaml.MarkedYAMLError) -> int | None:
    """Line where a quoted value that runs past its line starts, if that is what broke the file."""
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        return err.context_mark.line + 1  # never closed before the end of the file
    if err.problem_mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > err.problem_mark.line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    # A quoted value spanning lines that ends on the failing line: its closing quote was meant
    # for another value, so the quote that opened it is the one left open.
    if last is not None and last.end_mark.line == err.problem_mark.line:
        return last.start_mark.line + 1
    return None


def _indented_with_tab(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    row = lines[line - 1]
    return "\t" in row[: len(row) - len(row.lstrip())]


def _build(node: yaml.Node, path: Path, doc: Document, problems: list[Problem], file: str) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return scalar_value(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems, file) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_line, dotted(path), "a key must be plain text", "use name: value"))
                continue
            key = str(key_node.value)
            if key in out:
                first = doc.key_lines[path + (key,)]
                problems.append(
                    Problem(
                        file,
                        key_line,
                        dotted(path + (key,)),
                        f"duplicate key '{key}' (first given on line {first})",
                        "keep one of them",
                    )
                )
                continue
            doc.key_lines[path + (key,)] = key_line
            out[key] = _build(value_node, path + (key,), doc, problems, file)
        return out
    return None  # pragma: no cover - PyYAML only produces the three node kinds


def dotted(path: Path) -> str:
    """``(3, "roles", 0, "org")`` -> ``roles[0].org`` (the record index is dropped)."""
    parts = list(path[1:]) if path and isinstance(path[0], int) else list(path)
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"
