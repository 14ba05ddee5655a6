"""Writes of the closing stage: attainment ratings, the closing conversation, closing."""
