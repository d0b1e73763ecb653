"""Approval secrets are stored only as slow salted hashes."""

from __future__ import annotations

from models.organisation import hash_secret, secret_matches


def test_hash_secret_never_contains_the_secret_and_is_salted():
    first, second = hash_secret("correct horse"), hash_secret("correct horse")
    assert "correct horse" not in first
    assert first != second
    assert first.startswith("scrypt$")


def test_secret_matches_only_the_right_secret():
    stored = hash_secret("correct horse")
    assert secret_matches("correct horse", stored)
    assert not secret_matches("correct hors", stored)
    assert not secret_matches("", stored)


def test_secret_matches_nothing_when_no_secret_was_set():
    assert not secret_matches("", "")
    assert not secret_matches("anything", "not-a-hash")
    assert not secret_matches("anything", "md5$1$2$3$abc$def")
