"""Walk files, folders and JSONL files and yield articles, or errors that say what was wrong."""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadJSONL, EmptyInput, InputError, MissingPath, NoText, UnsupportedFormat
from ..records import Article, IngestError
from .articles import GIVEN_KEYS, article_from_html, article_from_text
from .decoding import MAX_BYTES, decode_text, read_bytes
from .folders import walk_files
from .frontmatter import starts_with_front_matter
from .md_render import looks_like_markdown
from .html import decode_html
from .input_digest import input_digest
from .markdown import NotAnArticle, article_from_markdown

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PDF_SUFFIXES = frozenset({".pdf"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES
# Met in article folders but never articles (gold files, notes, data, media, archives): skipped when a
# folder is walked and counted by type for the summary. Any other unknown file in a folder is an error.
NON_ARTICLE_SUFFIXES = frozenset(
    """.json .rst .csv .tsv .yml .yaml .toml .ini .cfg .xml .log .lock .py .sh .gz .zip .tar .tgz .bz2
    .xz .7z .png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .wav .avi .mov .doc
    .docx .xls .xlsx .ppt .pptx .css .js .db .duckdb .parquet .pkl .enc""".split()
)

# A repository's own documentation kept beside the articles (README.md, SOURCES.md, CHANGELOG, a Hugo
# section's _index.md): skipped in folders like the types above; a file named on the command line is read.
_REPOSITORY_DOC = re.compile(
    r"^(?:(?:readme|changelog|changes|license|licence|copying)(?:[._ -].*)?|sources|notes|history|todo|"
    r"authors|contributors|contributing|code[_ -]of[_ -]conduct|security|support|maintainers|citation|"
    r"acknowledge?ments|summary|_index)$", re.I)
NOTES = "notes"  # the summary's word for text files skipped as documentation ('.md notes 2')

ArticleOrError = Article | IngestError


@dataclass(frozen=True, slots=True)
class Unchanged:
    """An input whose digest is the one its doc_id's stored article was read from (input_digest): the same Article
    would come out, so it is not read again."""

    doc_id: str
    source: str


# doc_id -> the digest of the input the stored article was read from
Known = Mapping[str, str]
Read = tuple[ArticleOrError | Unchanged, str | None]


def iter_articles(paths: Sequence[str | Path], skipped: Counter[str] | None = None) -> Iterator[ArticleOrError]:
    """Yield one Article per readable input and one IngestError per bad one; never raise on input. Files of
    a type newsgraph does not read, met while walking a folder, are counted by suffix into skipped."""
    for item, _ in iter_read(paths, skipped):
        yield item  # type: ignore[misc]  # no Unchanged without known


def iter_read(paths: Sequence[str | Path], skipped: Counter[str] | None = None, known: Known | None = None
              ) -> Iterator[Read]:
    """iter_articles for a build: with known given, each article comes with its input's digest (None for errors),
    and an input whose digest is known's for its doc_id comes as Unchanged, neither decoded further nor cleaned."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield _error(MissingPath(f"path does not exist: {raw}", source=str(raw))), None
        elif path.is_dir():
            yield from _iter_folder(path, skipped if skipped is not None else Counter(), known)
        else:
            yield from _iter_file(path, explicit=True, known=known)


def _iter_folder(folder: Path, skipped: Counter[str], known: Known | None) -> Iterator[Read]:
    """All article files below a folder, recursively, in sorted path order (folders.walk_files)."""
    for path in walk_files(folder):
        suffix = path.suffix.lower()
        if not path.exists():  # a link to nothing
            target = os.readlink(path) if path.is_symlink() else "?"
            yield _error(MissingPath(f"broken link: points to {target}, which does not exist", source=str(path))), None
        elif suffix in NON_ARTICLE_SUFFIXES and suffix not in ARTICLE_SUFFIXES:
            skipped[suffix] += 1
        elif suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES and _REPOSITORY_DOC.match(path.stem):
            skipped[f"{suffix} {NOTES}"] += 1
        else:
            yield from _iter_file(path, explicit=False, skipped=skipped, known=known)


def _iter_file(path: Path, *, explicit: bool, skipped: Counter[str] | None = None, known: Known | None = None
               ) -> Iterator[Read]:
    """One file's article(s); in a folder walk (not explicit) markdown without an article's shape (tables,
    lists, headings) is counted into skipped as notes instead. known: see iter_read."""
    suffix = path.suffix.lower()
    source = str(path)
    if suffix not in ARTICLE_SUFFIXES:
        if explicit or suffix not in NON_ARTICLE_SUFFIXES:
            yield _error(UnsupportedFormat(
                f"unsupported file type '{suffix or '(no extension)'}'; "
                f"expected one of {', '.join(sorted(ARTICLE_SUFFIXES))}",
                source=source,
            )), None
        return
    doc_id = path.stem
    digest = None
    try:
        if suffix in PDF_SUFFIXES:  # binary: size-checked and parsed by the PDF reader itself
            digest = _pdf_digest(path, doc_id) if known is not None else None
            if digest is not None and known.get(doc_id) == digest:  # type: ignore[union-attr]
                yield Unchanged(doc_id, source), digest
                return
            yield article_from_pdf(path, doc_id=doc_id, source=source), digest
            return
        data = read_bytes(path, source=source)
        if suffix in JSONL_SUFFIXES:
            text = decode_text(data, source=source)
        else:
            if known is not None:  # kind: the suffix's reader, and whether a folder walk wants an article's shape
                kind = "html" if suffix in HTML_SUFFIXES else \
                    f"{'markdown' if suffix in MARKDOWN_SUFFIXES else 'text'} explicit={explicit}"
                digest = input_digest(kind, doc_id, data, html=suffix in HTML_SUFFIXES)
                if known.get(doc_id) == digest:
                    yield Unchanged(doc_id, source), digest
                    return
            if suffix in MARKDOWN_SUFFIXES:
                yield article_from_markdown(decode_text(data, source=source), doc_id=doc_id, source=source,
                                            require_article_shape=not explicit), digest
            elif suffix in HTML_SUFFIXES:
                yield article_from_html(decode_html(data, source=source), doc_id=doc_id, source=source), digest
            else:
                text = decode_text(data, source=source)
                if starts_with_front_matter(text):
                    yield article_from_markdown(text, doc_id=doc_id, source=source,
                                                require_article_shape=not explicit), digest
                else:
                    yield article_from_text(text, doc_id=doc_id, source=source), digest
            return
    except NotAnArticle:
        if skipped is not None:
            skipped[f"{suffix} {NOTES}"] += 1
        return
    except InputError as exc:
        yield _error(exc), None
        return
    except OSError as exc:
        yield IngestError(source, "E100", f"cannot read file: {exc.strerror or exc}"), None
        return
    yield from _iter_jsonl(text, path, known)


def _pdf_digest(path: Path, doc_id: str) -> str | None:
    """A PDF's input digest, or None when it is too large or cannot be read (the PDF reader says why)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return input_digest("pdf", doc_id, path.read_bytes())
    except OSError:
        return None


def _iter_jsonl(text: str, path: Path, known: Known | None = None) -> Iterator[Read]:
    """One article per JSON object line: {id, text|html|markdown, url?, title?, published?, outlet?, author?}.
    known: see iter_read (a line's digest holds the line as it is and the doc_id it gives)."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            obj, doc_id = _jsonl_object(line, path, lineno, source)
            digest = None
            if known is not None:
                html = obj.get("html")
                digest = input_digest("jsonl", doc_id, line, html=isinstance(html, str) and bool(html.strip()))
                if known.get(doc_id) == digest:
                    yield Unchanged(doc_id, source), digest
                    continue
            yield _jsonl_article(obj, doc_id, lineno, source), digest
        except InputError as exc:
            yield _error(exc), None


def _jsonl_object(line: str, path: Path, lineno: int, source: str) -> tuple[dict, str]:
    """A line's JSON object, checked to hold a text field, and the doc_id it gives."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadJSONL(f"line {lineno} is not valid JSON ({exc.msg} at column {exc.colno})", source=source) from exc
    if not isinstance(obj, dict):
        raise BadJSONL(f"line {lineno} is a JSON {type(obj).__name__}, not an object", source=source)
    text, html, markdown = obj.get("text"), obj.get("html"), obj.get("markdown")
    if not any(isinstance(x, str) for x in (text, html, markdown)):
        raise NoText(f"line {lineno} has neither a 'text' nor an 'html' (or 'markdown') string field", source=source)
    return obj, str(obj.get("id") or f"{path.stem}_{lineno}")


def _jsonl_article(obj: dict, doc_id: str, lineno: int, source: str) -> Article:
    text, html, markdown = obj.get("text"), obj.get("html"), obj.get("markdown")
    given = {k: str(obj[k]) for k in GIVEN_KEYS if obj.get(k) not in (None, "")}
    if isinstance(markdown, str) and markdown.strip():
        return article_from_markdown(markdown, doc_id=doc_id, source=source, given=given)
    if isinstance(text, str) and text.strip() and (starts_with_front_matter(text) or looks_like_markdown(text)):
        return article_from_markdown(text, doc_id=doc_id, source=source, given=given)
    if isinstance(text, str) and text.strip():
        return article_from_text(text, doc_id=doc_id, source=source, given=given)
    if isinstance(html, str) and html.strip():
        return article_from_html(html, doc_id=doc_id, source=source, given=given)
    raise EmptyInput(f"line {lineno} has an empty 'text'/'html'/'markdown' field", source=source)


def article_from_pdf(path: Path, *, doc_id: str, source: str) -> Article:
    """ingest.pdf.article_from_pdf, imported on the first PDF: pypdfium2 and the PDF layout modules (~0.05 s of CPU)
    stay out of the many builds that read none."""
    from .pdf import article_from_pdf as read_pdf_article

    return read_pdf_article(path, doc_id=doc_id, source=source)


def _error(exc: InputError) -> IngestError:
    return IngestError(exc.source or "", exc.code, str(exc.args[0]))
