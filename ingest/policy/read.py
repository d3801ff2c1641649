"""Stage 1: read a file into its raw decoded text. Spans everywhere address this text."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel

from app.model.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a policy text is < 1 MB; 20 MB is certainly not one document
TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
# The longest line of a real policy text or work report is a few thousand characters (one paragraph); a
# file of megabytes without a line break is a dump or a concatenation gone wrong, not one document.
MAX_LINE = 200_000


class RawDocument(BaseModel):
    path: str
    doc_id: str
    raw_text: str
    sha256: str  # of the file's bytes
    fmt: str


def read_document(path: Path) -> RawDocument:
    if not path.exists():
        raise InputError(path, None, "file not found")
    if path.is_dir():
        raise InputError(path, None, "is a directory, not a file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, None, "empty file")
    if size > MAX_BYTES:
        raise InputError(path, None, f"file too large ({size / 1e6:.1f} MB > {MAX_BYTES // 2**20} MiB)")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        text, fmt = _html_text(path, _decode(path, data)), "html"
    elif suffix == ".docx":
        text, fmt = _docx_text(path), "docx"
    elif suffix == ".pdf":
        text, fmt = _pdf_text(path), "pdf"
    else:
        text, fmt = _decode(path, data), "text"
    if not text.strip():
        raise InputError(path, None, "no text content")
    if "\x00" in text:  # past the binary sniff: FalkorDB would cut the query text at the NUL
        raise InputError(path, text.index("\x00"), "NUL character in the text (a binary or corrupt file)")
    _check_lines(path, text)
    return RawDocument(
        path=str(path), doc_id=path.stem, raw_text=text, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt
    )


def _check_lines(path: Path, text: str) -> None:
    """Refuse a text with a line longer than MAX_LINE characters (a 10 MB one-line file)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE:
            raise InputError(
                path, start, f"a line of {end - start:,} characters without a break (> {MAX_LINE:,}): not a policy text"
            )
        start = end + 1


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, data.index(b"\x00"), "binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_err = exc
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _mostly_text(str(best)):
        return str(best)
    raise InputError(path, utf8_err.start, "undecodable bytes: not UTF-8, GB18030 or Big5 text")


def _mostly_text(text: str) -> bool:
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text[:20000]) // 200)


class _TextOnly(HTMLParser):
    _SKIP: ClassVar[set[str]] = {"script", "style", "head", "title", "noscript"}
    _BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "table",
        "article",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.saw_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        if tag == "body":
            self.saw_body = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _html_text(path: Path, markup: str) -> str:
    # The "raw text" of an HTML file is its visible text: spans address that extracted text.
    parser = _TextOnly()
    parser.feed(markup)
    text = re.sub(r"\n[ \t]*\n+", "\n\n", html.unescape("".join(parser.parts))).strip()
    if not text:
        raise InputError(path, None, "HTML has no body text")
    return text


def _docx_text(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for broken packages
        raise InputError(path, None, f"not a readable .docx ({type(exc).__name__})") from exc
    return "\n".join(p.text for p in document.paragraphs)


def _pdf_text(path: Path) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many types on malformed files
        raise InputError(path, None, f"not a readable PDF ({type(exc).__name__})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(path, None, "PDF has no text layer (scanned image?); OCR it first")
    return text
