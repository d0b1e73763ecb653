"""The demo's own directory: a new demo replaces an earlier one and never touches anything else."""

from __future__ import annotations

import os

import pytest

from models.errors import InvalidInput
from models.settings import get_settings
from policyflow.demo.script import MARKER, use_directory


@pytest.fixture(autouse=True)
def _restore_environment(monkeypatch, data_dir):
    for name in ("POLICYFLOW_DATA_DIR", "POLICYFLOW_OUTPUT_DIR", "PREFECT_HOME", "PREFECT_API_URL"):
        monkeypatch.setenv(name, os.environ.get(name, ""))


def test_a_second_demo_replaces_the_first(tmp_path):
    use_directory(tmp_path / "demo")
    (tmp_path / "demo" / "output").mkdir()
    (tmp_path / "demo" / "output" / "old.pdf").write_bytes(b"%PDF")
    use_directory(tmp_path / "demo")
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [MARKER]
    assert get_settings().data_dir == (tmp_path / "demo" / "data").resolve()
    assert os.environ["PREFECT_HOME"] == str((tmp_path / "demo" / "prefect").resolve())


def test_a_directory_with_other_files_is_refused_and_left_alone(tmp_path):
    (tmp_path / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(InvalidInput, match="not empty and holds no earlier demo"):
        use_directory(tmp_path)
    assert (tmp_path / "thesis.docx").read_bytes() == b"mine"


def test_an_empty_directory_is_used(tmp_path):
    use_directory(tmp_path)
    assert (tmp_path / MARKER).is_file()
