"""Score the plain-text path's title, published date and author on real pages flattened to text.

The reference comes from each page's own HTML markup, never from our code:
- title: og:title, twitter:title, the first <h1>, then <title> with its " | Site" / " - Site" suffix cut;
  every one of these the flattened text shows (normalised) is a reference, and a guess matching any of
  them counts (pages often show a different headline in <title>, og:title and <h1>);
- published: article:published_time and similar meta fields, JSON-LD datePublished, <time datetime>
  (itemprop datePublished / pubdate first), kept at the day precision the markup gives, as written
  (no time-zone conversion);
- author: JSON-LD author names, meta author fields, rel=author / itemprop=author text; a value counts only
  when it reads as a person's name (2-5 words, each capitalised or an initial, after cutting ", Affiliation"
  and a leading "By"), so site names, "Staff", user handles and organisation authors are not references.

A field is scored only when the reference has it AND the flattened text shows it (the title or author as
normalised words, the date in one of the usual written forms), since nothing else can be recovered from
plain text. Titles count as right at token Jaccard >= 0.8, dates when they equal the reference at its
precision, authors on normalised equality (the rules of the project's score.py, re-implemented here).
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import lxml.html

from ..errors import BenchmarkError, InputError
from ..ingest.articles import article_from_text
from .extraction import load_pages, page_text

TITLE_OVERLAP = 0.8
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_ISO_DAY = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—·•]\s+[^|\-–—·•]{2,60}$")
_DATE_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
              "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued", "dc.date",
              "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
              "cxenseparse:recs:publishtime", "og:article:published_time", "originalpublicationdate")
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author",
                "twitter:creator:name", "citation_author")
_NAME_WORD = re.compile(r"^([A-ZÀ-Ý][\w'’.-]*|[A-Z]\.([A-Z]\.)*|de|van|von|der|da|di|del|la|le|bin|al|el)$")
_ORG_WORDS = {"news", "magazine", "kitchens", "team", "staff", "blog", "media", "press", "times", "reports",
              "report", "editor", "editors", "desk", "online", "daily", "weekly", "group", "inc", "ltd",
              "letters", "service", "services", "agency", "agencies", "network", "foundation", "institute"}
_NOT_PERSON = re.compile(r"^(staff|admin|editor|editors|newsroom|news desk|guest|team|the \w+ team)$", re.I)


# ---- scoring rules (as in the project's score.py) -------------------------------------------------

def norm(s: str | None) -> str:
    """Lower-case, accents and punctuation dropped, leading 'the' dropped, spaces collapsed."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"^(the)\s+", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def overlap(a: str | None, b: str | None) -> float:
    """Token Jaccard of two normalised strings."""
    ta, tb = set(norm(a).split()), set(norm(b).split())
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def date_ok(gold: str | None, pred: str | None) -> bool:
    """Right when the prediction equals the reference at the reference's precision."""
    if not gold:
        return not pred
    return bool(pred) and str(pred)[: len(gold)] == gold and len(str(pred)) >= len(gold)


def date_verdict(gold: str, pred: str | None) -> str:
    """correct / coarse (agrees but less precise) / wrong / missing."""
    if not pred:
        return "missing"
    if date_ok(gold, pred):
        return "correct"
    if gold.startswith(str(pred)):
        return "coarse"
    return "wrong"


# ---- reference metadata from the HTML -------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """What the page's markup says about itself (None where it says nothing usable)."""

    titles: tuple[str, ...] = ()
    published: str | None = None
    author: str | None = None


def _clean(s: str | None) -> str:
    return " ".join((s or "").split())


def _meta(tree: lxml.html.HtmlElement, keys: tuple[str, ...]) -> list[str]:
    out = []
    wanted = set(keys)
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in wanted and _clean(el.get("content")):
            out.append((keys.index(key), _clean(el.get("content"))))
    return [v for _, v in sorted(out, key=lambda p: p[0])]


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    """Every JSON-LD object on the page, @graph members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _ld_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if str(value.get("@type", "")).lower() == "organization":
            return []
        return _ld_names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    return []


def ref_titles(tree: lxml.html.HtmlElement) -> list[str]:
    """Title candidates in order of trust: og:title, twitter:title, first <h1>, <title> minus site suffix."""
    out = _meta(tree, ("og:title",)) + _meta(tree, ("twitter:title",))
    h1 = tree.xpath("//h1")
    if h1 and _clean(h1[0].text_content()):
        out.append(_clean(h1[0].text_content()))
    titles = tree.xpath("//title")
    if titles and _clean(titles[0].text_content()):
        t = _clean(titles[0].text_content())
        out.append(_TITLE_SUFFIX.sub("", t) if len(_TITLE_SUFFIX.sub("", t).split()) >= 2 else t)
    seen: list[str] = []
    for t in out:
        t = _TITLE_SUFFIX.sub("", t) if len(_TITLE_SUFFIX.sub("", t).split()) >= 3 else t
        if t not in seen:
            seen.append(t)
    return seen


def ref_published(tree: lxml.html.HtmlElement) -> str | None:
    """The publication day the markup gives, as an ISO date (None if none or unparseable)."""
    values = _meta(tree, _DATE_META)
    for item in _json_ld(tree):
        if isinstance(item.get("datePublished"), str):
            values.append(item["datePublished"])
    values += [t.get("datetime") for t in tree.xpath('//*[@itemprop="datePublished"][@datetime]')]
    values += [t.get("datetime") for t in tree.xpath("//time[@pubdate][@datetime]")]
    values += [t.get("datetime") for t in tree.xpath("//time[@datetime]")]
    for v in values:
        m = _ISO_DAY.search(v or "")
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                continue
    return None


def ref_author(tree: lxml.html.HtmlElement) -> str | None:
    """The person(s) the markup names as author, joined with ' and ' (never the site's own name)."""
    site = {norm(v) for v in _meta(tree, ("og:site_name", "application-name"))}
    found = _ref_author(tree)
    return None if found is None or norm(found) in site else found


def _ref_author(tree: lxml.html.HtmlElement) -> str | None:
    for item in _json_ld(tree):
        if "author" in item:
            names = [_person_name(n) for n in _ld_names(item["author"]) if _person(_person_name(n))]
            if names:
                return " and ".join(names)
    for v in _meta(tree, _AUTHOR_META):
        v = _person_name(v)
        if _person(v):
            return v
    for el in tree.xpath('//a[@rel="author"]|//*[@itemprop="author"]'):
        v = _person_name(el.text_content())
        if _person(v):
            return v
    return None


def _person(v: str | None) -> bool:
    """A personal name: 2-5 words, each capitalised (particles and initials allowed), no digits or URL."""
    v = _clean(v)
    if not v or "://" in v or v.startswith("@") or _NOT_PERSON.match(v) or any(c.isdigit() for c in v):
        return False
    words = v.split()
    if not 2 <= len(words) <= 5 or words[0].lower() == "the":
        return False
    return all(_NAME_WORD.match(w) for w in words) and not any(w.lower() in _ORG_WORDS for w in words)


def _person_name(v: str) -> str:
    """A byline value without a leading 'By' and a trailing ', Affiliation' / ', PhD'."""
    v = re.sub(r"^by\s+", "", _clean(v), flags=re.I)
    return v.split(",")[0].strip()


def reference(data: bytes) -> Reference:
    """Reference metadata of one page's HTML bytes."""
    try:
        tree = lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise BenchmarkError(f"page is not parseable HTML: {exc}") from exc
    return Reference(tuple(ref_titles(tree)), ref_published(tree), ref_author(tree))


# ---- is the field visible in the flattened text? --------------------------------------------------

def date_forms(iso: str) -> list[str]:
    """The usual ways a page writes one day (English and numeric forms), normalised."""
    d = date.fromisoformat(iso)
    month = _MONTH_NAMES[d.month - 1]
    forms = []
    for m in (month, month[:3], month[:4] if month == "september" else month[:3]):
        forms += [f"{m} {d.day} {d.year}", f"{d.day} {m} {d.year}", f"{m} {d.day:02d} {d.year}",
                  f"{d.day:02d} {m} {d.year}", f"{d.day} of {m} {d.year}"]
        forms += [f"{m} {d.day}{s} {d.year}" for s in ("st", "nd", "rd", "th")]
        forms += [f"{d.day}{s} {m} {d.year}" for s in ("st", "nd", "rd", "th")]
    forms += [f"{d.year} {d.month:02d} {d.day:02d}", f"{d.month:02d} {d.day:02d} {d.year}",
              f"{d.day:02d} {d.month:02d} {d.year}", f"{d.month} {d.day} {d.year}", f"{d.day} {d.month} {d.year}",
              f"{d.month:02d} {d.day:02d} {d.year % 100:02d}", f"{d.day:02d} {d.month:02d} {d.year % 100:02d}"]
    return list(dict.fromkeys(forms))


def text_shows_date(normed_text: str, iso: str) -> bool:
    """The flattened text writes that day somewhere (with its year)."""
    padded = f" {normed_text} "
    return any(f" {f} " in padded for f in date_forms(iso))


def text_shows(normed_text: str, value: str) -> bool:
    """The normalised value occurs as whole words in the normalised text."""
    v = norm(value)
    return bool(v) and f" {v} " in f" {normed_text} "


# ---- running our plain-text path ------------------------------------------------------------------

@dataclass
class PageResult:
    """One page: the reference (only recoverable fields kept), our guesses and the verdicts."""

    url: str
    ref_title: str | None = None
    ref_titles: tuple[str, ...] = ()
    ref_published: str | None = None
    ref_author: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    rejected: bool = False
    verdicts: dict[str, str] = field(default_factory=dict)


def score_page(url: str, data: bytes) -> PageResult:
    """Reference from the HTML, our guesses from the flattened text, and a verdict per scored field."""
    ref = reference(data)
    text = page_text(data)
    normed = norm(text)
    res = PageResult(url=url)
    res.ref_titles = tuple(t for t in ref.titles if text_shows(normed, t))
    res.ref_title = res.ref_titles[0] if res.ref_titles else None
    if ref.published and text_shows_date(normed, ref.published):
        res.ref_published = ref.published
    if ref.author and text_shows(normed, ref.author):
        res.ref_author = ref.author
    try:
        art = article_from_text(text, doc_id="page", source=url)
        res.title, res.published, res.author = art.title, art.published, art.author
    except InputError:
        res.rejected = True
    if res.ref_title:
        best = max(overlap(t, res.title) for t in res.ref_titles)
        res.verdicts["title"] = "correct" if best >= TITLE_OVERLAP else (
            "missing" if not res.title else "wrong")
    if res.ref_published:
        res.verdicts["published"] = date_verdict(res.ref_published, res.published)
    if res.ref_author:
        res.verdicts["author"] = "correct" if norm(res.ref_author) == norm(res.author) else (
            "missing" if not res.author else "wrong")
    return res


def run(bench_dir: Path, every: int = 1) -> tuple[dict, list[PageResult]]:
    """Per-field counts over the benchmark pages (or every n-th page) and the per-page results."""
    bench_dir = Path(bench_dir)
    results = []
    for url, item in load_pages(bench_dir)[::every]:
        path = bench_dir / item.get("file", "")
        if not path.is_file():
            raise BenchmarkError(f"page file missing: {path}", source=str(bench_dir))
        results.append(score_page(url, gzip.decompress(path.read_bytes())))
    return summarise(results), results


def summarise(results: list[PageResult]) -> dict:
    """Counts of correct / coarse / wrong / missing per field, with accuracy and date precision."""
    out: dict = {"pages": len(results), "rejected": sum(r.rejected for r in results)}
    for fld in ("title", "published", "author"):
        counts = {"correct": 0, "coarse": 0, "wrong": 0, "missing": 0}
        for r in results:
            if fld in r.verdicts:
                counts[r.verdicts[fld]] += 1
        n = sum(counts.values())
        given = counts["correct"] + counts["coarse"] + counts["wrong"]
        counts["scored"] = n
        counts["accuracy"] = counts["correct"] / n if n else 0.0
        counts["precision"] = 1 - counts["wrong"] / given if given else 1.0  # share of given values not wrong
        out[fld] = counts
    return out
