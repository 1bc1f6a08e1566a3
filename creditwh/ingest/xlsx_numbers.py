"""Long numbers in .xlsx cells, written as Excel shows them: an 18-digit code typed into a number cell is kept to 15
significant digits (913501004984025674 is stored as 9.13501004984025E+17), and read as text it would come out with
digits nobody typed (913501004984025024). Written in Excel's scientific form instead, the validator recognises it and
tells the unit to format the column as text (the excel_number rule of quality/rules.csv)."""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

import polars as pl

# Excel keeps 15 significant digits: a number of more than 15 has lost its last ones
LONGEST_EXACT = 1e15
# how fastexcel writes a number cell as text: an integer's digits in full
_WRITTEN_IN_FULL = r"^-?[0-9]{16,}$"
_ROW_NUMBER = re.compile(r"[0-9]+$")


def excel_form(value: float) -> str:
    """A number as Excel shows it: 15 significant digits, in scientific form beyond them (9.13501004984025E+17)."""
    return f"{value:.15G}"


def with_long_numbers_as_excel_shows_them(frame: pl.DataFrame, path: Path, sheet: str) -> pl.DataFrame:
    """The sheet's text cells (row i is Excel row i + 1) with each number cell of more than 15 digits in Excel's form.

    Only a sheet with a value written out as 16 or more digits is read again, from its XML: only there can a cell be
    a number (fastexcel writes text and number cells alike, and a code typed as text must stay as it is). A number is
    found in its row by the digits fastexcel writes for it (those of the stored binary number, exactly: a text cell
    holding the code as typed differs from them), as fastexcel has a sheet start at its first used column, not at A."""
    candidates = [c for c in frame.columns if frame[c].str.contains(_WRITTEN_IN_FULL).any()]
    if not candidates:
        return frame
    try:
        numbers = _long_numbers_by_row(path, sheet)
    except (KeyError, zipfile.BadZipFile, ParseError):  # a workbook fastexcel reads but laid out unlike Excel's
        return frame
    if not numbers:
        return frame
    replaced = []
    for column in candidates:
        values = frame[column].to_list()
        for row, found in numbers.items():
            i = row - 1
            if i < len(values) and values[i] in found:
                values[i] = excel_form(found[values[i]])
        replaced.append(pl.Series(column, values, dtype=pl.String))
    return frame.with_columns(replaced)


def _long_numbers_by_row(path: Path, sheet: str) -> dict[int, dict[str, float]]:
    """The number cells of more than 15 digits in a sheet, by Excel row number: each as fastexcel writes it."""
    found: dict[int, dict[str, float]] = defaultdict(dict)
    with zipfile.ZipFile(path) as book:
        part = _sheet_part(book, sheet)
        if part is None:
            return {}
        with book.open(part) as xml:
            row_number = 0
            for event, element in iterparse(xml, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":  # a row without its number follows the one before
                        row_number = int(element.get("r") or row_number + 1)
                elif tag == "c" and element.get("t", "n") == "n":
                    value = next((child.text for child in element if _local(child.tag) == "v"), None)
                    number = _number(value)
                    if number is not None and abs(number) >= LONGEST_EXACT:
                        ref = _ROW_NUMBER.search(element.get("r") or "")
                        found[int(ref.group()) if ref else row_number][str(int(number))] = number
                elif tag == "row":
                    element.clear()  # a sheet may have a million rows: keep none of them
    return found


def _local(tag: str) -> str:
    """An element's name without its namespace (transitional and strict OOXML name them apart)."""
    return tag.rsplit("}", 1)[-1]


def _number(text: str | None) -> float | None:
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The XML part of the sheet named `sheet`, through the workbook and its relationships."""
    relation = None
    with book.open("xl/workbook.xml") as xml:
        for _event, element in iterparse(xml, events=("end",)):
            if _local(element.tag) == "sheet" and element.get("name") == sheet:
                relation = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
                break
    if relation is None:
        return None
    with book.open("xl/_rels/workbook.xml.rels") as xml:
        for _event, element in iterparse(xml, events=("end",)):
            if element.get("Id") == relation:
                target = element.get("Target", "")
                # relative to xl/, or absolute from the package root
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None
