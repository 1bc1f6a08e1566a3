"""Screening: the bureau's own business checked against credit standing, and the feedback to initiating departments."""
