"""Publication: 文号, policy and interpretation together, recorded once, 公开属性 never violated."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from sqlmodel import select

from models.base import sha256_hex
from models.db import dispose_engines, session_scope
from models.deadlines import Deadline
from models.documents import PolicyDocument
from models.enums import DeadlineKind, DeadlineStatus, Validity
from models.errors import IntegrityError, TransitionNotAllowed
from models.lifecycle import Status
from models.publication import Channel, Publication
from models.settings import get_settings
from tasks.publication import allocate_doc_number, publish_document
from tests.factories import demo_form, signed, submitted

PRIVATE = "联系人：王小明，电话13812345678。"


def _portal() -> Path:
    return get_settings().resolved_output_dir / "portal"


def _portal_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in _portal().rglob("*.html"))


def _pdf_text(path: str) -> str:
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def test_publish_allocates_the_first_doc_number_and_records_every_file(demo_db):
    ref = signed()
    published = publish_document(ref.document_id)
    assert published.doc_number == f"青政办发〔{_year(ref)}〕1号"
    assert published.channel == Channel.PORTAL
    assert set(published.files) == {"policy_pdf", "policy_docx", "interpretation_pdf", "interpretation_docx"}
    with session_scope() as session:
        record = session.exec(select(Publication)).one()
        document = session.get_one(PolicyDocument, ref.document_id)
    assert document.status == Status.PUBLISHED and document.doc_number == published.doc_number
    for file in record.files:
        assert sha256_hex(Path(file["path"]).read_bytes()) == file["sha256"]
    text = _pdf_text(published.files["policy_pdf"])
    assert published.doc_number in text and "（此件公开发布）" in text


def test_publish_puts_policy_and_interpretation_on_the_portal_linked_both_ways(demo_db):
    ref = signed()
    publish_document(ref.document_id)
    pages = {p.name: p.read_text(encoding="utf-8") for p in _portal().rglob("*.html")}
    policy_pages = [html for html in pages.values() if "政策解读" in html and demo_form().title in html]
    assert policy_pages, "the policy page links its interpretation"
    assert "现行有效" in _portal_text()


def test_publish_again_changes_nothing(demo_db):
    ref = signed()
    first = publish_document(ref.document_id)
    second = publish_document(ref.document_id)
    assert second.already and second.doc_number == first.doc_number
    with session_scope() as session:
        assert len(session.exec(select(Publication)).all()) == 1


def test_doc_numbers_are_sequential_per_organ_and_year(demo_db):
    numbers = [publish_document(signed().document_id).doc_number for _ in range(3)]
    year = numbers[0][numbers[0].index("〔") + 1 : numbers[0].index("〕")]
    assert numbers == [f"青政办发〔{year}〕{n}号" for n in (1, 2, 3)]
    department = publish_document(
        signed(
            demo_form(
                issuing_level="部门",
                interpretation={"forms": ["文字解读", "简明问答"], "channels": ["网站"], "schedule": "同步"},
            )
        ).document_id
    )
    assert department.doc_number == f"青发改发〔{year}〕1号"


def test_allocate_doc_number_is_unique_under_concurrent_publishers(demo_db):
    numbers: list[str] = []

    def publisher() -> None:
        for _ in range(5):
            with session_scope() as session:
                numbers.append(allocate_doc_number(session, "青政办发", 2026))

    threads = [threading.Thread(target=publisher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers, key=lambda n: int(n[n.index("〕") + 1 : -1])) == [
        f"青政办发〔2026〕{n}号" for n in range(1, 21)
    ]


def test_withheld_documents_are_issued_and_never_reach_the_portal(demo_db):
    form = demo_form(
        disclosure="不予公开",
        disclosure_basis="第十六条第一款 内部事务信息（人事管理、后勤管理、内部工作流程）",
        disclosure_reason="机关内部人事安排",
        title="青禾县人民政府办公室关于内部人事安排的通知",
        policy_text=demo_form().policy_text.replace("（此件公开发布）", ""),
    )
    ref = signed(form)
    published = publish_document(ref.document_id)
    assert published.channel == Channel.INTERNAL
    assert Path(published.files["policy_pdf"]).parent.parent.name == "internal"
    with session_scope() as session:
        assert session.get_one(PolicyDocument, ref.document_id).status == Status.ISSUED
    assert "内部人事安排" not in _portal_text()


def test_on_request_documents_are_registered_but_not_listed(demo_db):
    form = demo_form(
        disclosure="依申请公开",
        disclosure_basis="第十五条 商业秘密、个人隐私等，公开会损害第三方合法权益",
        disclosure_reason="涉及企业经营信息",
        title="青禾县发展和改革局关于某企业项目核准的批复",
    )
    ref = signed(form)
    assert publish_document(ref.document_id).channel == Channel.REGISTER
    catalogue = (_portal() / "on-request.html").read_text(encoding="utf-8")
    assert "关于某企业项目核准的批复" in catalogue
    assert "关于某企业项目核准的批复" not in (_portal() / "index.html").read_text(encoding="utf-8")


def test_redacted_publication_carries_no_personal_data(demo_db):
    body = demo_form().policy_text.replace(
        "各镇（街道）、县直各部门单位要对照", f"{PRIVATE}各镇（街道）、县直各部门单位要对照"
    )
    ref = signed(demo_form(policy_text=body, publication_scope="删减后公开"))
    published = publish_document(ref.document_id)
    text = _pdf_text(published.files["policy_pdf"])
    assert "13812345678" not in text and "王小明" not in text
    assert "王某" in text and "138****5678" in text
    assert "13812345678" not in _portal_text()


def test_publish_refuses_a_version_changed_after_approval_and_takes_no_number(demo_db):
    ref = signed()
    dispose_engines()
    with sqlite3.connect(demo_db) as connection:
        connection.execute(
            "UPDATE document_versions SET body = body || '（私加）' WHERE id = ?", (ref.version_id,)
        )
    with pytest.raises(IntegrityError, match="no longer matches its hash"):
        publish_document(ref.document_id)
    with session_scope() as session:
        document = session.get_one(PolicyDocument, ref.document_id)
        assert (document.status, document.doc_number) == (Status.SIGNED, None)
        assert session.exec(select(Publication)).all() == []


def test_publish_refuses_a_document_that_is_not_signed(demo_db):
    ref = submitted()
    with pytest.raises(TransitionNotAllowed, match="only possible when it is 已签发"):
        publish_document(ref.document_id)


def test_signing_starts_the_disclosure_clock_and_publishing_meets_it(demo_db):
    ref = signed()
    with session_scope() as session:
        clock = session.exec(select(Deadline).where(Deadline.kind == DeadlineKind.PROACTIVE_DISCLOSURE)).one()
        assert (clock.status, clock.working_days) == (DeadlineStatus.OPEN, 20) and clock.due is not None
    publish_document(ref.document_id)
    with session_scope() as session:
        assert session.get_one(Deadline, clock.id).status == DeadlineStatus.MET


def test_publishing_a_revision_marks_the_old_policy_revised(demo_db):
    old = publish_document(signed().document_id)
    new = signed(
        demo_form(
            revises=old.doc_number,
            title="青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点（修订）的通知",
        )
    )
    publish_document(new.document_id)
    with session_scope() as session:
        revised = session.exec(
            select(PolicyDocument).where(PolicyDocument.doc_number == old.doc_number)
        ).one()
    assert revised.status == Status.REVISED and revised.validity == Validity.REVISED
    assert "已修订" in _portal_text()


def _year(ref) -> int:
    with session_scope() as session:
        return session.get_one(PolicyDocument, ref.document_id).signed_on.year
