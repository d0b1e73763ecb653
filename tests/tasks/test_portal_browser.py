"""The portal in headless Chromium, as a citizen would use it: follow links, download, read Chinese."""

from __future__ import annotations

import urllib.request
from datetime import date

import pytest

from tasks.portal import build_portal
from tasks.rendering.context import PortalSite
from tests.browser import serve_directory
from tests.factories import (
    demo_document_context,
    demo_interpretation_context,
    make_document_context,
    make_portal_entry,
)
from tests.tasks.test_portal import downloads

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path):
    entries = [
        make_portal_entry(
            "doc-1",
            document=demo_document_context(),
            interpretation=demo_interpretation_context(),
            files=downloads(tmp_path),
        ),
        make_portal_entry(
            "doc-2", document=make_document_context(title="关于<script>alert('x')</script>的通知")
        ),
    ]
    site = PortalSite(name="青禾县人民政府信息公开", organ="青禾县人民政府", built_on=date(2026, 2, 1))
    build = build_portal(entries, site, tmp_path / "site")
    with serve_directory(build.path) as url:
        yield url


def test_a_reader_goes_from_the_index_to_the_policy_its_interpretation_and_back(browser, served, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(served + "index.html")
    assert page.title() == "青禾县人民政府信息公开 - 青禾县人民政府信息公开"
    page.get_by_role("link", name="青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知").click()
    assert page.url.endswith("/policy/doc-1.html")
    assert page.get_by_role("heading", level=1).inner_text().startswith("青禾县人民政府办公室关于印发")
    page.get_by_role("link", name="查看本文件的政策解读").click()
    assert page.url.endswith("/interpretation/doc-1.html")
    assert page.get_by_text("问：群众怎样参与县里的重大决策？").is_visible()
    page.get_by_role("link", name="返回政策原文").click()
    assert page.url.endswith("/policy/doc-1.html")
    page.screenshot(path=str(tmp_path / "policy.png"), full_page=True)
    page.close()
    # A blank page of tofu boxes compresses to almost nothing; rendered Chinese text does not.
    assert (tmp_path / "policy.png").stat().st_size > 60_000


def test_downloads_answer_200(browser, served):
    page = browser.new_page()
    page.goto(served + "policy/doc-1.html")
    hrefs = page.locator("ul.downloads a").evaluate_all("links => links.map(a => a.href)")
    page.close()
    assert len(hrefs) == 2
    for href in hrefs:
        with urllib.request.urlopen(href, timeout=5) as response:
            assert response.status == 200


def test_a_title_with_markup_is_shown_as_text_not_run(browser, served):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served + "index.html")
    assert page.get_by_role("link", name="关于<script>alert('x')</script>的通知").is_visible()
    assert page.locator("main script").count() == 0
    page.close()
    assert dialogs == []
