"""CJK fonts for the PDFs: GB/T 9704 typefaces mapped to free fonts, coverage and per-character fallback.

| role | GB/T 9704 use | first choice | when missing |
|---|---|---|---|
| 小标宋 | 发文机关标志, 标题 | ``POLICYFLOW_TITLE_FONT``, else Noto Serif CJK SC Bold | AR PL UMing |
| 仿宋 | 正文, 发文字号, 版记 | ``POLICYFLOW_FANGSONG_FONT``, else Fandol FangSong | AR PL UMing (warning) |
| 黑体 | 一、 headings | WenQuanYi Micro Hei | Noto Sans CJK SC |
| 楷体 | （一） headings | AR PL UKai | AR PL UMing |
| 宋体 | 页码 | AR PL UMing | AR PL UKai |

A character the role's font lacks is drawn, character by character, in the next font of the chain:
the other Debian fonts, then Noto Serif CJK SC (which has CJK Extensions A and B). A character that
no font has raises ``UncoveredCharacters``: reportlab would silently leave it blank.

reportlab embeds only TrueType, so a CFF face (Noto CJK) is drawn from two cuts converted with
fontTools: its GB 2312 characters, converted once per machine and cached, and any rarer character
a document needs, cut per document.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from models.errors import FontUnavailable, UncoveredCharacters
from models.settings import get_settings
from tasks import fontfiles

log = logging.getLogger(__name__)

# Format characters (soft hyphens, zero-width spaces, BOMs) and controls are invisible by definition.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


class FontRole(StrEnum):
    """The typefaces GB/T 9704 names for the parts of a 公文."""

    TITLE = "小标宋"
    BODY = "仿宋"
    HEI = "黑体"
    KAI = "楷体"
    SONG = "宋体"


@dataclass(frozen=True)
class Face:
    """One font face: embedded whole when TrueType, else cut to the characters each document needs."""

    key: str  # reportlab font name (a prefix, for faces subset per document)
    label: str  # what a person calls it, for messages
    path: Path
    index: int
    cmap: frozenset[int] = field(repr=False)
    truetype: bool

    def covers(self, char: str) -> bool:
        """Whether this face has a glyph for the character."""
        return ord(char) in self.cmap


# (key, file name, family suffix picking the face in a collection, label)
DEBIAN_FACES = {
    "uming": ("PF-UMing", "uming.ttc", "CN", "AR PL UMing"),
    "ukai": ("PF-UKai", "ukai.ttc", "CN", "AR PL UKai"),
    "wqy": ("PF-WQYMicroHei", "wqy-microhei.ttc", "Micro Hei", "WenQuanYi Micro Hei"),
    "noto_serif_bold": ("PF-NotoSerifSCBold", "NotoSerifCJK-Bold.ttc", "SC", "Noto Serif CJK SC Bold"),
    "noto_serif": ("PF-NotoSerifSC", "NotoSerifCJK-Regular.ttc", "SC", "Noto Serif CJK SC"),
    "noto_sans": ("PF-NotoSansSC", "NotoSansCJK-Regular.ttc", "SC", "Noto Sans CJK SC"),
}
ROLE_ORDER = {
    FontRole.TITLE: ("title", "noto_serif_bold", "uming"),
    FontRole.BODY: ("fangsong", "uming"),
    FontRole.HEI: ("wqy", "noto_sans", "uming"),
    FontRole.KAI: ("ukai", "uming"),
    FontRole.SONG: ("uming", "ukai"),
}
FALLBACK_ORDER = ("uming", "ukai", "wqy", "noto_serif", "noto_sans")


class FontBook:
    """The faces found on this machine, in fallback order for each role."""

    def __init__(self, faces: Mapping[str, Face], font_dir: Path) -> None:
        self.font_dir = font_dir  # where the common cuts of CFF faces are cached
        self.chains: dict[FontRole, tuple[Face, ...]] = {}
        for role, preferred in ROLE_ORDER.items():
            keys = dict.fromkeys((*preferred, *FALLBACK_ORDER))
            self.chains[role] = tuple(faces[k] for k in keys if k in faces)
        if not any(self.chains.values()):
            raise FontUnavailable(
                "no Chinese font is installed, so no PDF can be rendered",
                "Run scripts/install-system-deps (fonts-arphic-uming, fonts-arphic-ukai, "
                "fonts-wqy-microhei, fonts-noto-cjk).",
            )

    def primary(self, role: FontRole) -> Face:
        """The face a role is set in when it covers the text."""
        return self.chains[role][0]

    def face_for(self, char: str, role: FontRole) -> Face | None:
        """The first face in the role's chain that has the character."""
        return next((face for face in self.chains[role] if face.covers(char)), None)

    def uncovered(self, text: str) -> list[str]:
        """The visible characters of ``text`` that no face covers, each once, in order of appearance."""
        faces = {face for chain in self.chains.values() for face in chain}
        missing = (c for c in visible(text) if not any(face.covers(c) for face in faces))
        return list(dict.fromkeys(missing))

    def plan(self, texts: Mapping[FontRole, str], where: str = "the document") -> FontPlan:
        """Fonts for every character of a document; the cuts of CFF faces it needs are registered here."""
        missing = self.uncovered("".join(texts.values()))
        if missing:
            raise UncoveredCharacters(missing, where)
        wanted: dict[Face, set[str]] = {}
        for role, text in texts.items():
            for char in visible(text):
                face = self.face_for(char, role)
                if face is not None:
                    wanted.setdefault(face, set()).add(char)
        common, subsets = {}, {}
        for face, chars in wanted.items():
            if face.truetype:
                # Registered on first use: reportlab reads every glyph's metrics (≈0.1 s for a CJK face).
                if face.key not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(face.key, str(face.path), subfontIndex=face.index))
                continue
            rare = {char for char in chars if not is_common(char)}
            if len(rare) < len(chars):
                common[face] = self.common_cut(face)
            if rare:
                subsets[face] = _register_subset(face, rare)
        return FontPlan(self, subsets, common)

    def common_cut(self, face: Face) -> str:
        """The registered name of a CFF face's GB 2312 characters as TrueType (converted once per machine)."""
        name = f"{face.key}-{fontfiles.COMMON_SUFFIX}"
        if name not in pdfmetrics.getRegisteredFontNames():
            path = fontfiles.truetype_common(face.path, face.index, self.font_dir)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        return name

    def prepare(self) -> None:
        """Convert, ahead of the first render, the common cut of every CFF face a role is set in."""
        for role in FontRole:
            if self.chains[role] and not self.primary(role).truetype:
                self.common_cut(self.primary(role))


@dataclass(frozen=True)
class FontPlan:
    """The reportlab font name for each character of one document, by role."""

    book: FontBook
    subset_names: Mapping[Face, str]  # the per-document cut of a CFF face's rarer characters
    common_names: Mapping[Face, str]  # its cached GB 2312 cut

    def font_name(self, char: str, role: FontRole) -> str:
        """The registered font that draws ``char`` in ``role``."""
        face = self.book.face_for(char, role)
        if face is None:
            raise UncoveredCharacters([char])
        if face.truetype:
            return face.key
        name = (self.common_names if is_common(char) else self.subset_names).get(face)
        if name is None:  # a character the plan was not made for: a bug in the caller, not bad input
            raise KeyError(f"{char!r} was not in the text this font plan was made for")
        return name

    def runs(self, text: str, role: FontRole) -> list[tuple[str, str]]:
        """``text`` cut into (font name, characters) runs, switching font only where coverage demands."""
        runs: list[tuple[str, str]] = []
        for char in visible(text):
            name = self.font_name(char, role)
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + char)
            else:
                runs.append((name, char))
        return runs


def is_common(char: str) -> bool:
    """Whether a character is in GB 2312 (or ASCII), whose glyphs CFF faces have converted once."""
    return ord(char) in fontfiles.common_codepoints()


def visible(text: str) -> str:
    """``text`` without control and format characters, which draw nothing in any font."""
    return "".join(c for c in text if unicodedata.category(c) not in INVISIBLE_CATEGORIES)


def font_book() -> FontBook:
    """The fonts of this machine and configuration, found (and FangSong converted) once per process."""
    settings = get_settings()
    return _font_book(
        settings.resolved_font_dir, settings.fangsong_font, settings.title_font, settings.font_fetch
    )


def prepare_fonts() -> FontBook:
    """The font book with every conversion done: FangSong, and the common cut of the title face."""
    book = font_book()
    book.prepare()
    return book


def uncovered_characters(text: str) -> list[str]:
    """The characters of ``text`` that would render blank: no installed font covers them."""
    return font_book().uncovered(text)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with code points beyond U+FFFF written as UTF-16 surrogate pairs.

    reportlab writes them as five hex digits, which PDF readers cannot decode: 𠀋 was drawn but copied
    and searched as a blank. The PDF specification wants UTF-16BE.
    """
    cmap = _REPORTLAB_TO_UNICODE(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>")
    return cmap


_REPORTLAB_TO_UNICODE = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@lru_cache(maxsize=4)
def _font_book(font_dir: Path, fangsong: Path | None, title: Path | None, fetch: bool) -> FontBook:
    faces = {name: face for name, face in _debian_faces(font_dir)}
    fangsong_file = fontfiles.truetype_fangsong(font_dir, fangsong, fetch=fetch)
    if fangsong_file is not None:
        faces["fangsong"] = _face("PF-FangSong", fangsong_file, 0, "FangSong", font_dir)
    else:
        log.warning(
            "no FangSong font: body text is set in %s instead; set POLICYFLOW_FANGSONG_FONT or allow "
            "POLICYFLOW_FONT_FETCH to get Fandol FangSong",
            next((f.label for k, f in faces.items() if k in ("uming", "ukai")), "a fallback font"),
        )
    if title is not None:
        faces["title"] = _face("PF-Title", title, 0, title.stem, font_dir)
    return FontBook(faces, font_dir)


def _debian_faces(font_dir: Path) -> Iterable[tuple[str, Face]]:
    for name, (key, file_name, suffix, label) in DEBIAN_FACES.items():
        path = fontfiles.find_system_font(file_name)
        if path is not None:
            yield name, _face(key, path, fontfiles.face_index(path, suffix), label, font_dir)


def _face(key: str, path: Path, index: int, label: str, font_dir: Path) -> Face:
    try:
        cmap = fontfiles.cached_codepoints(path, index, font_dir)
        return Face(key, label, path, index, cmap, fontfiles.is_truetype(path, index))
    except Exception as exc:  # fontTools raises many kinds of errors for a damaged or foreign file
        raise FontUnavailable(f"cannot read font {path}: {exc}", "Check the font file settings.") from None


def _register_subset(face: Face, chars: set[str]) -> str:
    """Cut ``chars`` from a CFF face, convert them to TrueType and register the result; its name."""
    text = "".join(sorted(chars))
    name = f"{face.key}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    if name not in pdfmetrics.getRegisteredFontNames():
        data = fontfiles.subset_as_truetype(face.path, face.index, text, name)
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    return name
