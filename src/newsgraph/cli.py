"""Thin command-line layer: validate input, call the API, turn library errors into exit codes."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import NewsgraphError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn news articles into a sourced picture of a situation.")
export_app = typer.Typer(no_args_is_help=True, help="Write annotations, tables and graphs.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure newsgraph on public benchmarks.")
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")
# Piped output (scripts, logs, CI) is not wrapped at 80 columns.
console = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 200)

DB_OPT = typer.Option("newsgraph.duckdb", "--db", help="The DuckDB store file.")
ENGINE_OPT = typer.Option("local", "--engine", help="local, or ray for Ray Data.")


def _fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(code)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


def _check_inputs(inputs: list[Path]) -> None:
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        for m in missing:
            err.print(f"[red]error:[/red] {m}: [E109] no such file or folder")
        raise typer.Exit(2)


def _print_errors(errors) -> None:
    for e in errors:
        err.print(f"[yellow]skipped[/yellow] {e}")


def _print_skipped(skipped: Counter[str]) -> None:
    """One line for the files of types newsgraph does not read ('skipped 3 files: .docx 2, .xlsx 1')."""
    from .ingest.folders import skipped_summary

    line = skipped_summary(skipped)
    if line:
        console.print(line, markup=False)


@app.command()
def build(inputs: list[Path] = typer.Argument(..., help="Files, folders or .jsonl files."), db: Path = DB_OPT,
          engine: str = ENGINE_OPT, processes: int = typer.Option(1, "--processes", "-j", help="Parser processes.")) -> None:
    """Ingest articles into the store and print a summary."""
    from . import api
    from .report_text import print_summary

    _check_inputs(inputs)
    try:
        with _progress() as progress:
            task = progress.add_task("articles", total=None)
            report = api.build(inputs, db, engine=engine, n_process=processes,
                               on_article=lambda _d: progress.advance(task),
                               on_total=lambda n: progress.update(task, total=n))
    except NewsgraphError as exc:
        _fail(exc)
    print_summary(console, db, report)
    _print_skipped(report.skipped)
    if report.errors:
        raise typer.Exit(1)


@export_app.command("annotations")
def export_annotations(inputs: list[Path] = typer.Argument(..., help="Files, folders or .jsonl files, then OUT_DIR."),
                       engine: str = ENGINE_OPT) -> None:
    """Process INPUT... and write one <doc_id>.json per article into OUT_DIR (the last argument)."""
    from . import api

    if len(inputs) < 2:
        _fail("usage: newsgraph export annotations INPUT... OUT_DIR", 2)
    *ins, out = inputs
    _check_inputs(ins)
    skipped: Counter[str] = Counter()
    try:
        with _progress() as progress:
            task = progress.add_task("articles", total=None)
            paths, errors = api.export_annotations(ins, out, engine=engine, on_article=lambda _d: progress.advance(task),
                                                   skipped=skipped)
    except NewsgraphError as exc:
        _fail(exc)
    _print_errors(errors)
    console.print(f"wrote {len(paths)} annotation files to {out}")
    _print_skipped(skipped)
    if errors:
        raise typer.Exit(1)


@app.command()
def entities(db: Path = DB_OPT, limit: int = typer.Option(50, help="How many to list."),
             type: Optional[str] = typer.Option(None, "--type", help="PERSON, ORG, GPE or LOC.")) -> None:
    """List merged entities with their type, aliases and the articles that name them."""
    from .queries import list_entities

    try:
        rows = list_entities(db, limit=limit, etype=type)
    except NewsgraphError as exc:
        _fail(exc)
    table = Table("id", "type", "name", "aliases", "articles")
    for r in rows:
        table.add_row(r["id"], r["type"], r["name"], ", ".join(r["aliases"]), ", ".join(r["docs"]))
    console.print(table)


@app.command()
def events(db: Path = DB_OPT, actor: Optional[str] = typer.Option(None, "--actor", help="Name (part) of source or target."),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
           since: Optional[str] = typer.Option(None, "--since", help="ISO date, e.g. 2023-01."),
           limit: int = typer.Option(500, help="How many to list."),
           as_json: bool = typer.Option(False, "--json", help="One JSON object per line, with the actors' mentions.")) -> None:
    """The event timeline: who did what to whom, when and where, with the evidence."""
    from .queries import list_events

    rows = _run(lambda: list_events(db, actor=actor, etype=type, since=since, limit=limit))
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    table = Table("date", "type", "source", "target", "where", "modality", "evidence", "article")
    for r in rows:
        date = (r["date"] + "*" if r["date_from_story"] else r["date"]) if r["date"] else "-"
        table.add_row(date, r["type"], r["source"] or "-", r["target"] or "-", r["location"] or "-",
                      r["modality"], r["evidence"], r["doc_id"])
    console.print(table)
    if any(r["date_from_story"] for r in rows):
        console.print("* date taken from other reports of the same story event (the article itself gives none this precise)")


@app.command()
def timeline(db: Path = DB_OPT, actor: Optional[str] = typer.Option(None, "--actor", help="Name (part) of an actor.")) -> None:
    """Story events (merged across articles) in date order with independent-source counts."""
    from .queries import timeline as query

    rows = _run(lambda: query(db, actor=actor))
    table = Table("date", "type", "source", "target", "sources", "articles", "evidence")
    for r in rows:
        table.add_row(r["date"] or "-", r["type"], r["source"] or "-", r["target"] or "-", str(r["n_sources"]),
                      ", ".join(r["docs"]), (r["evidence"] or [""])[0])
    console.print(table)


@app.command()
def quotes(db: Path = DB_OPT, speaker: Optional[str] = typer.Option(None, "--speaker", help="Name (part) of the speaker."),
           as_json: bool = typer.Option(False, "--json", help="One JSON object per line, with the speaker mention.")) -> None:
    """Who said what: direct and reported speech and 'according to', with the resolved speaker and the words
    ('he', 'the ministry') it was resolved from."""
    from .queries import list_quotes

    rows = _run(lambda: list_quotes(db, speaker=speaker))
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    table = Table("speaker", "as written", "kind", "cue", "content", "article")
    for r in rows:
        written = r["speaker_text"] or "-"
        via = (r.get("speaker_mention") or {}).get("text")
        if via and via not in written:
            written = f"{written} -> {via}"
        table.add_row(r["speaker"] or "-", written, r["kind"], r["cue"], r["content"], r["doc_id"])
    console.print(table)


@app.command()
def claims(db: Path = DB_OPT, min_sources: int = typer.Option(1, "--min-sources", help="Only claims with this many articles.")) -> None:
    """Statements grouped across articles when they say the same thing."""
    from .queries import list_claims

    rows = _run(lambda: list_claims(db, min_sources=min_sources))
    table = Table("claim", "speaker", "articles")
    for c in rows:
        table.add_row(c.get("text", ""), str(c.get("speaker") or "-"),
                      ", ".join(sorted({m[0] if isinstance(m, list) else m.get("doc_id", "") for m in c.get("members", [])})))
    console.print(table)


@app.command()
def contradictions(db: Path = DB_OPT) -> None:
    """Pairs of statements that cannot both hold, with both texts, articles and speakers."""
    from .queries import list_contradictions

    rows = _run(lambda: list_contradictions(db))
    table = Table("kind", "a", "b", "why")
    for c in rows:
        a, b = c["a"], c["b"]
        table.add_row(c["kind"], f"{a['doc_id']} ({a.get('speaker') or '-'}): {a['text']}",
                      f"{b['doc_id']} ({b.get('speaker') or '-'}): {b['text']}", c.get("explanation", ""))
    console.print(table)


@app.command()
def sources(db: Path = DB_OPT) -> None:
    """Source profiles: copies, machine translation, content-farm signs, inconsistencies, trust."""
    from .queries import list_sources

    rows = _run(lambda: list_sources(db))
    table = Table("article", "outlet", "trust", "MT", "farm", "group", "reasons")
    for r in rows:
        p = r["profile"]
        table.add_row(r["doc_id"], r["outlet"] or "-", f"{p.get('trust', 0):.2f}",
                      "yes" if p.get("machine_translation", {}).get("flagged") else "no",
                      "yes" if p.get("content_farm", {}).get("flagged") else "no",
                      p.get("independent_group", "-"), "; ".join(p.get("trust_reasons", []) + (
                          [f"undated; written around {p['written_around']} (a weekday it names matches a dated "
                           "report of the same event)"] if p.get("written_around") else [])))
    console.print(table)


@export_app.command("contradictions")
def export_contradictions(out: Path = typer.Argument(..., help="OUT.jsonl"), db: Path = DB_OPT) -> None:
    """One JSON object per line: {kind, a: {doc_id, text, speaker}, b: {...}, explanation}."""
    from .queries import list_contradictions

    rows = _run(lambda: list_contradictions(db))
    with out.open("w", encoding="utf-8") as fh:
        for c in rows:
            fh.write(json.dumps({k: c[k] for k in ("kind", "a", "b", "explanation")}, ensure_ascii=False) + "\n")
    console.print(f"wrote {len(rows)} contradictions to {out}")


def _run(fn):
    try:
        return fn()
    except NewsgraphError as exc:
        _fail(exc)


@eval_app.command("tempeval")
def eval_tempeval(path: Path = typer.Argument(..., help="TempEval-3 folder with .tml files."),
                  pipeline: bool = typer.Option(False, "--pipeline", help="Feed the documents through JSONL ingest and the full analysis (slow: spaCy parse).")) -> None:
    """TIMEX3 span and value F1 on TempEval-3."""
    from .evaluate.tempeval import run

    _print_metrics(lambda p: run(p, via_pipeline=pipeline), path)


@eval_app.command("ecbplus")
def eval_ecbplus(path: Path = typer.Argument(..., help="ECB+ folder of topic XML files."),
                 clusters: Optional[Path] = typer.Option(None, "--clusters", help="Write mention clusters as JSONL.")) -> None:
    """Cross-document event coreference (MUC, B3, CEAF-e, CoNLL F1) on ECB+ gold mentions."""
    from .evaluate.ecbplus import run

    _print_metrics(lambda p: run(p, clusters), path)


@eval_app.command("plover")
def eval_plover(path: Path = typer.Argument(..., help="PLOVER gold-standard records (.jsonl).")) -> None:
    """PLOVER event-type accuracy on the gold-standard sentences."""
    from .evaluate.plover import run

    _print_metrics(run, path)


@eval_app.command("extraction")
def eval_extraction(path: Path = typer.Argument(..., help="Article-extraction benchmark folder.")) -> None:
    """HTML article-body extraction against with/without snippets."""
    from .evaluate.extraction import run

    _print_metrics(run, path)


def _print_metrics(fn, path: Path) -> None:
    if not path.exists():
        _fail(f"{path}: [E109] no such file or folder", 2)
    try:
        result = fn(path)
    except NewsgraphError as exc:
        _fail(exc)
    table = Table("metric", "value")
    for k, v in result.items():
        if isinstance(v, (dict, list)):
            continue
        table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
    console.print(table)


def main() -> None:
    """Entry point of the `newsgraph` command."""
    try:
        app()
    except NewsgraphError as exc:  # pragma: no cover - commands catch their own
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(1)


__all__ = ["app", "main", "json"]

from .cli_desk import register as _register_desk  # noqa: E402  (serve, report, export tables/graph)

_register_desk(app, export_app)
