"""Oogst: record and evaluate what a coaching engagement yields."""
