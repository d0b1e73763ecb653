"""Fixed vocabularies. Values users type (kinds, 公开属性) are the Chinese terms themselves."""

from __future__ import annotations

from enum import StrEnum


class DepartmentLevel(StrEnum):
    """机构层级: the kind of organ a department is."""

    GOVERNMENT = "政府"
    GOVERNMENT_OFFICE = "政府办公室"
    DEPARTMENT = "部门"
    TOWNSHIP = "镇街"


class DocumentKind(StrEnum):
    """文件类型: decides which review steps a document needs."""

    NORMATIVE = "行政规范性文件"
    POLICY = "政策性文件"
    MAJOR_DECISION = "重大行政决策"
    OTHER = "其他公文"


class IssuingLevel(StrEnum):
    """发文名义: in whose name the document is issued."""

    GOVERNMENT = "政府"
    GOVERNMENT_OFFICE = "政府办公室"
    DEPARTMENT = "部门"


class Disclosure(StrEnum):
    """公开属性 (条例 Art. 19–20, 14–16)."""

    PROACTIVE = "主动公开"
    ON_REQUEST = "依申请公开"
    WITHHELD = "不予公开"

    @property
    def annotation(self) -> str:
        """The 附注 line printed on the document (GB/T 9704 cl. 7.3)."""
        return {
            Disclosure.PROACTIVE: "（此件公开发布）",
            Disclosure.ON_REQUEST: "（此件依申请公开）",
            Disclosure.WITHHELD: "（此件不公开）",
        }[self]


class DisclosureBasis(StrEnum):
    """The statutory ground for 依申请公开 or 不予公开 (条例 Art. 14–16, regulations.md §1d)."""

    STATE_SECRET = "第十四条 依法确定为国家秘密"
    PROHIBITED_BY_LAW = "第十四条 法律、行政法规禁止公开"
    ENDANGERS_SECURITY = "第十四条 危及国家安全、公共安全、经济安全、社会稳定"
    THIRD_PARTY_RIGHTS = "第十五条 商业秘密、个人隐私等，公开会损害第三方合法权益"
    INTERNAL_AFFAIRS = "第十六条第一款 内部事务信息（人事管理、后勤管理、内部工作流程）"
    PROCESS_INFORMATION = "第十六条第二款 过程性信息（讨论记录、过程稿、磋商信函、请示报告）"
    ENFORCEMENT_FILES = "第十六条第二款 行政执法案卷信息"


class InterpretationForm(StrEnum):
    """解读形式: the forms an interpretation plan may use."""

    TEXT = "文字解读"
    QA = "简明问答"
    GRAPHIC = "一图读懂"
    VIDEO = "视频解读"
    PRESS_CONFERENCE = "新闻发布会"
    ONLINE_INTERVIEW = "在线访谈"
    ON_SITE = "现场宣讲"
    EXPERT = "专家解读"
    SIGNED_ARTICLE = "负责人署名文章"
    BRIEFING = "政策吹风会"
    H5 = "H5"
    AUDIO = "音频解读"
    COMIC = "漫画解读"


class PublicationScope(StrEnum):
    """公开方式: the full text, or a redacted version (条例 Art. 37 区分处理)."""

    FULL = "全文公开"
    REDACTED = "删减后公开"


class Validity(StrEnum):
    """效力状态 shown on the portal."""

    IN_FORCE = "现行有效"
    REVISED = "已修订"
    REPEALED = "已废止"


class Role(StrEnum):
    """What a person may do; a person may hold several roles."""

    DRAFTER = "drafter"
    HANDLER = "handler"
    DEPARTMENT_HEAD = "department_head"
    LEGAL_REVIEWER = "legal_reviewer"
    SECRECY_OFFICER = "secrecy_officer"
    SIGNER = "signer"
    OPEN_GOVERNMENT_OFFICER = "open_government_officer"
    ADMIN = "admin"
    SYSTEM = "system"  # policyflow itself: intake checks, scheduled runs; never held by a person

    @property
    def label(self) -> str:
        """The Chinese title of the role."""
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.DRAFTER: "起草人",
    Role.HANDLER: "承办人",
    Role.DEPARTMENT_HEAD: "部门负责人",
    Role.LEGAL_REVIEWER: "合法性审查员",
    Role.SECRECY_OFFICER: "保密审查员",
    Role.SIGNER: "签发人",
    Role.OPEN_GOVERNMENT_OFFICER: "政务公开办",
    Role.ADMIN: "系统管理员",
    Role.SYSTEM: "系统",
}


class ReviewStage(StrEnum):
    """审核环节 in the review chain."""

    DEPARTMENT_HEAD = "department_head"
    PRIVACY = "privacy"
    LEGALITY = "legality"
    SECRECY = "secrecy"
    SIGN_OFF = "sign_off"

    @property
    def label(self) -> str:
        """The Chinese name of the stage."""
        return {
            ReviewStage.DEPARTMENT_HEAD: "部门负责人审定",
            ReviewStage.PRIVACY: "个人信息审查",
            ReviewStage.LEGALITY: "合法性审查",
            ReviewStage.SECRECY: "保密审查",
            ReviewStage.SIGN_OFF: "签发",
        }[self]


class StepStatus(StrEnum):
    """Where one review step stands."""

    WAITING = "waiting"  # a person has to decide
    APPROVED = "approved"  # 同意, bound to the version hash it saw
    RETURNED = "returned"  # 退回修改
    VOID = "void"  # superseded by a new version before or after a decision


class AttemptOutcome(StrEnum):
    """What became of one answer at a review step."""

    APPROVED = "approved"
    RETURNED = "returned"
    REFUSED = "refused"  # wrong secret, wrong role, self-approval, or an inconsistent form: asked again


class Decision(StrEnum):
    """A reviewer's decision on the Resume form."""

    APPROVE = "同意"
    RETURN = "退回修改"


class FindingCategory(StrEnum):
    """Which review a finding belongs to."""

    PRIVACY = "privacy"
    SECRECY = "secrecy"
    WORDING = "wording"
    FORMAT = "format"


class FindingResolution(StrEnum):
    """What a reviewer decided about a finding."""

    OPEN = "open"
    CLEARED = "cleared"  # reviewed, not a problem
    MUST_FIX = "must_fix"


class DeadlineKind(StrEnum):
    """The statutory or configured clocks policyflow tracks."""

    PROACTIVE_DISCLOSURE = "proactive_disclosure"  # 条例 Art. 26: 20 working days
    OPINION_FEEDBACK = "opinion_feedback"  # 意见采纳情况 within 10 working days
    REVIEW_WAIT = "review_wait"  # a review step waiting on a person

    @property
    def label(self) -> str:
        """The Chinese name of the clock."""
        return {
            DeadlineKind.PROACTIVE_DISCLOSURE: "主动公开时限",
            DeadlineKind.OPINION_FEEDBACK: "意见反馈公开时限",
            DeadlineKind.REVIEW_WAIT: "审核办理时限",
        }[self]


class DeadlineStatus(StrEnum):
    """Where a deadline stands."""

    OPEN = "open"
    MET = "met"
    CANCELLED = "cancelled"
