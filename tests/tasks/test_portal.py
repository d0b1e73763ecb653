"""The static 政府信息公开 portal: pages and links, escaping, and what must never be published."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.enums import Disclosure, DocumentKind, PublicationScope, Validity
from models.errors import InvalidInput
from tasks.portal import build_portal
from tasks.rendering.context import PortalFiles, PortalReport, PortalSite
from tests.factories import demo_interpretation_context, make_document_context, make_portal_entry

SITE = PortalSite(
    name="青禾县人民政府信息公开",
    organ="青禾县人民政府",
    application_guide="请向青禾县人民政府办公室提出申请。",
    built_on=date(2026, 2, 1),
)
HREF = re.compile(r'href="([^"#]+)"')


def downloads(directory: Path) -> PortalFiles:
    for name in ("policy.pdf", "policy.docx", "interpretation.pdf", "interpretation.docx"):
        (directory / name).write_bytes(b"rendered " + name.encode())
    return PortalFiles(
        policy_pdf=directory / "policy.pdf",
        policy_docx=directory / "policy.docx",
        interpretation_pdf=directory / "interpretation.pdf",
        interpretation_docx=directory / "interpretation.docx",
    )


@pytest.fixture
def site(tmp_path) -> Path:
    entries = [
        make_portal_entry("doc-1", interpretation=demo_interpretation_context(), files=downloads(tmp_path)),
        make_portal_entry(
            "doc-2",
            document=make_document_context(
                title="关于<script>alert(1)</script>的通知", doc_number="青发改发〔2025〕3号"
            ),
            department="青禾县发展和改革局",
            kind=DocumentKind.NORMATIVE,
            validity=Validity.REPEALED,
            published_on=date(2025, 3, 1),
            evaluation_report=PortalReport(
                title="2025年度政策评价报告", published_on=date(2025, 12, 1), summary="建议废止。"
            ),
        ),
        make_portal_entry(
            "doc-3",
            document=make_document_context(title="依申请公开的会议纪要", doc_number="青政办发〔2026〕7号"),
            disclosure=Disclosure.ON_REQUEST,
        ),
        make_portal_entry(
            "doc-4",
            document=make_document_context(title="不予公开的内部请示", doc_number="青政办发〔2026〕8号"),
            disclosure=Disclosure.WITHHELD,
            files=downloads(tmp_path),
        ),
    ]
    build = build_portal(entries, SITE, tmp_path / "site")
    assert (build.published, build.on_request, build.withheld) == (2, 1, 1)
    return build.path


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_portal_lists_policies_by_year_department_and_kind(site):
    index = read(site, "index.html")
    assert "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知" in index
    for listing in ("year/2026.html", "year/2025.html", "kind/policy.html", "kind/normative.html"):
        assert f'href="{listing}"' in index and (site / listing).is_file()
    assert "青禾县发展和改革局" in read(site, "kind/normative.html")
    assert "青政办发〔2026〕5号" not in read(site, "year/2025.html")


def test_policy_page_shows_its_attributes_downloads_and_empty_report_slots(site):
    page = read(site, "policy/doc-1.html")
    for text in (
        "青政办发〔2026〕5号",
        "2026年1月5日",
        "2026年1月6日",
        "主动公开（全文公开）",
        "现行有效",
        "（此件公开发布）",
    ):
        assert text in page
    assert 'href="../files/doc-1/policy.pdf"' in page and 'href="../files/doc-1/policy.docx"' in page
    assert 'href="../interpretation/doc-1.html"' in page
    assert page.count("<p>暂无</p>") == 2  # no feedback report, no evaluation report yet
    assert (site / "files/doc-1/policy.pdf").read_bytes() == b"rendered policy.pdf"


def test_interpretation_page_links_back_to_its_policy(site):
    page = read(site, "interpretation/doc-1.html")
    assert 'href="../policy/doc-1.html"' in page
    assert "问：群众怎样参与县里的重大决策？" in page
    assert 'href="../files/doc-1/interpretation.pdf"' in page


def test_a_repealed_policy_is_marked_and_shows_its_evaluation(site):
    page = read(site, "policy/doc-2.html")
    assert "本文件已废止" in page
    assert "2025年度政策评价报告" in page and "建议废止。" in page


def test_every_link_resolves_to_a_file(site):
    for page in site.rglob("*.html"):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), f"{page.relative_to(site)} → {href}"


def test_titles_are_escaped_everywhere(site):
    for page in site.rglob("*.html"):
        assert "<script>" not in page.read_text(encoding="utf-8")
    assert "关于&lt;script&gt;alert(1)&lt;/script&gt;的通知" in read(site, "index.html")


def test_on_request_entries_are_only_in_their_catalogue(site):
    assert "依申请公开的会议纪要" in read(site, "on-request.html")
    assert "请向青禾县人民政府办公室提出申请。" in read(site, "on-request.html")
    others = [p for p in site.rglob("*.html") if p.name != "on-request.html"]
    assert not [p for p in others if "依申请公开的会议纪要" in p.read_text(encoding="utf-8")]
    assert not (site / "policy/doc-3.html").exists() and not (site / "files/doc-3").exists()


def test_withheld_entries_are_never_written(site):
    for path in site.rglob("*"):
        assert "doc-4" not in str(path)
        if path.is_file() and path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert "不予公开的内部请示" not in text and "青政办发〔2026〕8号" not in text


TITLE = st.text(st.sampled_from("政务公开通知意见方案<>&\"'"), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Disclosure)), TITLE), min_size=1, max_size=6))
def test_no_withheld_title_or_number_reaches_the_site(specs):
    with tempfile.TemporaryDirectory() as tmp:
        entries = [
            make_portal_entry(
                f"doc-{n}",
                document=make_document_context(
                    title=f"标记{n}号{title}", doc_number=f"青政办发〔2026〕{n + 100}号"
                ),
                disclosure=disclosure,
                files=downloads(Path(tmp)),
            )
            for n, (disclosure, title) in enumerate(specs)
        ]
        build_portal(entries, SITE, Path(tmp) / "site")
        written = "\n".join(
            str(p.relative_to(tmp)) + (p.read_text(encoding="utf-8") if p.suffix == ".html" else "")
            for p in (Path(tmp) / "site").rglob("*")
            if p.is_file()
        )
        for n, (disclosure, _) in enumerate(specs):
            secret = disclosure == Disclosure.WITHHELD
            assert (f"标记{n}号" in written) is not secret
            assert (f"〔2026〕{n + 100}号" in written) is not secret
            assert (f"files/doc-{n}/" in written) is (disclosure == Disclosure.PROACTIVE)


def test_a_rebuild_replaces_the_site_and_a_failed_build_leaves_it_alone(tmp_path):
    target = tmp_path / "site"
    build_portal([make_portal_entry("doc-1")], SITE, target)
    build_portal([make_portal_entry("doc-2")], SITE, target)
    assert (target / "policy/doc-2.html").is_file() and not (target / "policy/doc-1.html").exists()
    broken = make_portal_entry("doc-3", files=PortalFiles(policy_pdf=tmp_path / "missing.pdf"))
    with pytest.raises(InvalidInput, match=r"missing\.pdf"):
        build_portal([broken], SITE, target)
    assert (target / "policy/doc-2.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no half-built or retired copies left


def test_redacted_publication_is_labelled(tmp_path):
    entry = make_portal_entry("doc-1", publication_scope=PublicationScope.REDACTED)
    build = build_portal([entry], SITE, tmp_path / "site")
    assert "主动公开（删减后公开）" in read(build.path, "policy/doc-1.html")


def test_two_entries_with_one_slug_are_refused(tmp_path):
    with pytest.raises(InvalidInput, match="share the slug"):
        build_portal([make_portal_entry("doc-1"), make_portal_entry("doc-1")], SITE, tmp_path / "site")
