"""Validation: raw rows typed into staging or quarantined with their reasons, the quality summary and correction lists."""
