"""Deterministic sample deliveries for the credit warehouse: a landing tree of CSV/xlsx files plus a defect manifest."""

from creditwh.sample.generator import generate, scale_for_rows

__all__ = ["generate", "scale_for_rows"]
