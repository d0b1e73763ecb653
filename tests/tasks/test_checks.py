"""Intake checks: what returns a package (退文) with the message a clerk reads, and what goes to reviewers."""

from __future__ import annotations

import pytest

from models.enums import (
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    InterpretationForm,
    IssuingLevel,
    PublicationScope,
)
from models.settings import get_settings
from tasks.checks import check_disclosure, check_forms, check_package, required_forms
from tests.factories import demo_package


def reasons(**changes) -> dict[str, str]:
    """code → message of every 退文 reason for the demo package with ``changes``."""
    return {r.code: r.message for r in check_package(demo_package(**changes)).reasons}


def test_check_package_passes_the_demo_package():
    report = check_package(demo_package())
    assert report.passed
    assert (report.reasons, report.findings) == ([], [])


def test_check_package_returns_a_package_without_interpretation():
    found = reasons(without_interpretation=True)
    assert list(found) == ["interpretation_missing"]
    assert "未随文报送政策解读材料" in found["interpretation_missing"]
    assert "同步组织、同步审签、同步部署" in found["interpretation_missing"]


def test_check_package_exempts_other_documents_from_the_interpretation():
    assert reasons(without_interpretation=True, kind=DocumentKind.OTHER) == {}


def test_check_package_exempt_kinds_follow_the_setting(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_INTERPRETATION_EXEMPT_KINDS", '["政策性文件"]')
    get_settings.cache_clear()
    assert reasons(without_interpretation=True) == {}
    assert "interpretation_missing" in reasons(without_interpretation=True, kind=DocumentKind.OTHER)


def test_check_package_returns_two_forms_for_a_government_office_document():
    forms = [InterpretationForm.TEXT, InterpretationForm.QA]
    manifest = demo_package().manifest
    found = reasons(interpretation=manifest.interpretation.model_copy(update={"forms": forms}))
    assert list(found) == ["interpretation_forms_too_few"]
    assert (
        "本件以政府办公室名义印发，解读形式应不少于5种，解读方案只列了2种（文字解读、简明问答），还差3种"
        in found["interpretation_forms_too_few"]
    )


def test_check_forms_accepts_two_forms_for_a_department_document():
    manifest = demo_package().manifest
    plan = manifest.interpretation.model_copy(
        update={"forms": [InterpretationForm.TEXT, InterpretationForm.QA]}
    )
    assert (
        check_forms(
            manifest.model_copy(update={"issuing_level": IssuingLevel.DEPARTMENT, "interpretation": plan})
        )
        == []
    )


def test_check_forms_counts_a_repeated_form_once():
    manifest = demo_package().manifest
    plan = manifest.interpretation.model_copy(update={"forms": [InterpretationForm.TEXT] * 5})
    (reason,) = check_forms(manifest.model_copy(update={"interpretation": plan}))
    assert "解读方案只列了1种（文字解读）" in reason.message


def test_required_forms_follow_the_settings(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_INTERPRETATION_FORMS_DEPARTMENT", "3")
    get_settings.cache_clear()
    assert (required_forms(IssuingLevel.DEPARTMENT), required_forms(IssuingLevel.GOVERNMENT)) == (3, 5)


def test_check_package_returns_an_interpretation_that_copies_the_policy():
    package = demo_package()
    found = reasons(interpretation_text=package.policy.text)
    assert "政策解读照搬原文" in found["interpretation_excerpt"]
    assert "（100%）" in found["interpretation_excerpt"]
    assert "超过允许的50%" in found["interpretation_excerpt"]


def test_check_package_names_the_missing_interpretation_elements():
    package = demo_package()
    assert package.interpretation is not None
    text = package.interpretation.text.replace("## 四、涉及范围", "## 四、说明").replace(
        "## 五、执行标准", "## 五、其他"
    )
    found = reasons(interpretation_text=text)
    assert list(found) == ["interpretation_elements_missing"]
    assert found["interpretation_elements_missing"].startswith("政策解读缺少以下要素：涉及范围、执行标准。")


def test_check_package_returns_a_withheld_package_without_basis_or_reason():
    found = reasons(disclosure=Disclosure.WITHHELD)
    assert sorted(found) == ["disclosure_basis_missing", "disclosure_reason_missing"]
    assert "公开属性为“不予公开”，但未选择法定依据" in found["disclosure_basis_missing"]
    assert str(DisclosureBasis.PROCESS_INFORMATION) in found["disclosure_basis_missing"]
    assert "请在“理由说明”中写明" in found["disclosure_reason_missing"]


def test_check_package_passes_an_on_request_package_with_basis_and_reason():
    found = reasons(
        disclosure=Disclosure.ON_REQUEST,
        disclosure_basis=DisclosureBasis.THIRD_PARTY_RIGHTS,
        disclosure_reason="附件含企业经营数据",
    )
    assert found == {}


def test_check_disclosure_returns_a_manifest_without_disclosure_or_scope():
    manifest = demo_package(disclosure=None, publication_scope=None).manifest
    codes = [reason.code for reason in check_disclosure(manifest)]
    assert codes == ["disclosure_missing", "publication_scope_missing"]


def test_check_disclosure_asks_no_scope_of_a_withheld_package():
    manifest = demo_package(
        disclosure=Disclosure.WITHHELD,
        publication_scope=None,
        disclosure_basis=DisclosureBasis.INTERNAL_AFFAIRS,
        disclosure_reason="人事管理事项",
    ).manifest
    assert check_disclosure(manifest) == []


def test_check_package_passes_redacted_publication_with_nothing_to_remove():
    assert reasons(publication_scope=PublicationScope.REDACTED) == {}


def test_check_package_returns_an_annotation_contradicting_the_disclosure():
    policy = demo_package().policy.text + "\n（此件公开发布）"
    found = reasons(
        policy_text=policy,
        disclosure=Disclosure.ON_REQUEST,
        disclosure_basis=DisclosureBasis.THIRD_PARTY_RIGHTS,
        disclosure_reason="附件含企业经营数据",
    )
    assert list(found) == ["disclosure_annotation_mismatch"]
    assert (
        "附注“（此件公开发布）”与报送的公开属性“依申请公开”不一致" in found["disclosure_annotation_mismatch"]
    )


def test_check_package_accepts_a_half_width_annotation_that_agrees():
    assert reasons(policy_text=demo_package().policy.text + "\n(此件公开发布)") == {}


def test_check_package_returns_a_secret_mark_in_a_package_for_publication():
    found = reasons(policy_text="机密★5年\n" + demo_package().policy.text)
    assert list(found) == ["secret_mark"]
    assert found["secret_mark"].startswith(
        "政策文件标有密级或内部标志（共1处）：第1行“机密★5年”。涉密信息不上网"
    )


def test_check_package_keeps_a_withheld_secret_document_in_the_pipeline():
    report = check_package(
        demo_package(
            policy_text="机密★5年\n" + demo_package().policy.text,
            disclosure=Disclosure.WITHHELD,
            disclosure_basis=DisclosureBasis.STATE_SECRET,
            disclosure_reason="依法确定为机密级国家秘密",
        )
    )
    assert report.passed
    assert [(f.target, f.finding.kind) for f in report.findings] == [("policy", "secret_mark")]


def test_check_package_lists_personal_data_for_reviewers_without_returning():
    report = check_package(
        demo_package(policy_text=demo_package().policy.text + "\n联系人：张伟，电话13812345678")
    )
    assert report.passed
    assert [(f.target, f.finding.kind) for f in report.findings] == [
        ("policy", "person_name"),
        ("policy", "mobile"),
    ]


def test_check_package_returns_wrong_words_naming_the_document_and_line():
    package = demo_package()
    assert package.interpretation is not None
    text = package.interpretation.text + "\n由国家工商行政管理总局负责。"
    found = reasons(interpretation_text=text)
    assert found["wrong_word"] == (
        f"解读材料有错误表述（共1处）：第{text.count(chr(10)) + 1}行“国家工商行政管理总局”"
        "（应为“国家市场监督管理总局”）。请改正后重新报送。"
    )


@pytest.mark.parametrize(
    ("line", "code"), [("青政办发[2026]3号", "doc_number_format"), ("二〇二六年三月一日", "date_format")]
)
def test_check_package_returns_doc_number_and_date_format_errors(line, code):
    found = reasons(policy_text=f"{line}\n" + demo_package().policy.text)
    assert list(found) == [code]
    assert found[code].startswith("政策文件的")
    assert "第1行" in found[code]


def test_check_report_to_json_has_the_documented_shape():
    report = check_package(demo_package(without_interpretation=True))
    data = report.to_json()
    assert data["passed"] is False
    assert data["reasons"][0]["code"] == "interpretation_missing"
    assert data["findings"] == []
