"""Test support importable by the test suite: the Saleor test double and waiting helpers."""
