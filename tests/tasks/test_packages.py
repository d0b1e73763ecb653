"""Package manifests: what a drafter submits, validated with messages naming each bad field."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.enums import Disclosure, InterpretationForm
from models.errors import DocumentUnreadable, InvalidInput
from tasks.packages import load_package, parse_manifest

DEMO = Path(__file__).resolve().parents[2] / "policyflow" / "demo" / "package.yaml"
MINIMAL = "title: 测试文件\nkind: 政策性文件\nissuing_level: 部门\ndepartment: 某局\ndrafter: a.b\npolicy_file: p.txt\n"


def test_load_package_reads_the_demo_package():
    package = load_package(DEMO)
    assert package.manifest.disclosure == Disclosure.PROACTIVE
    assert InterpretationForm.QA in package.manifest.interpretation.forms
    assert "政务公开" in package.policy.text
    assert package.interpretation is not None and "背景依据" in package.interpretation.text


def test_parse_manifest_leaves_missing_disclosure_and_interpretation_to_the_checks():
    manifest = parse_manifest(MINIMAL)
    assert manifest.disclosure is None and manifest.interpretation_file is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("colour: red\n", "colour: Extra inputs are not permitted"),
        ("disclosure: 公开\n", "disclosure: Input should be '主动公开', '依申请公开' or '不予公开'"),
        ("interpretation: {forms: [跳舞]}\n", "interpretation.forms.0"),
    ],
)
def test_parse_manifest_names_the_bad_field(extra, message):
    with pytest.raises(InvalidInput, match=message):
        parse_manifest(MINIMAL + extra)


@pytest.mark.parametrize("text", ["just a string", "title: [unclosed", "- a\n- list\n"])
def test_parse_manifest_refuses_what_is_not_a_mapping(text):
    with pytest.raises(InvalidInput):
        parse_manifest(text)


def test_load_package_with_a_missing_policy_file_names_it(tmp_path):
    manifest = tmp_path / "package.yaml"
    manifest.write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(DocumentUnreadable, match="file not found"):
        load_package(manifest)
