"""Maintenance: keeping the warehouse's storage compact."""
