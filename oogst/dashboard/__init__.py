"""The home page: every engagement a person takes part in, where it stands and whose turn
it is (the coach's dashboard; clients and sponsors get the same list for their own)."""
