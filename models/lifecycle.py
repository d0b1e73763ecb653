"""The lifecycle table: statuses, actions, who may take each, source → target.

``transition`` is the only function that changes a document's status, and it writes the audit row
in the same transaction. ``create_document`` is the only way a document enters the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlmodel import Session

from models.audit import append_audit
from models.base import utcnow
from models.enums import Disclosure, Role
from models.errors import TransitionNotAllowed

if TYPE_CHECKING:
    from models.documents import PolicyDocument
    from models.organisation import Actor


class Status(StrEnum):
    """Where a policy document is."""

    DRAFT = "draft"  # 起草中: created, not yet submitted (the one initial status)
    SUBMITTED = "submitted"  # 已报送: automated checks running
    RETURNED = "returned"  # 已退文: back with the drafter, with reasons
    IN_REVIEW = "in_review"  # 审核中: in the review chain
    SIGNED = "signed"  # 已签发: every approval given, waiting for publication
    PUBLISHED = "published"  # 已发布: 主动公开 on the portal, or 依申请公开 registered
    ISSUED = "issued"  # 已印发（不公开）: 不予公开, issued but never published
    WITHDRAWN = "withdrawn"  # 已撤回: abandoned by the drafter (terminal)
    REVISED = "revised"  # 已修订: replaced by a newer document (terminal)
    REPEALED = "repealed"  # 已废止 (terminal)

    @property
    def label(self) -> str:
        """The Chinese name of the status."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: "起草中",
    Status.SUBMITTED: "已报送",
    Status.RETURNED: "已退文",
    Status.IN_REVIEW: "审核中",
    Status.SIGNED: "已签发",
    Status.PUBLISHED: "已发布",
    Status.ISSUED: "已印发（不公开）",
    Status.WITHDRAWN: "已撤回",
    Status.REVISED: "已修订",
    Status.REPEALED: "已废止",
}
INITIAL_STATUS = Status.DRAFT


class Action(StrEnum):
    """What can happen to a document."""

    SUBMIT = "submit"  # 报送 (also resubmission after 退文)
    RETURN = "return"  # 退文 at intake: the automated checks failed
    ACCEPT = "accept"  # 受理: checks passed, the review chain starts
    SEND_BACK = "send_back"  # 退回修改 by a reviewer
    SIGN = "sign"  # 签发
    PUBLISH = "publish"  # 发布 (主动公开 / 依申请公开)
    ISSUE_WITHHELD = "issue_withheld"  # 印发 a 不予公开 document without publishing it
    WITHDRAW = "withdraw"  # 撤回
    MARK_REVISED = "mark_revised"  # 标注已修订 when its revision is published
    REPEAL = "repeal"  # 废止

    @property
    def label(self) -> str:
        """The Chinese name of the action."""
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SUBMIT: "报送",
    Action.RETURN: "退文",
    Action.ACCEPT: "受理",
    Action.SEND_BACK: "退回修改",
    Action.SIGN: "签发",
    Action.PUBLISH: "发布",
    Action.ISSUE_WITHHELD: "印发（不公开）",
    Action.WITHDRAW: "撤回",
    Action.MARK_REVISED: "标注已修订",
    Action.REPEAL: "废止",
}

Guard = Callable[["PolicyDocument", "Actor", dict[str, object]], str | None]


def _own_document(document: PolicyDocument, actor: Actor, context: dict[str, object]) -> str | None:
    if Role.ADMIN in actor.roles or actor.person_id == document.drafter_id:
        return None
    return "only the drafter of this document (or an administrator) may do this"


def _not_withheld(document: PolicyDocument, actor: Actor, context: dict[str, object]) -> str | None:
    if context.get("disclosure") == Disclosure.WITHHELD:
        return "this document is 不予公开 and must never be published; issue it without publication instead"
    return None


def _withheld(document: PolicyDocument, actor: Actor, context: dict[str, object]) -> str | None:
    if context.get("disclosure") != Disclosure.WITHHELD:
        return "only 不予公开 documents are issued without publication; publish this one"
    return None


@dataclass(frozen=True)
class Rule:
    """One row of the lifecycle table."""

    action: Action
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    guard: Guard | None = None


REVIEWERS = frozenset(
    {Role.HANDLER, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER, Role.SECRECY_OFFICER, Role.SIGNER}
)
OFFICE = frozenset({Role.OPEN_GOVERNMENT_OFFICER, Role.SYSTEM})


def _rule(
    action: Action,
    sources: set[Status],
    target: Status,
    roles: set[Role] | frozenset[Role],
    guard: Guard | None = None,
) -> Rule:
    return Rule(action, frozenset(sources), target, frozenset(roles), guard)


RULES: dict[Action, Rule] = {
    rule.action: rule
    for rule in (
        _rule(
            Action.SUBMIT, {Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, {Role.DRAFTER}, _own_document
        ),
        _rule(Action.RETURN, {Status.SUBMITTED}, Status.RETURNED, {Role.SYSTEM}),
        _rule(Action.ACCEPT, {Status.SUBMITTED}, Status.IN_REVIEW, {Role.SYSTEM}),
        _rule(Action.SEND_BACK, {Status.IN_REVIEW}, Status.RETURNED, REVIEWERS),
        _rule(Action.SIGN, {Status.IN_REVIEW}, Status.SIGNED, {Role.SIGNER}),
        _rule(Action.PUBLISH, {Status.SIGNED}, Status.PUBLISHED, OFFICE, _not_withheld),
        _rule(Action.ISSUE_WITHHELD, {Status.SIGNED}, Status.ISSUED, OFFICE, _withheld),
        _rule(
            Action.WITHDRAW,
            {Status.DRAFT, Status.RETURNED},
            Status.WITHDRAWN,
            {Role.DRAFTER, Role.ADMIN},
            _own_document,
        ),
        _rule(Action.MARK_REVISED, {Status.PUBLISHED, Status.ISSUED}, Status.REVISED, OFFICE),
        _rule(
            Action.REPEAL, {Status.PUBLISHED, Status.ISSUED}, Status.REPEALED, {Role.OPEN_GOVERNMENT_OFFICER}
        ),
    )
}


def check_transition(
    document: PolicyDocument, action: Action, actor: Actor, context: dict[str, object] | None = None
) -> Rule:
    """The rule for ``action`` if the document and actor allow it; else TransitionNotAllowed."""
    rule = RULES[action]
    title = f"document {document.id}"
    if document.status not in rule.sources:
        allowed = "、".join(sorted(status.label for status in rule.sources))
        raise TransitionNotAllowed(
            f"{title} is {document.status.label} ({document.status}); "
            f"{action.label} ({action}) is only possible when it is {allowed}",
            "Run `policyflow status` to see where the document is and what it is waiting for.",
        )
    if not actor.roles & rule.roles:
        needed = "、".join(sorted(role.label for role in rule.roles))
        raise TransitionNotAllowed(
            f"{actor.account} may not {action.label} ({action}) {title}: it needs the role {needed}",
            "Ask a person holding that role, or an administrator to grant it.",
        )
    if rule.guard and (why := rule.guard(document, actor, context or {})):
        raise TransitionNotAllowed(f"{action.label} ({action}) refused for {title}: {why}")
    return rule


def transition(
    session: Session,
    document: PolicyDocument,
    action: Action,
    actor: Actor,
    *,
    reason: str = "",
    context: dict[str, object] | None = None,
    detail: dict[str, object] | None = None,
) -> Status:
    """Move a document by ``action`` and write the audit row, in the caller's transaction."""
    rule = check_transition(document, action, actor, context)
    source = document.status
    document.status, document.updated_at = rule.target, utcnow()
    session.add(document)
    session.flush()
    append_audit(
        session,
        actor=actor.account,
        action=f"document.{action}",
        subject_type="document",
        subject_id=document.id,
        detail={"from": str(source), "to": str(rule.target), "reason": reason, **(detail or {})},
    )
    return rule.target


def create_document(session: Session, document: PolicyDocument, actor: Actor) -> PolicyDocument:
    """Enter a new document at the initial status and audit it."""
    document.status = INITIAL_STATUS
    session.add(document)
    session.flush()
    append_audit(
        session,
        actor=actor.account,
        action="document.create",
        subject_type="document",
        subject_id=document.id,
        detail={"to": str(INITIAL_STATUS), "kind": str(document.kind)},
    )
    return document
