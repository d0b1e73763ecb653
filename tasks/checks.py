"""收文检查: the checks a package passes before any person sees it, exactly as intake runs them.

A package is returned to its drafter (退文) for what the drafter must fix: a missing 公开属性 or
公开方式, 依申请公开/不予公开 without a legal basis or reason, a missing or incomplete interpretation
(三同步), too few interpretation forms, an interpretation that copies the policy, a 密级 or internal
mark on a package meant for publication (涉密信息不上网), and wrong words, 发文字号 or 成文日期.
Personal data and secrecy-dictionary hits do not return a package: they are listed for the privacy
and secrecy reviewers, who decide each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.enums import Disclosure, DisclosureBasis, InterpretationForm, IssuingLevel
from models.settings import get_settings
from tasks.interpretation import excerpt_counts, excerpt_share, interpretation_elements, missing_elements
from tasks.packages import LoadedPackage, PackageManifest
from tasks.scanning import ScanFinding, ScanRules, line_number, scan_text

__all__ = [
    "CheckReport",
    "ReturnReason",
    "TargetedFinding",
    "check_disclosure",
    "check_disclosure_annotation",
    "check_findings",
    "check_forms",
    "check_interpretation",
    "check_package",
    "excerpt_share",
    "interpretation_elements",
    "missing_elements",
    "required_forms",
]

TARGET_LABELS = {"policy": "政策文件", "interpretation": "解读材料"}
# 附注 (GB/T 9704 cl. 7.3) as printed; web copies often carry half-width brackets, so match the words only.
ANNOTATIONS = {
    "此件公开发布": Disclosure.PROACTIVE,
    "此件依申请公开": Disclosure.ON_REQUEST,
    "此件不公开": Disclosure.WITHHELD,
    "此件不予公开": Disclosure.WITHHELD,
}
_RETURNING = {  # finding kind → (what is wrong, what to do)
    "secret_mark": (
        "标有密级或内部标志",
        "涉密信息不上网：请确认已依法解密并删去标志，或将公开属性改为“不予公开”。",
    ),
    "wrong_word": ("有错误表述", "请改正后重新报送。"),
    "doc_number_format": ("的发文字号格式不规范", "请改正后重新报送。"),
    "date_format": ("的成文日期格式不规范", "请改正后重新报送。"),
}


@dataclass(frozen=True)
class ReturnReason:
    """退文理由: ``message`` tells the clerk, in Chinese, exactly what is missing and what to do."""

    code: str
    message: str


@dataclass(frozen=True)
class TargetedFinding:
    """A scan finding in the policy or in its interpretation."""

    target: str  # "policy" or "interpretation"
    finding: ScanFinding

    def to_json(self) -> dict[str, Any]:
        """The finding with the document it was found in."""
        return {"target": self.target, **self.finding.to_json()}


@dataclass(frozen=True)
class CheckReport:
    """The outcome of the intake checks: 退文 reasons, and findings for the reviewers."""

    reasons: list[ReturnReason]
    findings: list[TargetedFinding]

    @property
    def passed(self) -> bool:
        """True when nothing returns the package."""
        return not self.reasons

    def to_json(self) -> dict[str, Any]:
        """What ``policyflow check --json`` prints."""
        return {
            "passed": self.passed,
            "reasons": [{"code": r.code, "message": r.message} for r in self.reasons],
            "findings": [f.to_json() for f in self.findings],
        }


def check_package(package: LoadedPackage, *, rules: ScanRules | None = None) -> CheckReport:
    """Every intake check on a loaded package."""
    manifest, policy = package.manifest, package.policy.text
    interpretation = package.interpretation.text if package.interpretation else None
    texts = {"policy": policy} | ({"interpretation": interpretation} if interpretation is not None else {})
    findings = [
        TargetedFinding(target, finding)
        for target, text in texts.items()
        for finding in scan_text(text, rules)
    ]
    reasons = [
        *check_disclosure(manifest),
        *check_disclosure_annotation(manifest, policy),
        *check_interpretation(manifest, policy, interpretation),
        *check_findings(findings, texts, manifest.disclosure),
    ]
    return CheckReport(reasons, findings)


def check_disclosure(manifest: PackageManifest) -> list[ReturnReason]:
    """公开属性 and 公开方式 are set; 依申请公开 and 不予公开 carry a legal basis and a reason."""
    reasons = []
    if manifest.disclosure is None:
        reasons.append(
            ReturnReason(
                "disclosure_missing",
                "未标明公开属性。请在报送材料的“公开属性”中选择：主动公开、依申请公开或不予公开。",
            )
        )
    # 不予公开 publishes nothing, so how it would be published is not asked.
    if manifest.publication_scope is None and manifest.disclosure != Disclosure.WITHHELD:
        reasons.append(
            ReturnReason(
                "publication_scope_missing",
                "未标明公开方式。请选择“全文公开”或“删减后公开”（删减后公开的，公开版本由系统按审核意见去除个人信息等内容）。",
            )
        )
    if manifest.disclosure in (Disclosure.ON_REQUEST, Disclosure.WITHHELD):
        reasons.extend(_restricted_disclosure(manifest))
    return reasons


def _restricted_disclosure(manifest: PackageManifest) -> list[ReturnReason]:
    reasons = []
    if manifest.disclosure_basis is None:
        bases = "；".join(DisclosureBasis)
        reasons.append(
            ReturnReason(
                "disclosure_basis_missing",
                f"公开属性为“{manifest.disclosure}”，但未选择法定依据。请从《中华人民共和国政府信息公开条例》"
                f"第十四条、第十五条、第十六条规定的情形中选择一项：{bases}。",
            )
        )
    if not manifest.disclosure_reason.strip():
        reasons.append(
            ReturnReason(
                "disclosure_reason_missing",
                f"公开属性为“{manifest.disclosure}”，但未说明理由。请在“理由说明”中写明本件为什么不能主动公开。",
            )
        )
    return reasons


def check_disclosure_annotation(manifest: PackageManifest, policy_text: str) -> list[ReturnReason]:
    """The 附注 printed on the policy, e.g. （此件公开发布）, agrees with the 公开属性 submitted."""
    if manifest.disclosure is None:
        return []
    return [
        ReturnReason(
            "disclosure_annotation_mismatch",
            f"政策文件的附注“（{phrase}）”与报送的公开属性“{manifest.disclosure}”不一致。"
            "请改正附注或公开属性，使两者一致。",
        )
        for phrase, disclosure in ANNOTATIONS.items()
        if phrase in policy_text and disclosure != manifest.disclosure
    ]


def check_interpretation(
    manifest: PackageManifest, policy_text: str, interpretation_text: str | None
) -> list[ReturnReason]:
    """三同步: an interpretation is submitted, covers the required elements, is no excerpt, has enough forms."""
    settings = get_settings()
    if manifest.kind in settings.interpretation_exempt_kinds:
        return []
    if interpretation_text is None:
        reasons = [
            ReturnReason(
                "interpretation_missing",
                "未随文报送政策解读材料。按“三同步”要求，政策文件与解读材料须同步组织、同步审签、同步部署："
                "请报送经起草部门负责人审定的解读材料后重新报送。",
            )
        ]
    else:
        reasons = [*_elements_reason(interpretation_text), *_excerpt_reason(policy_text, interpretation_text)]
    return reasons + check_forms(manifest)


def _elements_reason(interpretation_text: str) -> list[ReturnReason]:
    missing = missing_elements(interpretation_text)
    if not missing:
        return []
    required = "、".join(get_settings().interpretation_required_elements)
    return [
        ReturnReason(
            "interpretation_elements_missing",
            f"政策解读缺少以下要素：{'、'.join(missing)}。请在解读材料中以小标题逐项说明（应包含：{required}）。",
        )
    ]


def _excerpt_reason(policy_text: str, interpretation_text: str) -> list[ReturnReason]:
    copied, total = excerpt_counts(policy_text, interpretation_text)
    threshold = get_settings().interpretation_excerpt_share
    if not total or copied / total <= threshold:
        return []
    return [
        ReturnReason(
            "interpretation_excerpt",
            f"政策解读照搬原文：解读的{total}句中有{copied}句（{copied / total:.0%}）与政策原文基本相同，"
            f"超过允许的{threshold:.0%}。解读应讲清出台背景、要点和变化，不能只摘抄原文，请改写后重新报送。",
        )
    ]


def required_forms(level: IssuingLevel) -> int:
    """How many interpretation forms a document issued at ``level`` needs."""
    settings = get_settings()
    if level == IssuingLevel.DEPARTMENT:
        return settings.interpretation_forms_department
    return settings.interpretation_forms_government


def check_forms(manifest: PackageManifest) -> list[ReturnReason]:
    """The interpretation plan lists enough distinct forms for the issuing level."""
    forms = list(dict.fromkeys(manifest.interpretation.forms))
    needed = required_forms(manifest.issuing_level)
    if len(forms) >= needed:
        return []
    planned = f"{len(forms)}种（{'、'.join(forms)}）" if forms else "0种"
    options = "、".join(form for form in InterpretationForm if form not in forms)
    return [
        ReturnReason(
            "interpretation_forms_too_few",
            f"解读形式不足：本件以{manifest.issuing_level}名义印发，解读形式应不少于{needed}种，"
            f"解读方案只列了{planned}，还差{needed - len(forms)}种。可从以下形式中补充：{options}。",
        )
    ]


def check_findings(
    findings: list[TargetedFinding], texts: dict[str, str], disclosure: Disclosure | None
) -> list[ReturnReason]:
    """退文 for the findings a drafter must fix; privacy and secrecy-dictionary hits go to reviewers instead."""
    grouped: dict[tuple[str, str], list[ScanFinding]] = {}
    for item in findings:
        kind = item.finding.kind
        if kind in _RETURNING and not (kind == "secret_mark" and disclosure == Disclosure.WITHHELD):
            grouped.setdefault((item.target, kind), []).append(item.finding)
    return [_finding_reason(target, kind, found, texts[target]) for (target, kind), found in grouped.items()]


def _finding_reason(target: str, kind: str, found: list[ScanFinding], text: str) -> ReturnReason:
    what, action = _RETURNING[kind]
    items = "；".join(
        f"第{line_number(text, f.start)}行“{f.text}”"
        + ("" if kind == "secret_mark" else f"（{f.suggestion}）")
        for f in found
    )
    return ReturnReason(kind, f"{TARGET_LABELS[target]}{what}（共{len(found)}处）：{items}。{action}")
