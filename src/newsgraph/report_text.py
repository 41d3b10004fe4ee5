"""The build summary printed in the terminal."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .queries import list_entities, summary


def print_summary(console: Console, db: Path, report) -> None:
    """Articles, counts per layer, top actors merged across articles, and what could not be read."""
    s = summary(db)
    console.print(f"[bold]newsgraph store[/bold] {db}: {s['articles']} articles "
                  f"({len(report.added)} new, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged)")
    console.print(f"{s['entities']} entities ({s['merged']} merged across articles), {s['events']} events in "
                  f"{s['story_events']} story events, {s['quotes']} quotes, {s['claims']} claims, "
                  f"{s['contradictions']} contradictions")
    table = Table("actor", "type", "articles", "aliases", title="Top actors")
    for r in list_entities(db, limit=12):
        table.add_row(r["name"], r["type"], str(len(r["docs"])), ", ".join(r["aliases"][:6]))
    console.print(table)
    if report.errors:
        console.print(f"[red]{len(report.errors)} input(s) could not be read:[/red]")
        for e in report.errors:
            console.print(f"  {e}")
