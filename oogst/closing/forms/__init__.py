"""Forms of the closing stage."""
