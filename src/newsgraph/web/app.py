"""The analyst's desk: a read-only FastAPI app over one store, with HTML views and a JSON API."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import queries as Q
from ..errors import StoreError
from ..store.db import Store
from .highlight import article_spans, highlight
from .palette import PLOVER_COLOURS, colour

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _json(content: object) -> JSONResponse:
    """Rows are plain JSON types already: skip FastAPI's per-field encoder, which dominates on 10k rows."""
    return JSONResponse(content)


def _with_colour(rows: list[dict]) -> list[dict]:
    for r in rows:
        r["colour"] = colour(r.get("type"))
    return rows


def create_app(db_path: str | Path) -> FastAPI:
    """A FastAPI app serving the store at db_path read-only; each request opens its own read-only connection."""
    db_path = Path(db_path)
    app = FastAPI(title="newsgraph desk", docs_url=None, redoc_url=None,
                  description="Read-only JSON API over a newsgraph store: articles, entities, story events, "
                              "quotes, claims, contradictions and source profiles.")
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.autoescape = True
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["colour"] = colour
    env.filters["short"] = lambda d: d if len(d) <= 12 else d[:10] + "…"
    env.globals["plover_colours"] = PLOVER_COLOURS
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def get_store() -> Iterator[Store]:
        try:
            store = Store(db_path, read_only=True)
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from exc
        try:
            yield store
        finally:
            store.close()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    def page(request: Request, name: str, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx)

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"no such {what}")

    # ---------------------------------------------------------------- JSON API
    @app.get("/api/summary", tags=["store"])
    def api_summary(store: Store = Depends(get_store)) -> JSONResponse:
        """Counts per layer."""
        return _json(Q.store_summary(store))

    @app.get("/api/articles", tags=["articles"])
    def api_articles(limit: int = Query(500, ge=1, le=100_000), store: Store = Depends(get_store)) -> JSONResponse:
        """Every article with metadata, trust and per-layer counts."""
        return _json(Q.articles(store, limit=limit))

    @app.get("/api/articles/{doc_id}", tags=["articles"])
    def api_article(doc_id: str, store: Store = Depends(get_store)) -> JSONResponse:
        """One article: cleaned body, mentions, events, quotes, dates (with offsets) and its source profile."""
        art = Q.article(store, doc_id)
        if art is None:
            raise not_found("article")
        return _json(art)

    @app.get("/api/entities", tags=["entities"])
    def api_entities(q: str | None = None, type: str | None = None, limit: int = Query(200, ge=1, le=100_000),
                     store: Store = Depends(get_store)) -> JSONResponse:
        """Merged entities, most-reported first; filter by name/alias substring and type."""
        return _json(Q.entity_rows(store, limit=limit, etype=type, q=q))

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str, store: Store = Depends(get_store)) -> JSONResponse:
        """One entity: aliases, articles, story events as source and target, quotes."""
        ent = Q.entity(store, entity_id)
        if ent is None:
            raise not_found("entity")
        return _json(ent)

    @app.get("/api/events", tags=["events"])
    def api_events(level: str = Query("story", pattern="^(story|mention)$"), actor: str | None = None,
                   type: str | None = None, since: str | None = None, until: str | None = None,
                   store: Store = Depends(get_store)) -> JSONResponse:
        """Story events (level=story, one per real-world event) or event mentions (level=mention, one per report)."""
        if level == "mention":
            rows = Q.event_mentions(store)
            rows = [r for r in rows if (not type or r["type"] == type.upper())
                    and (not actor or actor in (r["source_id"], r["target_id"]))
                    and Q._in_range(r["date"], since, until)]
            return _json(_with_colour(rows))
        return _json(_with_colour(Q.story_events(store, actor=actor, etype=type, since=since, until=until)))

    @app.get("/api/events/{story_id}", tags=["events"])
    def api_event(story_id: str, store: Store = Depends(get_store)) -> JSONResponse:
        """One story event with every report of it."""
        ev = Q.story_event(store, story_id)
        if ev is None:
            raise not_found("event")
        ev["colour"] = colour(ev["type"])
        return _json(ev)

    @app.get("/api/timeline", tags=["events"])
    def api_timeline(actor: str | None = None, type: str | None = None, since: str | None = None,
                     until: str | None = None, store: Store = Depends(get_store)) -> JSONResponse:
        """Dated story events for the timeline (start/end days, colour by PLOVER type) and the count left undated."""
        rows = Q.story_events(store, actor=actor, etype=type, since=since, until=until)
        items = [{"id": r["id"], "type": r["type"], "date": r["date"], "precision": r["date_precision"],
                  "start": r["start"], "end": r["end"], "source": r["source"], "source_id": r["source_id"],
                  "target": r["target"], "target_id": r["target_id"], "location": r["location"],
                  "n_sources": r["n_sources"], "docs": r["docs"], "evidence": r["evidence"][:3],
                  "colour": colour(r["type"])} for r in rows]
        dated = [i for i in items if i["start"]]
        types = sorted({i["type"] for i in items if i["type"]})
        return _json({"items": dated, "undated": [i for i in items if not i["start"]], "types": types,
                      "colours": {t: colour(t) for t in types}})

    @app.get("/api/network", tags=["events"])
    def api_network(type: str | None = None, since: str | None = None, until: str | None = None,
                    store: Store = Depends(get_store)) -> JSONResponse:
        """Actor network: entity nodes and typed, directed story-event edges."""
        net = Q.network(store, etype=type, since=since, until=until)
        _with_colour(net["edges"])
        return _json(net)

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(speaker: str | None = None, store: Store = Depends(get_store)) -> JSONResponse:
        """Quotes with speakers resolved to entities."""
        return _json(Q.all_quotes(store, speaker=speaker))

    @app.get("/api/claims", tags=["claims"])
    def api_claims(store: Store = Depends(get_store)) -> JSONResponse:
        """Claims grouped across articles, with the articles that carry them."""
        return _json(Q.claims(store))

    @app.get("/api/contradictions", tags=["claims"])
    def api_contradictions(store: Store = Depends(get_store)) -> JSONResponse:
        """Contradictions, each side with its article."""
        return _json(Q.contradictions(store))

    @app.get("/api/sources", tags=["articles"])
    def api_sources(store: Store = Depends(get_store)) -> JSONResponse:
        """Source profiles: trust, machine translation, content farm, copies."""
        return _json(Q.sources(store))

    @app.get("/api/search", tags=["store"])
    def api_search(q: str = "", limit: int = Query(50, ge=1, le=1000), store: Store = Depends(get_store)) -> JSONResponse:
        """Articles (title/body) and entities (name/alias) containing q."""
        return _json(Q.search(store, q, limit=limit))

    # ---------------------------------------------------------------- HTML views
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, store: Store = Depends(get_store)):
        return page(request, "index.html", summary=Q.store_summary(store), articles=Q.articles(store),
                    entities=Q.entity_rows(store, limit=15))

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str, store: Store = Depends(get_store)):
        art = Q.article(store, doc_id)
        if art is None:
            raise not_found("article")
        return page(request, "article.html", art=art, body=highlight(art["body"], article_spans(art)))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, q: str | None = None, type: str | None = None,
                      store: Store = Depends(get_store)):
        return page(request, "entities.html", entities=Q.entity_rows(store, limit=1000, etype=type or None, q=q),
                    q=q or "", etype=type or "")

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, store: Store = Depends(get_store)):
        ent = Q.entity(store, entity_id)
        if ent is None:
            raise not_found("entity")
        return page(request, "entity.html", e=ent)

    @app.get("/events/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, story_id: str, store: Store = Depends(get_store)):
        ev = Q.story_event(store, story_id)
        if ev is None:
            raise not_found("event")
        return page(request, "event.html", ev=ev)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, store: Store = Depends(get_store)):
        return page(request, "timeline.html", types=Q.plover_types(store),
                    actors=[e for e in Q.entity_rows(store, limit=1000)])

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, store: Store = Depends(get_store)):
        return page(request, "network.html", types=Q.plover_types(store))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, store: Store = Depends(get_store)):
        return page(request, "claims.html", claims=Q.claims(store), contradictions=Q.contradictions(store),
                    titles={a["doc_id"]: a["title"] or a["doc_id"] for a in Q.articles(store)})

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, store: Store = Depends(get_store)):
        return page(request, "sources.html", sources=Q.sources(store))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", store: Store = Depends(get_store)):
        return page(request, "search.html", result=Q.search(store, q), q=q)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        """The API reference, rendered from the OpenAPI schema without any CDN script."""
        spec = app.openapi()
        routes = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "description": op.get("description", ""), "tags": op.get("tags", []),
                               "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                           "schema": p.get("schema", {})} for p in op.get("parameters", [])]})
        return page(request, "docs.html", routes=routes, info=spec.get("info", {}))

    return app
