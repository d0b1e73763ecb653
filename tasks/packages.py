"""The submission package: a policy, its interpretation (三同步) and its 公开属性, as a drafter sends them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.enums import (
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    InterpretationForm,
    IssuingLevel,
    PublicationScope,
)
from models.errors import InvalidInput
from tasks.reading import ExtractedDocument, read_document


class InterpretationPlan(BaseModel):
    """解读方案: how, where and when the policy will be explained."""

    model_config = ConfigDict(extra="forbid")

    forms: list[InterpretationForm] = Field(default_factory=list, title="解读形式")
    channels: list[str] = Field(default_factory=list, title="发布渠道")
    schedule: str = Field(default="与政策同步发布", title="解读时间")


class PackageManifest(BaseModel):
    """报送材料清单: what a drafting department submits. Missing 公开属性 or 解读 are 退文 reasons, not errors."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, title="标题")
    kind: DocumentKind = Field(title="文件类型")
    issuing_level: IssuingLevel = Field(title="发文名义")
    department: str = Field(min_length=1, title="起草部门")
    drafter: str = Field(min_length=1, title="起草人账号")
    disclosure: Disclosure | None = Field(default=None, title="公开属性")
    publication_scope: PublicationScope | None = Field(default=None, title="公开方式")
    disclosure_basis: DisclosureBasis | None = Field(default=None, title="不公开/依申请公开的法定依据")
    disclosure_reason: str = Field(default="", title="理由说明")
    policy_file: str = Field(min_length=1, title="政策文件")
    interpretation_file: str | None = Field(default=None, title="解读材料文件")
    interpretation: InterpretationPlan = Field(default_factory=InterpretationPlan, title="解读方案")
    main_recipients: str = Field(default="", title="主送机关")
    copy_to: str = Field(default="", title="抄送机关")
    attachments: list[str] = Field(default_factory=list, title="附件名称")
    revises: str | None = Field(default=None, title="修订的原文件文号")


@dataclass(frozen=True)
class LoadedPackage:
    """A manifest with its files read; ``interpretation`` is None when the drafter sent none."""

    manifest: PackageManifest
    policy: ExtractedDocument
    interpretation: ExtractedDocument | None
    base_dir: Path


def parse_manifest(text: str, source: str = "package manifest") -> PackageManifest:
    """Validate a manifest's YAML text; every problem is named in one InvalidInput."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise InvalidInput(f"{source} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{source} must be a mapping of fields (title, kind, …)", _MANIFEST_HINT)
    try:
        return PackageManifest.model_validate(data)
    except ValidationError as exc:
        problems = "\n  - ".join(
            f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInput(f"{source} is invalid:\n  - {problems}", _MANIFEST_HINT) from None


def load_package(manifest_path: Path) -> LoadedPackage:
    """Read a manifest and the files it names (paths relative to the manifest)."""
    try:
        text = manifest_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read package manifest {manifest_path}: {exc}") from None
    manifest = parse_manifest(text, str(manifest_path))
    return read_package_files(manifest, manifest_path.parent)


def read_package_files(manifest: PackageManifest, base_dir: Path) -> LoadedPackage:
    """Read the policy and interpretation files a manifest names, relative to ``base_dir``."""
    policy = read_document(base_dir / manifest.policy_file)
    interpretation = (
        read_document(base_dir / manifest.interpretation_file) if manifest.interpretation_file else None
    )
    return LoadedPackage(manifest, policy, interpretation, base_dir)


_MANIFEST_HINT = (
    "A package manifest names: title, kind (行政规范性文件/政策性文件/重大行政决策/其他公文), "
    "issuing_level (政府/政府办公室/部门), department, drafter, disclosure (主动公开/依申请公开/不予公开), "
    "publication_scope (全文公开/删减后公开), disclosure_basis and disclosure_reason when not 主动公开, "
    "policy_file, interpretation_file, interpretation {forms, channels, schedule}. See tests/data/package/."
)
