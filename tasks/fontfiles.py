"""Font files: finding installed ones, fetching Fandol FangSong, converting CFF outlines to TrueType.

reportlab embeds only TrueType (glyf) outlines. The free FangSong (Fandol, in Debian's
``texlive-lang-chinese``) and Noto CJK are CFF-based OpenType, so they are converted with fontTools:
Fandol once (about 15 s, cached in the font directory); the GB 2312 characters of a CFF face that sets
a role (Noto Serif CJK Bold for titles) once (about 12 s, cached); any other character per render,
cut from the face with only the characters a document needs (about 0.7 s for a Noto CJK face).
Reading a face's character map costs fontTools ~0.2 s, so the maps are cached in the font directory too.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import IO

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

log = logging.getLogger(__name__)

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
)
FANDOL_PACKAGE = "texlive-lang-chinese"
FANDOL_FANGSONG = "FandolFang-Regular.otf"
FANDOL_INSTALLED = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
# Tolerance of the cubic→quadratic approximation, in font units (1000 per em): invisible at print sizes.
CURVE_TOLERANCE = 1.0
COMMON_SUFFIX = "GB2312"  # names the cached TrueType cut of a CFF face's common characters (see below)


def find_system_font(file_name: str) -> Path | None:
    """The first installed font file with this name, searching the usual font directories."""
    for directory in SYSTEM_FONT_DIRS:
        if directory.is_dir():
            for found in sorted(directory.rglob(file_name)):
                return found
    return None


def face_index(path: Path, family_suffix: str) -> int:
    """The index of the face in a collection whose family name ends with ``family_suffix`` (else 0)."""
    if path.suffix.lower() != ".ttc":
        return 0
    with TTCollection(str(path), lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if str(font["name"].getDebugName(1) or "").endswith(family_suffix):
                return index
    return 0


def is_truetype(path: Path, index: int = 0) -> bool:
    """Whether a font file has TrueType (glyf) outlines, which reportlab can embed."""
    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        return "glyf" in font


def codepoints(path: Path, index: int = 0) -> frozenset[int]:
    """Every code point a font face maps to a glyph."""
    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def cached_codepoints(path: Path, index: int, cache_dir: Path) -> frozenset[int]:
    """``codepoints``, kept in ``cache_dir`` and read again while the font file is unchanged."""
    stat, resolved = path.stat(), str(path.resolve())
    key = {"path": resolved, "index": index, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    digest = hashlib.sha1(resolved.encode()).hexdigest()[:12]
    cached = cache_dir / "cmaps" / f"{path.stem}-{digest}-{index}.json"
    try:
        stored = json.loads(cached.read_text())
        if {name: stored.get(name) for name in key} == key:
            return frozenset(code for start, end in stored["ranges"] for code in range(start, end + 1))
    except (OSError, ValueError, TypeError, KeyError):
        pass  # missing, stale or damaged: read the font again
    found = codepoints(path, index)
    try:
        _write_atomically(cached, json.dumps(key | {"ranges": _ranges(found)}).encode())
    except OSError as exc:  # a read-only cache costs time on every render, never correctness
        log.warning("cannot cache the character map of %s in %s: %s", path.name, cache_dir, exc)
    return found


def _ranges(codes: frozenset[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (start, end) runs: a CJK map is a few thousand runs, not 60,000 numbers."""
    runs: list[tuple[int, int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


# Beside GB 2312: ASCII, and the punctuation and fullwidth blocks, whose 〇 (as in 二〇二六年) it lacks.
COMMON_BLOCKS = ((0x20, 0x7E), (0x2010, 0x205E), (0x3000, 0x303F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6))


@lru_cache(maxsize=1)
def common_codepoints() -> frozenset[int]:
    """GB 2312's 6,763 hanzi and 682 symbols, ASCII and CJK punctuation: nearly every character of a title."""
    two_byte = (bytes([high, low]) for high in range(0xA1, 0xF8) for low in range(0xA1, 0xFF))
    characters = {code for start, end in COMMON_BLOCKS for code in range(start, end + 1)}
    for code in two_byte:
        try:
            characters.add(ord(code.decode("gb2312")))
        except UnicodeDecodeError:
            continue  # an unassigned position
    return frozenset(characters)


def truetype_common(path: Path, index: int, cache_dir: Path) -> Path:
    """The GB 2312 characters of a (CFF) face as a TrueType font, converted once and cached."""
    target = cache_dir / f"{path.stem}-{index}.{COMMON_SUFFIX.lower()}.glyf.ttf"
    if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
        return target
    log.warning("converting the GB 2312 characters of %s to TrueType (once, about 12 s)", path.name)
    with TTFont(str(path), fontNumber=index) as font:
        name = str(font["name"].getDebugName(6) or path.stem)
        text = "".join(map(chr, sorted(common_codepoints())))
        _write_atomically(target, _subset(font, text, f"{name}-{COMMON_SUFFIX}"))
    return target


def truetype_fangsong(cache_dir: Path, configured: Path | None, *, fetch: bool) -> Path | None:
    """A TrueType FangSong: the configured file, or Fandol (fetched and converted once); None if neither."""
    if configured is not None:
        return _as_truetype(configured, cache_dir)
    converted = cache_dir / "FandolFang-Regular.glyf.ttf"
    if converted.is_file():
        return converted
    source = _fandol_source(cache_dir, fetch=fetch)
    return _as_truetype(source, cache_dir) if source else None


def _as_truetype(path: Path, cache_dir: Path) -> Path:
    """The file itself when it is TrueType, else its conversion cached as ``<stem>.glyf.ttf``."""
    if is_truetype(path):
        return path
    target = cache_dir / f"{path.stem}.glyf.ttf"
    if not target.is_file() or target.stat().st_mtime < path.stat().st_mtime:
        log.warning("converting %s to TrueType for PDF embedding (once, about 15 s)", path.name)
        with TTFont(str(path)) as font:
            cff_to_glyf(font)
            _save_atomically(font, target)
    return target


def _fandol_source(cache_dir: Path, *, fetch: bool) -> Path | None:
    """FandolFang-Regular.otf from an installed TeX Live, the cache, or Debian's package."""
    for candidate in (FANDOL_INSTALLED / FANDOL_FANGSONG, cache_dir / FANDOL_FANGSONG):
        if candidate.is_file():
            return candidate
    if not fetch or shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        return None
    try:
        return _fetch_fandol(cache_dir)
    except (OSError, subprocess.SubprocessError, tarfile.TarError) as exc:
        log.warning("could not fetch Fandol FangSong from %s: %s", FANDOL_PACKAGE, exc)
        return None


def _fetch_fandol(cache_dir: Path) -> Path | None:
    """Download Debian's TeX Live Chinese package (not installing it) and keep only the FangSong font."""
    log.warning("fetching FangSong (Fandol) with `apt-get download %s`", FANDOL_PACKAGE)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fandol-") as tmp:
        subprocess.run(
            ["apt-get", "download", FANDOL_PACKAGE], cwd=tmp, check=True, capture_output=True, timeout=600
        )
        deb = next(Path(tmp).glob("*.deb"))
        # Stream the package's file tree and keep one member: unpacking all of TeX would be ~100 MB.
        # Closing the pipe early ends dpkg-deb with SIGPIPE, hence its silenced stderr.
        command = ["dpkg-deb", "--fsys-tarfile", str(deb)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as tree:
            assert tree.stdout is not None
            return _extract_member(tree.stdout, FANDOL_FANGSONG, cache_dir)


def _extract_member(stream: IO[bytes], file_name: str, cache_dir: Path) -> Path | None:
    """Copy the tar member named ``file_name`` from a tar stream into ``cache_dir``."""
    with tarfile.open(fileobj=stream, mode="r|*") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith("/" + file_name):
                data = archive.extractfile(member)
                if data is not None:
                    target = cache_dir / file_name
                    _write_atomically(target, data.read())
                    return target
    return None


@lru_cache(maxsize=64)
def subset_as_truetype(path: Path, index: int, text: str, postscript_name: str) -> bytes:
    """A TrueType font holding only the glyphs for ``text``, cut from a (CFF) font face.

    The subset gets its own PostScript name: reportlab treats fonts with the same name as one font.
    """
    with TTFont(str(path), fontNumber=index) as font:
        return _subset(font, text, postscript_name)


def _subset(font: TTFont, text: str, postscript_name: str) -> bytes:
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    names = font["name"]
    for record in [r for r in names.names if r.nameID == 6]:
        names.setName(postscript_name, 6, record.platformID, record.platEncID, record.langID)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def cff_to_glyf(font: TTFont) -> None:
    """Replace a font's CFF outlines with TrueType quadratic outlines, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse while converting.
        glyph_set[name].draw(Cu2QuPen(pen, CURVE_TOLERANCE, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    _update_metrics(font, glyphs)


def _update_metrics(font: TTFont, glyphs: dict) -> None:
    """Left side bearings, maxp and post as TrueType outlines need them."""
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = font.getGlyphOrder()
    font.sfntVersion = "\x00\x01\x00\x00"


def _save_atomically(font: TTFont, target: Path) -> None:
    buffer = io.BytesIO()
    font.save(buffer)
    _write_atomically(target, buffer.getvalue())


def _write_atomically(target: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a concurrent reader never sees half a font."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
