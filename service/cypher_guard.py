"""Deciding, before anything runs, whether an analyst's Cypher is a pure read we are willing to run.

Four layers, each sufficient for what it covers, all checked before the query executes:
0. the shape (`check_shape`), before Neo4j parses anything: at most `max_chars` characters; no `\\uXXXX`
   escape anywhere (Neo4j decodes them before it reads the query, even inside strings and comments, so
   `U\\u0053E system` would hide a USE from the text checks and `'a\\u0027` ends a string early); nesting
   (brackets, CASE ... END, chained operators) at most `max_nesting` levels deep, since Neo4j's parser
   takes minutes or overflows its stack on a few hundred levels, unbounded by any transaction timeout;
   no `reduce()`, whose accumulator Neo4j neither interrupts at the timeout nor counts against the
   transaction's memory limit (a growing string kept a worker busy for minutes after its 504);
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
from dataclasses import dataclass

from graph.db import Explained

ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
})
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
_SEPARATORS = {",", ";", "MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER", "BY", "SKIP",
               "LIMIT", "CALL", "YIELD", "UNION", "AS", "WHEN", "THEN", "ELSE", "DISTINCT", "ASC", "DESC",
               "ASCENDING", "DESCENDING"}
_OPERATOR_WORDS = {"AND", "OR", "XOR", "NOT", "IN", "IS", "CONTAINS", "STARTS", "ENDS"}


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
        return Refusal(400, "unicode escapes (\\uXXXX) are not accepted in the query: write the character "
                            "itself, or pass the text as a parameter")
    code = blank(cypher)
    depth = nesting_depth(code)
    if depth > max_nesting:
        return Refusal(400, f"the query nests {depth} levels deep (brackets, CASE and chained operators); "
                            f"the limit is {max_nesting}: split it with WITH or pass values as parameters")
    if _REDUCE.search(code):
        return Refusal(400, "reduce() is not allowed here: Neo4j can neither stop it at the time limit nor "
                            "bound its memory; use UNWIND with aggregation (sum, collect) instead")
    return None


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
        return Refusal(403, f"the query {kind.get(explained.query_type or '', 'is not a plain read')}; "
                            f"only read queries are allowed here")
    for operator in explained.operators:
        if operator.name in REFUSED_OPERATORS:
            return Refusal(403, REFUSED_OPERATORS[operator.name])
        if operator.name.startswith(("Show", "Terminate")) and operator.name not in ALLOWED_SHOW:
            return Refusal(403, f"the command behind '{operator.name}' is not allowed here")
        if operator.name == "ProcedureCall":
            procedure = operator.details.split("(", 1)[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                return Refusal(403, f"procedure '{procedure}' is not allowed; allowed: "
                                    + ", ".join(sorted(ALLOWED_PROCEDURES)))
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
            lines[index] = '"' + line[len('"EXPLAIN '):]
            caret = index + 1
            if caret < len(lines) and lines[caret].strip() == "^" and lines[caret].startswith(" " * prefix_length):
                lines[caret] = lines[caret][prefix_length:]
    return "\n".join(lines)
