"""Property: whatever is published, a 不予公开 document never reaches the portal, in any form."""

from __future__ import annotations

import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models.base import sha256_hex
from models.db import session_scope
from models.publication import Channel, Publication
from models.settings import get_settings
from tasks.publication import publish_document
from tests.factories import demo_form, signed

BASES = {
    "依申请公开": "第十五条 商业秘密、个人隐私等，公开会损害第三方合法权益",
    "不予公开": "第十六条第二款 过程性信息（讨论记录、过程稿、磋商信函、请示报告）",
}
WORDS = st.text(alphabet="关于促进青禾发展工作方案<>&\"'", min_size=2, max_size=12)
PACKAGES = st.lists(
    st.tuples(
        st.sampled_from(["主动公开", "依申请公开", "不予公开"]),
        st.sampled_from(["全文公开", "删减后公开"]),
        WORDS,
    ),
    min_size=1,
    max_size=3,
)


def _form(disclosure: str, scope: str, words: str, marker: str):
    title = f"青禾县人民政府办公室{words}的通知{marker}"
    body = demo_form().policy_text + f"\n本件标识{marker}。"
    extra = (
        {"disclosure_basis": BASES[disclosure], "disclosure_reason": "测试理由"}
        if disclosure in BASES
        else {}
    )
    return demo_form(title=title, policy_text=body, disclosure=disclosure, publication_scope=scope, **extra)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(packages=PACKAGES)
def test_withheld_documents_never_reach_the_portal(demo_db, packages):
    withheld: list[tuple[str, str]] = []
    for disclosure, scope, words in packages:
        marker = uuid.uuid4().hex[:10]  # unique per document: the database keeps every earlier example
        ref = signed(_form(disclosure, scope, words, marker))
        publish_document(ref.document_id)
        if disclosure == "不予公开":
            withheld.append((f"doc-{ref.document_id}", marker))
    portal = get_settings().resolved_output_dir / "portal"
    files = [p for p in portal.rglob("*") if p.is_file()]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix == ".html")
    with session_scope() as session:
        internal = session.exec(select(Publication).where(Publication.channel == Channel.INTERNAL)).all()
    withheld_hashes = {f["sha256"] for record in internal for f in record.files}
    for slug, marker in withheld:
        assert marker not in text
        assert not any(slug in str(path.relative_to(portal)) for path in files)
    assert not withheld_hashes & {sha256_hex(Path(p).read_bytes()) for p in files}
