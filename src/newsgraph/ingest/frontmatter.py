"""Front matter of a markdown file (YAML `---` or TOML `+++`): split it off and read what it says.

Static-site generators, clippers and crawlers write an article's metadata as a block at the top of the file.
The block is cut off the body even when it is broken: YAML that does not parse is read line by line as
`key: value` pairs (with a logged warning) and a block with no closing fence ends at the first line that is
not YAML-shaped. Keys are matched after folding case, '_' and '-' ('date_published', 'datePublished').
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

log = logging.getLogger(__name__)

FENCES = {"---": "yaml", "+++": "toml"}
_YAML_END = ("---", "...")
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w .-]{0,30}?)\s*(?P<sep>:|=)(?:\s+(?P<value>.*))?$")
LOOSE_KEY_LINE_MAX = 100  # after a blank line, a longer 'Word: text' line is a body paragraph, not a key
_CONTINUATION = re.compile(r"^(\s+\S|\s*-\s|\s*-$)")  # indented value lines and list items of a block value

# Keys, folded (lower case, no '_' or '-'), in order of trust.
TITLE_KEYS = ("title", "headline", "subject")
PUBLISHED_KEYS = ("datepublished", "published", "publishedat", "publishedtime", "publishdate", "pubdate",
                  "date", "publicationdate", "releasedate", "posted", "postedat")
# When the file (or its note) was created: a clipper's save date as often as the article's date, so it is
# used only when the page itself shows no date.
CREATED_KEYS = ("created", "createdat", "datecreated", "creationdate")
# Crawl and edit stamps: never the publication date, but a published date equal to one is a crawl date.
CRAWL_KEYS = ("scrapedat", "crawledat", "fetchedat", "retrievedat", "downloadedat", "savedat", "clippedat",
              "scraped", "crawled", "fetched", "retrieved", "accessed", "clipped", "saved")
AUTHOR_KEYS = ("author", "authors", "articleauthor", "byline", "creator", "creators", "writer", "writers",
               "authorname", "by", "postedby", "reporter", "reporters", "contributor", "contributors", "journalist")
OUTLET_KEYS = ("sitename", "site", "sourcename", "publication", "publisher", "outlet", "source", "newspaper",
               "website", "feed")
URL_KEYS = ("url", "sourceurl", "canonicalurl", "canonical", "originalurl", "link", "permalink", "source",
            "articleurl", "href", "origin")
TAG_KEYS = ("tags", "keywords", "categories", "category", "topics")
BODY_KEYS = ("content", "body", "text", "articletext", "articlebody", "article", "markdown", "contenthtml",
             "bodyhtml", "html", "fulltext")


@dataclass
class FrontMatter:
    """The metadata block of a markdown file and the text after it."""

    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    kind: str | None = None  # yaml | toml | None (no front matter)
    problem: str | None = None  # why the block was read loosely, if it was
    lines: list[str] = field(default_factory=list)  # the block's own lines, for the removed list

    def get(self, keys: tuple[str, ...]) -> Any:
        """The first non-empty value under one of the (folded) keys, in the keys' order."""
        folded = {fold_key(k): v for k, v in self.data.items()}
        for key in keys:
            value = folded.get(key)
            if value not in (None, "", [], {}):
                return value
        return None


def fold_key(key: object) -> str:
    return re.sub(r"[\s_-]", "", str(key)).casefold()


def starts_with_front_matter(text: str) -> bool:
    """A text whose first line is a front-matter fence followed by a 'key: value' (or TOML 'key =') line."""
    lines = text.lstrip("\ufeff").lstrip("\r\n").splitlines()[:2]
    return len(lines) == 2 and lines[0].strip() in FENCES and bool(_KEY_LINE.match(lines[1].rstrip()))


def split_front_matter(text: str, source: str = "") -> FrontMatter:
    """Cut the front matter off a markdown text and parse it; a text without one comes back as body."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() not in FENCES:
        return FrontMatter(body=text)
    kind = FENCES[lines[start].strip()]
    ends = _YAML_END if kind == "yaml" else ("+++",)
    close = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip() in ends), None)
    problem = None
    if close is None:
        close = _unfenced_end(lines, start + 1)
        if close == start + 1:
            return FrontMatter(body=text)  # a thematic break ('---') opening the text, not front matter
        problem = f"front matter has no closing '{lines[start].strip()}' fence"
        block, rest = lines[start + 1:close], lines[close:]
    else:
        block, rest = lines[start + 1:close], lines[close + 1:]
    raw = "\n".join(block)
    data, error = _parse(raw, kind)
    if data is None:
        if not _mostly_key_lines(block):
            return FrontMatter(body=text)  # e.g. a paragraph between two thematic breaks
        problem = f"{problem}; " if problem else ""
        problem += f"front matter is not valid {kind.upper()} ({error})"
        data = loose_pairs(block)
    if problem:
        log.warning("%s: %s; read as text", source or "markdown", problem)
    return FrontMatter(data=data, body="\n".join(rest), kind=kind, problem=problem,
                       lines=[line for line in block if line.strip()])


def _unfenced_end(lines: list[str], start: int) -> int:
    """Where a block with no closing fence ends: at the first line that is neither 'key: value', an
    indented or list continuation, nor blank (blank lines count only when YAML follows them)."""
    k = start
    end = start
    while k < len(lines):
        line = lines[k].rstrip()
        if not line.strip():
            k += 1
            continue
        after_blank = k > end
        if after_blank and len(line) > LOOSE_KEY_LINE_MAX:
            break  # a paragraph after a blank line: the body has begun
        if _KEY_LINE.match(line) or (end > start and not after_blank and _CONTINUATION.match(line)):
            k += 1
            end = k
            continue
        break
    return end


def _parse(raw: str, kind: str) -> tuple[dict[str, Any] | None, str]:
    try:
        data = yaml.safe_load(raw) if kind == "yaml" else tomllib.loads(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, first
    if data is None:
        return {}, ""
    if not isinstance(data, dict):
        return None, f"a {type(data).__name__}, not a mapping"
    try:
        json.dumps(data, default=str)
    except (ValueError, RecursionError):  # a YAML alias that contains itself
        return None, "a value refers to itself"
    return data, ""


def _mostly_key_lines(block: list[str]) -> bool:
    tops = [line for line in block if line.strip() and not line[:1].isspace()]
    return bool(tops) and sum(1 for line in tops if _KEY_LINE.match(line.rstrip())) * 2 >= len(tops)


def loose_pairs(block: list[str]) -> dict[str, Any]:
    """Top-level 'key: value' / 'key = value' lines of a block that does not parse, quotes stripped."""
    out: dict[str, Any] = {}
    for line in block:
        m = _KEY_LINE.match(line.rstrip())
        if not m or line[:1].isspace():
            continue
        value = (m.group("value") or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out.setdefault(m.group("key").strip(), value)
    return out


def as_text(value: Any) -> str | None:
    """A scalar front-matter value as text (dates in ISO form); None for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def names_in(value: Any) -> list[str]:
    """Person or outlet names a value holds: a string, a list of them, or mappings with a 'name'."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, Mapping):
        for key in ("name", "title", "display_name", "displayName", "fullname"):
            if isinstance(value.get(key), str) and value[key].strip():
                return [value[key].strip()]
        return []
    if isinstance(value, list | tuple):
        return [n for item in value for n in names_in(item)]
    return []


def url_in(value: Any) -> str | None:
    """A URL a value holds (a string, or a mapping with a 'url'/'href')."""
    if isinstance(value, str) and re.match(r"^(https?:)?//|^www\.", value.strip()):
        return value.strip()
    if isinstance(value, Mapping):
        for key in ("url", "href", "link"):
            found = url_in(value.get(key))
            if found:
                return found
    return None


def timestamp(value: Any) -> dt.datetime | None:
    """A date/time value as a datetime (unix seconds too), for comparing stamps."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    if isinstance(value, int | float) and not isinstance(value, bool) and 10**8 < value < 10**14:
        seconds = value / 1000 if value > 10**11 else value  # unix seconds or milliseconds
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    return None
