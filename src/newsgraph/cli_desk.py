"""The analyst's desk commands: serve, report and the table/graph exports; registered onto the main CLI."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .errors import NewsgraphError

console = Console()
err = Console(stderr=True)

DB_OPT = typer.Option("newsgraph.duckdb", "--db", help="The DuckDB store file.")


def _fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(code)


def _need_store(db: Path) -> None:
    if not db.exists():
        _fail(f"no store at {db}; run 'newsgraph build INPUT --db {db}' first", 2)


def serve(db: Path = DB_OPT, port: int = typer.Option(8000, "--port", help="TCP port."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (local only by default).")) -> None:
    """Serve the analyst's desk (web views + JSON API under /api, reference at /docs) read-only on the store."""
    import uvicorn

    from .store.db import Store
    from .web.app import create_app

    _need_store(db)
    try:
        Store(db, read_only=True).close()  # fail now, not on the first request
    except NewsgraphError as exc:
        _fail(exc)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] serving on {host}: anyone who can reach it can read the store")
    console.print(f"newsgraph desk on http://{host}:{port}/ (store {db}); Ctrl-C to stop")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def report(db: Path = DB_OPT, out: Path = typer.Option(..., "--out", help="The HTML file to write."),
           title: str = typer.Option("newsgraph dossier", "--title", help="Title of the dossier.")) -> None:
    """Write one self-contained HTML dossier (inline CSS and SVG, no script, no network)."""
    from .export.report import write_report

    _need_store(db)
    try:
        path = write_report(db, out, title=title)
    except NewsgraphError as exc:
        _fail(exc)
    console.print(f"wrote {path}")


def _table_command(what: str):
    def command(db: Path = DB_OPT,
                format: str = typer.Option("csv", "--format", help="csv, jsonl or parquet."),
                out: Path = typer.Option(..., "--out", help="The file to write."),
                level: str = typer.Option("story", "--level",
                                          help="events only: story (one row per story event) or mention "
                                               "(one row per event mention).")) -> None:
        from .export.tables import export_table

        _need_store(db)
        try:
            n = export_table(db, what, out, format, level=level)
        except NewsgraphError as exc:
            _fail(exc, 2)
        console.print(f"wrote {n} {what} rows to {out}")

    command.__name__ = f"export_{what}"
    command.__doc__ = {
        "events": "Events as a table (ACLED/POLECAT-like columns); one row per story event, or per mention with --level mention.",
        "entities": "Merged entities with type, ISO code, coordinates, aliases and articles.",
        "quotes": "Quotes with resolved speakers, cue, kind, offsets and article.",
    }[what]
    return command


def export_graph(db: Path = DB_OPT, format: str = typer.Option("graphml", "--format", help="graphml or gexf."),
                 out: Path = typer.Option(..., "--out", help="The file to write.")) -> None:
    """The actor graph (entities; story events as typed directed edges) for Gephi, Cytoscape or networkx."""
    from .export.graph import export_graph as write_graph

    _need_store(db)
    try:
        nodes, edges = write_graph(db, out, format)
    except NewsgraphError as exc:
        _fail(exc, 2)
    console.print(f"wrote a graph of {nodes} nodes and {edges} edges to {out}")


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    """Add serve, report and export {events,entities,quotes,graph} to the main CLI."""
    app.command("serve")(serve)
    app.command("report")(report)
    for what in ("events", "entities", "quotes"):
        export_app.command(what)(_table_command(what))
    export_app.command("graph")(export_graph)
