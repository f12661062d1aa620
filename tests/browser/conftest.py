"""Browser tests: fixtures live in tests/conftest.py, shared with tests/search and tests/media."""
