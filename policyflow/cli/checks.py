"""``policyflow scan``, ``redact`` and ``check``: the automated review checks from a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from models.errors import InvalidInput
from policyflow.cli.output import emit_json, out
from tasks.checks import TARGET_LABELS, CheckReport, check_package
from tasks.packages import load_package
from tasks.redaction import redact_file
from tasks.scanning import ScanFinding, line_number, scan_document

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CATEGORY_LABELS = {"privacy": "个人信息", "secrecy": "保密", "wording": "错敏词", "format": "公文格式"}


def register(app: typer.Typer) -> None:
    """Attach these commands to the main CLI."""
    app.command("scan")(scan)
    app.command("redact")(redact)
    app.command("check")(check)


def scan(
    file: Annotated[Path, typer.Argument(help="A .docx, .txt or .md file (UTF-8 or GB18030).")],
    as_json: JsonFlag = False,
) -> int:
    """Scan a document for personal data, secrecy marks, wrong words and 文号/日期 format; exit 1 on findings."""
    document, findings = scan_document(file)
    if as_json:
        emit_json([finding.to_json() for finding in findings])
    elif findings:
        out.print(f"{file.name}: {len(findings)} 处发现 (findings)")
        for finding in findings:
            out.print(f"  {_describe(finding, document.text)}", markup=False)
    else:
        out.print(f"{file.name}: 未发现问题 (no findings)")
    return 1 if findings else 0


def redact(
    file: Annotated[Path, typer.Argument(help="A .docx, .txt or .md file.")],
    output: Annotated[Path, typer.Option("--out", help="Where to write the public version (same format).")],
    named_party: Annotated[
        bool,
        typer.Option("--named-party", help="惩戒公示/行政处罚决定: keep the named party's name (当事人 …)."),
    ] = False,
    id_mode: Annotated[
        Literal["remove", "mask"] | None,
        typer.Option("--id-mode", help="remove ID numbers, or mask digits 7–14 (default: the setting)."),
    ] = None,
) -> None:
    """Write the de-identified public version of a document, in the same format."""
    if output.suffix.lower() != file.suffix.lower():
        raise InvalidInput(
            f"--out must have the same format as {file.name} ({file.suffix}); got {output.name}",
            "Give an output file name ending in the same suffix.",
        )
    if output.resolve() == file.resolve():
        raise InvalidInput("--out is the input file itself", "Write the public version to a new file.")
    result = redact_file(file, output, named_party_category=named_party, id_mode=id_mode)
    out.print(f"wrote {output} ({len(result.changes)} 处去标识化 / changes)")
    for change in result.changes:
        out.print(f"  {change.kind}: “{change.original}” → “{change.replacement}”", markup=False)


def check(
    manifest: Annotated[Path, typer.Argument(help="A package manifest (package.yaml).")],
    as_json: JsonFlag = False,
) -> int:
    """Check a package as intake will: exit 0 when it passes, 1 when it is returned (退文)."""
    package = load_package(manifest)
    report = check_package(package)
    if as_json:
        emit_json(report.to_json())
    else:
        texts = {"policy": package.policy.text}
        if package.interpretation is not None:
            texts["interpretation"] = package.interpretation.text
        _print_report(package.manifest.title, report, texts)
    return 0 if report.passed else 1


def _print_report(title: str, report: CheckReport, texts: dict[str, str]) -> None:
    out.print(title, style="bold", markup=False)
    if report.passed:
        out.print("结果：通过，可以进入审核流程 (passed)", style="green")
    else:
        out.print(f"结果：退文，共{len(report.reasons)}条理由 (returned)", style="bold red")
        for number, reason in enumerate(report.reasons, start=1):
            out.print(f"  {number}. {reason.message}", markup=False)
    # Findings already named in a 退文 reason are the drafter's to fix; the rest go to the reviewers.
    returned_kinds = {reason.code for reason in report.reasons}
    for_reviewers = [item for item in report.findings if item.finding.kind not in returned_kinds]
    if for_reviewers:
        out.print(f"交审核人员逐条确认的检查发现（{len(for_reviewers)}处）：")
        for item in for_reviewers:
            label = TARGET_LABELS[item.target]
            out.print(f"  {label} {_describe(item.finding, texts[item.target])}", markup=False)


def _describe(finding: ScanFinding, text: str) -> str:
    category = CATEGORY_LABELS.get(str(finding.category), str(finding.category))
    where = f"第{line_number(text, finding.start)}行"
    return f"{where} [{category}/{finding.kind}] “{finding.text}” — {finding.suggestion}"
