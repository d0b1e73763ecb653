"""Typed contexts for the document templates: what a 公文 and its 解读 print, field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from models.enums import Disclosure, DocumentKind, PublicationScope, Validity
from tasks.rendering.layout import shape_title

HeadingLevel = Literal[0, 1, 2, 3, 4]


def chinese_date(day: date) -> str:
    """A date as GB/T 9704 prints it: Arabic numerals, full year, no zero padding (2026年1月5日)."""
    return f"{day.year}年{day.month}月{day.day}日"


class BodyBlock(BaseModel):
    """One paragraph of 正文: ``heading`` is its leading run in the heading's typeface (一、 黑体, （一） 楷体)."""

    model_config = ConfigDict(frozen=True)

    level: HeadingLevel = 0  # 0 plain; 1 一、; 2 （一）; 3 1.; 4 （1）
    heading: str = ""
    text: str = ""

    @property
    def full_text(self) -> str:
        """The paragraph as written."""
        return self.heading + self.text


class Enclosure(BaseModel):
    """印发的文件: the document an 印发通知 issues, printed after the notice under its own title."""

    model_config = ConfigDict(frozen=True)

    title: str
    blocks: list[BodyBlock]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title_lines(self) -> list[str]:
        """The title broken into balanced lines (梯形/菱形)."""
        return shape_title(self.title)


class OfficialDocumentContext(BaseModel):
    """公文 (GB/T 9704-2012): everything the red-header document prints, 版头 to 版记."""

    model_config = ConfigDict(frozen=True)
    # Fields templates print through a computed form (the contract tests read this).
    printed_as: ClassVar[dict[str, str]] = {
        "title": "title_lines",
        "signed_on": "signed_on_text",
        "printed_on": "printed_on_text",
        "attachments": "attachment_lines",
    }

    issuer_mark: str = Field(min_length=1)  # 发文机关标志, e.g. 青禾县人民政府办公室文件
    doc_number: str = Field(min_length=1)  # 发文字号, e.g. 青政办发〔2026〕5号
    title: str = Field(min_length=1)  # 标题
    main_recipients: str = ""  # 主送机关, printed with a trailing full-width colon
    body: list[BodyBlock]  # 正文
    attachments: list[str] = Field(default_factory=list)  # 附件说明, numbered when more than one
    signer: str = Field(min_length=1)  # 发文机关署名
    signed_on: date  # 成文日期
    annotation: str = ""  # 附注, e.g. （此件公开发布）
    enclosure: Enclosure | None = None
    copy_to: str = ""  # 抄送机关
    printing_organ: str = Field(min_length=1)  # 印发机关
    printed_on: date  # 印发日期

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title_lines(self) -> list[str]:
        """The title broken into balanced lines, the issuing organ's name on its own line when it leads."""
        return shape_title(self.title, self.signer)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def signed_on_text(self) -> str:
        """成文日期 as printed."""
        return chinese_date(self.signed_on)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def printed_on_text(self) -> str:
        """印发日期 as printed (followed by 印发)."""
        return chinese_date(self.printed_on)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def attachment_lines(self) -> list[str]:
        """附件说明 items: ``1. name`` when several, the bare name when one; no trailing punctuation."""
        names = [name.strip().rstrip("。.；;，,") for name in self.attachments]
        if len(names) == 1:
            return names
        return [f"{number}. {name}" for number, name in enumerate(names, start=1)]


class QAPair(BaseModel):
    """One 问/答 of a 简明问答."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: list[str]  # paragraphs


class InterpretationSection(BaseModel):
    """One ``##`` section of a 文字解读, with any 问/答 pairs written in it."""

    model_config = ConfigDict(frozen=True)

    heading: str
    paragraphs: list[str] = Field(default_factory=list)
    qa: list[QAPair] = Field(default_factory=list)


class InterpretationContext(BaseModel):
    """政策解读: the 文字解读 and 简明问答 published with a policy (谁起草、谁解读)."""

    model_config = ConfigDict(frozen=True)
    printed_as: ClassVar[dict[str, str]] = {"title": "title_lines", "published_on": "published_on_text"}

    title: str = Field(min_length=1)
    policy_title: str = Field(min_length=1)
    doc_number: str = Field(min_length=1)
    organ: str = Field(min_length=1)  # 解读机关: the drafting department
    published_on: date
    sections: list[InterpretationSection]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title_lines(self) -> list[str]:
        """The title broken into balanced lines."""
        return shape_title(self.title)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def published_on_text(self) -> str:
        """The date as printed."""
        return chinese_date(self.published_on)


class PortalReport(BaseModel):
    """A report published about a policy later in its life: opinion feedback (意见采纳情况) or evaluation."""

    model_config = ConfigDict(frozen=True)

    title: str
    published_on: date
    summary: str = ""
    file: Path | None = None  # copied into the portal for download when given


class PortalFiles(BaseModel):
    """The rendered files a policy's portal page offers for download (copied into the site)."""

    model_config = ConfigDict(frozen=True)

    policy_pdf: Path | None = None
    policy_docx: Path | None = None
    interpretation_pdf: Path | None = None
    interpretation_docx: Path | None = None


class PortalEntry(BaseModel):
    """One published policy as the 政府信息公开 portal lists it."""

    model_config = ConfigDict(frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")  # file names in the site; e.g. doc-12
    document: OfficialDocumentContext
    department: str  # 发布机构 the listings group by
    kind: DocumentKind
    disclosure: Disclosure
    publication_scope: PublicationScope = PublicationScope.FULL
    validity: Validity = Validity.IN_FORCE
    published_on: date
    interpretation: InterpretationContext | None = None
    files: PortalFiles = Field(default_factory=PortalFiles)
    feedback_report: PortalReport | None = None
    evaluation_report: PortalReport | None = None


class PortalSite(BaseModel):
    """The portal's own identity: whose open-information site it is and how to apply for information."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1)  # e.g. 青禾县人民政府信息公开
    organ: str = Field(min_length=1)  # 主办单位
    application_guide: str = ""  # 依申请公开: where and how to apply
    built_on: date
