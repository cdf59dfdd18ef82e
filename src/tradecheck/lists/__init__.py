"""Restricted-party lists: one parser per source format, one normalised entity model."""
