"""The web tests use the shared three-party fixtures of tests/conftest.py."""
