"""The static 政府信息公开 portal: listings by year, department and kind, a page per policy and its 解读.

Disclosure is enforced here as well as upstream (defence in depth): an entry marked 不予公开 is
never written anywhere, and a 依申请公开 entry appears only in the 依申请公开目录, without its text
or files. The site is built in a temporary directory beside the target and swapped in, so a
half-built portal is never served.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from models.enums import Disclosure
from models.errors import InvalidInput
from models.settings import get_settings
from tasks.portal_pages import (
    KIND_SLUGS,
    EntryView,
    IndexPage,
    InterpretationPage,
    Link,
    ListingPage,
    Navigation,
    OnRequestPage,
    PolicyPage,
    catalogue_row,
    department_slug,
    entry_view,
)
from tasks.rendering.context import PortalEntry, PortalSite

log = logging.getLogger(__name__)
LATEST = 20


@dataclass(frozen=True)
class PortalBuild:
    """What a build wrote: pages, policies listed, 依申请公开 rows, and how many entries were withheld."""

    path: Path
    pages: int
    published: int
    on_request: int
    withheld: int


def build_portal(entries: list[PortalEntry], site: PortalSite, target: Path) -> PortalBuild:
    """Write the whole site into ``target``, replacing what was there only once the new site is complete."""
    _refuse_duplicate_slugs(entries)
    published = sorted(
        (e for e in entries if e.disclosure == Disclosure.PROACTIVE),
        key=lambda e: e.published_on,
        reverse=True,
    )
    on_request = [e for e in entries if e.disclosure == Disclosure.ON_REQUEST]
    withheld = len(entries) - len(published) - len(on_request)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        pages = _write_site(staging, published, on_request, site)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info(
        "portal built: %d policies, %d on request, %d withheld", len(published), len(on_request), withheld
    )
    return PortalBuild(target, pages, len(published), len(on_request), withheld)


def portal_environment() -> Environment:
    """The Jinja environment of the portal templates: autoescaped, and strict about undefined names."""
    return Environment(
        loader=FileSystemLoader(get_settings().templates_dir / "portal"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _write_site(
    root: Path, published: list[PortalEntry], on_request: list[PortalEntry], site: PortalSite
) -> int:
    env = portal_environment()
    views = {entry.slug: entry_view(root, entry) for entry in published}
    nav = _navigation(published)
    pages = _site_pages(published, on_request, views, site, nav)
    for entry in published:
        pages.extend(_entry_pages(entry, views[entry.slug], site, nav))
    for path, template, context in pages:
        _write(root / path, env.get_template(template).render(context.model_dump()))
    shutil.copyfile(get_settings().templates_dir / "portal" / "style.css", root / "style.css")
    return len(pages)


Pages = list[tuple[str, str, BaseModel]]  # (path in the site, template, its context)


def _site_pages(
    published: list[PortalEntry],
    on_request: list[PortalEntry],
    views: dict[str, EntryView],
    site: PortalSite,
    nav: Navigation,
) -> Pages:
    """The home page, the 依申请公开目录 and every listing."""
    index = IndexPage(
        site=site,
        nav=nav,
        page_title=site.name,
        root="",
        latest=[views[e.slug] for e in published[:LATEST]],
        total=len(published),
        on_request_count=len(on_request),
    )
    rows = [catalogue_row(e) for e in on_request]
    catalogue = OnRequestPage(site=site, nav=nav, page_title="依申请公开目录", root="", rows=rows)
    pages: Pages = [("index.html", "index.html", index), ("on-request.html", "on_request.html", catalogue)]
    for link, group in _groups(published, nav):
        entries = [views[e.slug] for e in group]
        listing = ListingPage(
            site=site, nav=nav, page_title=link.label, root="../", heading=link.label, entries=entries
        )
        pages.append((link.href, "listing.html", listing))
    return pages


def _entry_pages(entry: PortalEntry, view: EntryView, site: PortalSite, nav: Navigation) -> Pages:
    """A policy's page and, when it has one, its interpretation's page."""
    document = entry.document
    enclosure = document.enclosure
    policy = PolicyPage(
        site=site,
        nav=nav,
        page_title=document.title,
        root="../",
        entry=view,
        body=document.body,
        enclosure_title=enclosure.title if enclosure else "",
        enclosure=enclosure.blocks if enclosure else [],
        main_recipients=document.main_recipients,
        signer=document.signer,
        annotation=document.annotation,
    )
    pages: Pages = [(view.href, "policy.html", policy)]
    if entry.interpretation is not None and view.interpretation_href:
        interpretation = entry.interpretation
        page = InterpretationPage(
            site=site,
            nav=nav,
            page_title=interpretation.title,
            root="../",
            entry=view,
            title=interpretation.title,
            organ=interpretation.organ,
            sections=interpretation.sections,
        )
        pages.append((view.interpretation_href, "interpretation.html", page))
    return pages


def _navigation(published: list[PortalEntry]) -> Navigation:
    years = Counter(e.published_on.year for e in published)
    departments = Counter(e.department for e in published)
    kinds = Counter(e.kind for e in published)
    return Navigation(
        years=[
            Link(label=f"{y}年", href=f"year/{y}.html", count=n)
            for y, n in sorted(years.items(), reverse=True)
        ],
        departments=[
            Link(label=d, href=f"department/{department_slug(d)}.html", count=n)
            for d, n in sorted(departments.items())
        ],
        kinds=[
            Link(label=str(k), href=f"kind/{KIND_SLUGS[k]}.html", count=kinds[k])
            for k in KIND_SLUGS
            if kinds[k]
        ],
    )


def _groups(published: list[PortalEntry], nav: Navigation) -> list[tuple[Link, list[PortalEntry]]]:
    """Each listing page's link with its entries (newest first, as ``published`` is sorted)."""
    groups: defaultdict[str, list[PortalEntry]] = defaultdict(list)
    for entry in published:
        groups[f"year/{entry.published_on.year}.html"].append(entry)
        groups[f"department/{department_slug(entry.department)}.html"].append(entry)
        groups[f"kind/{KIND_SLUGS[entry.kind]}.html"].append(entry)
    return [(link, groups[link.href]) for link in (*nav.years, *nav.departments, *nav.kinds)]


def _refuse_duplicate_slugs(entries: list[PortalEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.slug in seen:
            raise InvalidInput(
                f"two portal entries share the slug {entry.slug!r}", "Give each policy its own slug."
            )
        seen.add(entry.slug)


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with the finished ``staging`` directory by two renames (no half-built state)."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if not target.exists():
        os.replace(staging, target)
        return
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
