"""Thin command-line layer: validate input, call the API, turn library errors into exit codes."""
from __future__ import annotations

import json
import sys
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
console = Console()
err = Console(stderr=True)

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
    try:
        with _progress() as progress:
            task = progress.add_task("articles", total=None)
            paths, errors = api.export_annotations(ins, out, engine=engine, on_article=lambda _d: progress.advance(task))
    except NewsgraphError as exc:
        _fail(exc)
    _print_errors(errors)
    console.print(f"wrote {len(paths)} annotation files to {out}")
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


@eval_app.command("tempeval")
def eval_tempeval(path: Path = typer.Argument(..., help="TempEval-3 folder with .tml files.")) -> None:
    """TIMEX3 span and value F1 on TempEval-3."""
    from .evaluate.tempeval import run

    _print_metrics(run, path)


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
