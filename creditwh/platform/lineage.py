"""What a SQL text reads and creates, from DuckDB's own tokenizer: a name inside a comment or a string is not a
relation, and `alias.column` is not one either unless the alias is a warehouse schema.

Asset deps are derived from this (assets/lineage.py), so a model that starts reading a table gains the dep."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

# the warehouse's schemas: a qualified name in one of them is a relation (table, view or macro)
SCHEMAS = frozenset({"raw", "staging", "core", "marts", "ops", "quality", "publish"})
_WORD = re.compile(rb'[A-Za-z_][A-Za-z0-9_]*|"[^"]*"')
_CREATE_SKIP = {"or", "replace", "temp", "temporary", "table", "view", "macro", "function", "if", "not", "exists"}
_WORD_TYPES = {duckdb.token_type.identifier, duckdb.token_type.keyword}


def _words(text: str) -> list[str]:
    """The text's tokens, comments dropped; each identifier or keyword lower-cased and unquoted, strings as ''."""
    data = text.encode("utf-8")  # the tokenizer's positions are byte offsets
    out = []
    for position, kind in duckdb.tokenize(text):
        if kind in _WORD_TYPES:
            match = _WORD.match(data, position)
            out.append(match.group(0).decode("utf-8").strip('"').lower() if match else "")
        elif kind == duckdb.token_type.operator and data[position : position + 1] == b".":
            out.append(".")
        else:
            out.append("")  # a string, a number or another operator: it ends any name
    return out


def _qualified(words: list[str]) -> list[tuple[int, str]]:
    """(index, "schema.name") for each name qualified by a warehouse schema."""
    return [
        (i, f"{words[i]}.{words[i + 2]}")
        for i in range(len(words) - 2)
        if words[i] in SCHEMAS
        and words[i + 1] == "."
        and words[i + 2] not in ("", ".")
        and (i == 0 or words[i - 1] != ".")
    ]


def created(text: str) -> set[str]:
    """The relations a text creates (CREATE [OR REPLACE] [TEMP] TABLE|VIEW|MACRO … schema.name)."""
    words = _words(text)
    out = set()
    for i, name in _qualified(words):
        j = i - 1
        while j >= 0 and words[j] in _CREATE_SKIP:
            j -= 1
        if j >= 0 and words[j] == "create" and j < i - 1:
            out.add(name)
    return out


def read(text: str) -> set[str]:
    """Every relation a text names outside CREATE, DROP and COMMENT ON: what it reads (or writes into)."""
    words = _words(text)
    out = set()
    for i, name in _qualified(words):
        if i >= 2 and words[i - 2] == "on" and words[i - 1] in ("table", "view", "column", "macro"):
            continue  # COMMENT ON TABLE x documents x
        j = i - 1
        while j >= 0 and words[j] in ("if", "exists", "table", "view", "macro"):
            j -= 1
        if j >= 0 and words[j] == "drop" and j < i - 1:
            continue  # DROP TABLE x removes what older code left; it reads nothing
        out.add(name)
    return out - created(text)


# A model file's first line names the relation it defines and how it is kept:
#   -- model: marts.event_timelines · incremental by record
KINDS = (
    "table",
    "view",
    "macro",
    "table macro",
    "incremental by record",
    "incremental by subject",
    "rows of an incremental table",
)
_HEADER = re.compile(r"^-- model: ([a-z_]+\.[a-z_]+) · (.+)$")


@dataclass(frozen=True)
class Model:
    relation: str
    kind: str


def header(text: str) -> Model | None:
    """The model a file's header names, or None for a file that is no model (a fragment, an operation)."""
    match = _HEADER.match(text.split("\n", 1)[0])
    if match is None:
        return None
    relation, kind = match.groups()
    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r} for {relation}: one of {', '.join(KINDS)}")
    return Model(relation, kind)
