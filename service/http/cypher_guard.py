"""Deciding, before anything runs, whether an analyst's Cypher is a pure read we are willing to run.

Four layers, each sufficient for what it covers, all checked before the query executes:
0. the shape (`check_shape`), before Neo4j parses anything: at most `max_chars` characters; no `\\uXXXX`
   escape anywhere (Neo4j decodes them before it reads the query, even inside strings and comments, so
   `U\\u0053E system` would hide a USE from the text checks and `'a\\u0027` ends a string early); nesting
   (brackets, CASE ... END, chained operators) at most `max_nesting` levels deep, since Neo4j's parser
   takes minutes or overflows its stack on a few hundred levels, unbounded by any transaction timeout;
   no `reduce()`, whose accumulator Neo4j neither interrupts at the timeout nor counts against the
   transaction's memory limit (a growing string kept a worker busy for minutes after its 504); and
   lists iterated inside one expression bounded (`check_lists`), for the same reason;
1. the text (strings and comments blanked out): one statement only, no `USE` clause (no other
   database), no `CALL { } IN TRANSACTIONS`, no leading EXPLAIN/PROFILE;
2. `EXPLAIN` (plans, never executes): the query type must be "r" (so CREATE, MERGE, SET, DELETE,
   REMOVE, FOREACH writes, schema and admin commands are refused), and every plan operator must be
   acceptable: no LoadCSV, no transactional subqueries, no Show*/Terminate* commands except the
   harmless SHOW INDEXES/CONSTRAINTS/FUNCTIONS/PROCEDURES, no procedure outside ALLOWED_PROCEDURES;
3. the query then runs in a READ transaction, which Neo4j itself refuses to let write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.db import Explained

ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV is not allowed: it reads files or URLs on the server",
    "TransactionApply": "CALL { } IN TRANSACTIONS is not allowed",
    "TransactionForeach": "CALL { } IN TRANSACTIONS is not allowed",
    "AdministrationCommand": "administration commands are not allowed",
}

_BLANK = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_IN_TRANSACTIONS = re.compile(r"\}\s*IN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_USE = re.compile(r"(?:^|[{}]|\bUNION(?:\s+ALL)?)\s*USE\s", re.I)
_LEADING = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.I)
# A backslash run of odd length before `u`: the last backslash is not itself escaped (`\\u` inside a
# string is a backslash and a `u`), so Neo4j reads `\uXXXX` as one character, as Java does.
_UNICODE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u", re.I)
_REDUCE = re.compile(r"\breduce\s*\(", re.I)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|\$[A-Za-z_0-9]*|[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|\S")
_OPEN, _CLOSE = {"(", "[", "{", "CASE"}, {")", "]", "}", "END"}
# Tokens after which a new, separate expression starts (its depth does not add to what came before).
_SEPARATORS = {
    ",",
    ";",
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "WITH",
    "RETURN",
    "UNWIND",
    "ORDER",
    "BY",
    "SKIP",
    "LIMIT",
    "CALL",
    "YIELD",
    "UNION",
    "AS",
    "WHEN",
    "THEN",
    "ELSE",
    "DISTINCT",
    "ASC",
    "DESC",
    "ASCENDING",
    "DESCENDING",
}
_OPERATOR_WORDS = {"AND", "OR", "XOR", "NOT", "IN", "IS", "CONTAINS", "STARTS", "ENDS"}
_QUANTIFIERS = {"ALL", "ANY", "NONE", "SINGLE"}
_INTEGER = re.compile(r"[0-9]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
# The ranges enclosing an iteration over a list from the data may multiply to at most this many
# elements: `[k IN range(0, 4) | any(x IN own WHERE ...)]` is linear in the data, a million rounds are not.
RANGE_AROUND_DATA = 1000
DATA = -1  # the size of a walked list that comes from the data: unknown before the query runs


@dataclass(frozen=True)
class Refusal:
    """Why a query is not run: status 400 (malformed request) or 403 (not allowed), and the reason."""

    status: int
    reason: str


def check_shape(cypher: str, max_chars: int, max_nesting: int) -> Refusal | None:
    """A refusal (400) for a query too long, carrying a unicode escape, nesting too deeply or using reduce().

    Runs on the text as sent, before anything reaches Neo4j: these are the queries whose cost the server
    cannot bound itself (parsing runs before the transaction timeout applies)."""
    if len(cypher) > max_chars:
        return Refusal(400, f"the query is {len(cypher)} characters long; the limit is {max_chars}")
    if _UNICODE_ESCAPE.search(cypher):
        return Refusal(
            400,
            "unicode escapes (\\uXXXX) are not accepted in the query: write the character "
            "itself, or pass the text as a parameter",
        )
    code = blank(cypher)
    depth = nesting_depth(code)
    if depth > max_nesting:
        return Refusal(
            400,
            f"the query nests {depth} levels deep (brackets, CASE and chained operators); "
            f"the limit is {max_nesting}: split it with WITH or pass values as parameters",
        )
    if _REDUCE.search(code):
        return Refusal(
            400,
            "reduce() is not allowed here: Neo4j can neither stop it at the time limit nor "
            "bound its memory; use UNWIND with aggregation (sum, collect) instead",
        )
    return None


@dataclass
class _Frame:
    """One open bracket while reading tokens; `iterates` for a comprehension or quantifier: the size of the
    range() it walks, or DATA for a list from the data (whose length only the data bounds)."""

    iterates: int | None = None
    own_range: int | None = None  # token index of the range() that is this frame's own list


def check_lists(cypher: str, params: Mapping[str, Any], max_elements: int) -> Refusal | None:
    """A refusal (400) for lists iterated inside one expression whose size the text cannot bound.

    Neo4j 5.26 evaluates a list comprehension, all()/any()/none()/single() and range() inside one
    expression: neither stopped at the transaction timeout (`[x IN range(1, 30000000) | x]` ran 8 s past
    a 1 s limit) nor counted against the memory limit. So: range() takes integer literals or parameters
    as bounds, all its calls multiplied give at most `max_elements`; a list from the data (collect(), a
    property) may be walked, but nothing may iterate inside that walk (quadratic in the data), and the
    ranges around it multiply to at most RANGE_AROUND_DATA. UNWIND, which Neo4j interrupts between
    rows, stays free."""
    tokens = [match.group(0) for match in _TOKEN.finditer(blank(cypher))]
    stack: list[_Frame] = []
    total = 1
    for index, token in enumerate(tokens):
        word = token.upper()
        if word in _CLOSE:
            if stack:
                stack.pop()
            continue
        if word == "RANGE" and _at(tokens, index + 1) == "(" and _at(tokens, index - 1) != ".":
            size, refusal = _range_size(tokens, index + 2, params, max_elements)
            if refusal:
                return refusal
            total *= size
            if total > max_elements:
                return Refusal(
                    400,
                    f"the query's range() calls together make {total:,} elements; the limit is "
                    f"{max_elements:,} (POKIN_CYPHER_MAX_RANGE): Neo4j cannot stop a list "
                    "built inside one expression at the time limit",
                )
            if not any(frame.own_range == index for frame in stack):
                refusal = _walk_cost(stack, size)
                if refusal:
                    return refusal
        if word not in _OPEN:
            continue
        frame = _Frame()
        walks = (
            (word == "[" or (word == "(" and _at(tokens, index - 1).upper() in _QUANTIFIERS))
            and bool(_NAME.fullmatch(_at(tokens, index + 1)))
            and _at(tokens, index + 2).upper() == "IN"
        )
        if walks:
            frame.iterates = DATA
            if _at(tokens, index + 3).upper() == "RANGE" and _at(tokens, index + 4) == "(":
                frame.own_range = index + 3
                frame.iterates, refusal = _range_size(tokens, index + 5, params, max_elements)
                if refusal:
                    return refusal
            refusal = _walk_cost(stack, frame.iterates)
            if refusal:
                return refusal
        stack.append(frame)
    return None


def _walk_cost(stack: list[_Frame], size: int) -> Refusal | None:
    """A refusal if a walk (or range()) of `size` elements (DATA: a list from the data), run once per element
    of the walks around it, would cost more than the data times RANGE_AROUND_DATA."""
    enclosing = [frame.iterates for frame in stack if frame.iterates is not None]
    if size == DATA and DATA in enclosing:
        return Refusal(
            400,
            "a walk over a list from the data inside another one: its cost grows with the "
            "square of the data and Neo4j cannot stop it at the time limit; UNWIND the outer "
            "list instead",
        )
    if DATA in enclosing or size == DATA:
        rounds = 1
        for count in [*enclosing, size]:
            rounds *= 1 if count == DATA else count
        if rounds > RANGE_AROUND_DATA:
            return Refusal(
                400,
                f"a list from the data is walked together with {rounds:,} range elements inside "
                f"one expression; the limit is {RANGE_AROUND_DATA:,}: UNWIND the outer list instead",
            )
    return None


def _at(tokens: list[str], index: int) -> str:
    return tokens[index] if 0 <= index < len(tokens) else ""


def _range_size(
    tokens: list[str], start: int, params: Mapping[str, Any], max_elements: int
) -> tuple[int, Refusal | None]:
    """The number of elements of the range() whose arguments start at `tokens[start]`, or a refusal when an
    argument is neither an integer literal nor an integer parameter (its size unknown before it runs)."""
    values: list[int] = []
    argument: list[str] = []
    depth = 0
    for token in tokens[start:]:
        if token in ("(", "[", "{"):
            depth += 1
        elif token in (")", "]", "}"):
            if depth == 0:
                break
            depth -= 1
        if depth == 0 and token == ",":
            value = _integer(argument, params)
            if value is None:
                return 0, _computed_range()
            values.append(value)
            argument = []
        else:
            argument.append(token)
    value = _integer(argument, params)
    if value is None or not 2 <= len(values) + 1 <= 3:
        return 0, _computed_range()
    values.append(value)
    first, last, step = ([*values, 1])[:3]
    if step == 0:
        return 0, Refusal(400, "range() with a step of 0")
    size = max(0, (last - first) // step + 1)
    if size > max_elements:
        return 0, Refusal(
            400,
            f"range() of {size:,} elements; the limit is {max_elements:,} "
            "(POKIN_CYPHER_MAX_RANGE): Neo4j cannot stop a list built inside one expression "
            "at the time limit",
        )
    return size, None


def _integer(argument: list[str], params: Mapping[str, Any]) -> int | None:
    """The value of a range() argument written as `12`, `-12` or `$name` (an integer parameter), else None."""
    sign = 1
    if len(argument) == 2 and argument[0] in ("-", "+"):
        sign, argument = (-1 if argument[0] == "-" else 1), argument[1:]
    if len(argument) != 1:
        return None
    token = argument[0]
    if _INTEGER.fullmatch(token):
        return sign * int(token)
    value = params.get(token[1:]) if token.startswith("$") else None
    if isinstance(value, int) and not isinstance(value, bool):
        return sign * value
    return None


def _computed_range() -> Refusal:
    return Refusal(
        400,
        "range() here takes integer literals or integer parameters as bounds, so its size is "
        "known before it runs; to walk a list's positions, UNWIND the list or use a "
        "comprehension over the list itself",
    )


def nesting_depth(code: str) -> int:
    """How deep the syntax tree Neo4j builds for this text gets, estimated from its tokens (upper bound).

    Every opening bracket or CASE goes one level down until it closes; every operator (`+`, `.`, `-`,
    `AND`, `NOT`, ...) goes one more level down until a separator (`,`, a clause keyword, AS, WHEN, ...)
    starts a new expression: Neo4j builds `1+1+1` and `NOT NOT x` as nested nodes, so a long chain is as
    deep as many brackets. `code` is the text with strings and comments blanked (`blank`)."""
    deepest = base = chain = 0
    stack: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(code):
        token = match.group(0)
        word = token.upper()
        if word in _OPEN:
            stack.append((base, chain))
            base, chain = base + chain + 1, 0
        elif word in _CLOSE:
            if stack:
                base, chain = stack.pop()
        elif word in _SEPARATORS:
            chain = 0
        elif word in _OPERATOR_WORDS or not (token[0].isalnum() or token[0] in "_$"):
            chain += 1
        deepest = max(deepest, base + chain)
    return deepest


def blank(cypher: str) -> str:
    """The text with string literals, quoted names and comments replaced by spaces (offsets kept)."""
    return _BLANK.sub(lambda match: " " * len(match.group(0)), cypher)


def check_text(cypher: str) -> tuple[str, Refusal | None]:
    """The query to run (a trailing `;` dropped) and a refusal if its text alone rules it out."""
    text = cypher.strip()
    if not text:
        return text, Refusal(400, "the query is empty")
    code = blank(text)
    if code.rstrip().endswith(";"):
        cut = code.rstrip().rfind(";")
        text, code = text[:cut].rstrip(), code[:cut].rstrip()
    if ";" in code:
        return text, Refusal(400, "one statement per request: the query contains ';' between statements")
    if _LEADING.match(code):
        return text, Refusal(400, "send the query without EXPLAIN or PROFILE")
    if _IN_TRANSACTIONS.search(code):
        return text, Refusal(403, "CALL { } IN TRANSACTIONS is not allowed: queries here only read")
    if _USE.search(code):
        return text, Refusal(403, "USE is not allowed: queries run on the configured database only")
    return text, None


def check_plan(explained: Explained) -> Refusal | None:
    """A refusal if EXPLAIN shows anything but a pure read with acceptable operators."""
    if explained.query_type != "r":
        kind = {"w": "writes", "rw": "writes", "s": "changes the schema or administers the database"}
        return Refusal(
            403,
            f"the query {kind.get(explained.query_type or '', 'is not a plain read')}; "
            f"only read queries are allowed here",
        )
    for operator in explained.operators:
        if operator.name in REFUSED_OPERATORS:
            return Refusal(403, REFUSED_OPERATORS[operator.name])
        if operator.name.startswith(("Show", "Terminate")) and operator.name not in ALLOWED_SHOW:
            return Refusal(403, f"the command behind '{operator.name}' is not allowed here")
        if operator.name == "ProcedureCall":
            procedure = operator.details.split("(", 1)[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                return Refusal(
                    403, f"procedure '{procedure}' is not allowed; allowed: " + ", ".join(sorted(ALLOWED_PROCEDURES))
                )
    return None


def fix_positions(message: str, prefix_length: int = len("EXPLAIN ")) -> str:
    """Neo4j's syntax-error positions refer to 'EXPLAIN <query>'; shift them back to the query as sent."""

    def shift(match: re.Match[str]) -> str:
        line, column, offset = (int(group) for group in match.groups())
        if line == 1:
            column -= prefix_length
        return f"(line {line}, column {max(column, 1)} (offset: {max(offset - prefix_length, 0)}))"

    message = re.sub(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)", shift, message)
    lines = message.split("\n")
    for index, line in enumerate(lines):
        if line.startswith('"EXPLAIN '):
            lines[index] = '"' + line[len('"EXPLAIN ') :]
            caret = index + 1
            if caret < len(lines) and lines[caret].strip() == "^" and lines[caret].startswith(" " * prefix_length):
                lines[caret] = lines[caret][prefix_length:]
    return "\n".join(lines)
