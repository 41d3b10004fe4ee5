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
from . import listing as L
from .highlight import article_spans, highlight
from .network_view import DEFAULT_TOP, MAX_TOP, network_view
from .palette import PLOVER_COLOURS, colour

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
TIMELINE_ITEMS = 500  # the timeline draws at most this many dated story events (the most-sourced)
ENTITY_ROWS = 200  # an entity page lists at most this many articles, events and quotes each

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

    Q_ = Query(None, description="Only rows containing this text (case-insensitive).")
    LIMIT_ = Query(L.DEFAULT_LIMIT, ge=1, le=L.MAX_LIMIT, description="Rows per page.")
    OFFSET_ = Query(0, ge=0, description="Rows to skip (ignored when page is given).")
    PAGE_ = Query(None, ge=1, description="1-based page number; offset = (page - 1) * limit.")

    @app.get("/api/articles", tags=["articles"])
    def api_articles(q: str | None = Q_, limit: int = LIMIT_, offset: int = OFFSET_, page: int | None = PAGE_,
                     store: Store = Depends(get_store)) -> JSONResponse:
        """Articles with metadata, trust and per-layer counts, latest first; {items, total, page, pages, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.articles_page(store, q, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/articles/{doc_id}", tags=["articles"])
    def api_article(doc_id: str, store: Store = Depends(get_store)) -> JSONResponse:
        """One article: cleaned body, mentions, events, quotes, dates (with offsets) and its source profile."""
        art = Q.article(store, doc_id)
        if art is None:
            raise not_found("article")
        return _json(art)

    @app.get("/api/entities", tags=["entities"])
    def api_entities(q: str | None = Q_, type: str | None = None, limit: int = LIMIT_, offset: int = OFFSET_,
                     page: int | None = PAGE_, store: Store = Depends(get_store)) -> JSONResponse:
        """Merged entities, most-reported first; filter by name/alias substring and type; {items, total, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.entities_page(store, q, type or None, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str, limit: int = Query(ENTITY_ROWS, ge=1, le=100_000,
                                                      description="Rows per list (articles, events, quotes)."),
                   store: Store = Depends(get_store)) -> JSONResponse:
        """One entity: aliases, articles, story events as source and target, quotes (n_* give the full counts)."""
        ent = Q.entity(store, entity_id, limit=limit)
        if ent is None:
            raise not_found("entity")
        return _json(ent)

    @app.get("/api/events", tags=["events"])
    def api_events(level: str = Query("story", pattern="^(story|mention)$"), actor: str | None = None,
                   type: str | None = None, since: str | None = None, until: str | None = None,
                   limit: int = LIMIT_, offset: int = OFFSET_, page: int | None = PAGE_,
                   store: Store = Depends(get_store)) -> JSONResponse:
        """Story events (level=story, one per real-world event) or event mentions (level=mention, one per report),
        filtered by actor entity id, PLOVER type and date overlap; {items, total, page, pages, ...}."""
        lim, off = L.window(limit, offset, page)
        if level == "mention":
            items, total = L.event_mentions_page(store, actor, type, since, until, lim, off)
        else:
            items, total = L.story_events_page(store, actor, type, since, until, lim, off)
        return _json(L.envelope(_with_colour(items), total, None, lim, off))

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
                     until: str | None = None,
                     limit: int = Query(TIMELINE_ITEMS, ge=1, le=20_000,
                                        description="At most this many dated events: the most-sourced ones."),
                     store: Store = Depends(get_store)) -> JSONResponse:
        """Dated story events for the timeline (start/end days, colour by PLOVER type), the most-sourced `limit`
        of them when there are more (total_dated says how many), and up to 100 undated ones (total_undated)."""
        dated, n_dated = L.story_events_page(store, actor, type, since, until, limit, 0, order="sources", dated=True)
        undated, n_undated = ([], 0) if since or until else \
            L.story_events_page(store, actor, type, None, None, 100, 0, order="sources", dated=False)

        def item(r: dict) -> dict:
            return {"id": r["id"], "type": r["type"], "date": r["date"], "precision": r["date_precision"],
                    "start": r["start"], "end": r["end"], "source": r["source"], "source_id": r["source_id"],
                    "target": r["target"], "target_id": r["target_id"], "location": r["location"],
                    "n_sources": r["n_sources"], "docs": r["docs"][:20], "evidence": r["evidence"][:3],
                    "colour": colour(r["type"])}

        items = sorted((item(r) for r in dated), key=lambda i: (i["start"], i["id"]))
        types = sorted({i["type"] for i in items if i["type"]})
        return _json({"items": items, "undated": [item(r) for r in undated], "types": types,
                      "colours": {t: colour(t) for t in types}, "total_dated": n_dated, "total_undated": n_undated})

    @app.get("/api/network", tags=["events"])
    def api_network(type: str | None = None, since: str | None = None, until: str | None = None,
                    top: int = Query(DEFAULT_TOP, ge=1, le=MAX_TOP, description="How many actors, by degree."),
                    focus: str | None = Query(None, description="An entity id: only its neighbourhood."),
                    depth: int = Query(1, ge=1, le=3, description="Hops around the focus actor."),
                    isolates: bool = Query(False, description="Keep actors with no edge to another shown actor."),
                    store: Store = Depends(get_store)) -> JSONResponse:
        """Actor network: the top actors by degree (x, y laid out in [0, 1]) and one edge per source, target
        and PLOVER type with its count of story events."""
        net = network_view(store, etype=type, since=since, until=until, top=top, focus=focus or None,
                           depth=depth, isolates=isolates)
        _with_colour(net["edges"])
        return _json(net)

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(q: str | None = Q_, speaker: str | None = None, limit: int = LIMIT_, offset: int = OFFSET_,
                   page: int | None = PAGE_, store: Store = Depends(get_store)) -> JSONResponse:
        """Quotes with speakers resolved to entities (speaker: an entity id), latest first; {items, total, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.quotes_page(store, q, speaker, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/claims", tags=["claims"])
    def api_claims(q: str | None = Q_, limit: int = LIMIT_, offset: int = OFFSET_, page: int | None = PAGE_,
                   store: Store = Depends(get_store)) -> JSONResponse:
        """Claims grouped across articles, most-sourced first, with the articles that carry them; {items, total, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.claims_page(store, q, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/contradictions", tags=["claims"])
    def api_contradictions(q: str | None = Q_, limit: int = LIMIT_, offset: int = OFFSET_,
                           page: int | None = PAGE_, store: Store = Depends(get_store)) -> JSONResponse:
        """Contradictions, each side with its article; {items, total, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.contradictions_page(store, q, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/sources", tags=["articles"])
    def api_sources(q: str | None = Q_, limit: int = LIMIT_, offset: int = OFFSET_, page: int | None = PAGE_,
                    store: Store = Depends(get_store)) -> JSONResponse:
        """Source profiles: trust, machine translation, content farm, copies; {items, total, ...}."""
        lim, off = L.window(limit, offset, page)
        items, total = L.sources_page(store, q, lim, off)
        return _json(L.envelope(items, total, q, lim, off))

    @app.get("/api/search", tags=["store"])
    def api_search(q: str = "", limit: int = Query(50, ge=1, le=1000), store: Store = Depends(get_store)) -> JSONResponse:
        """Articles (title/body) and entities (name/alias) containing q."""
        return _json(Q.search(store, q, limit=limit))

    # ---------------------------------------------------------------- HTML views
    def listing(request: Request, fetch, q: str | None, limit: int | None, page_no: int | None,
                **params: str | None) -> L.Listing:
        lim, off = L.window(limit, None, page_no)
        items, total = fetch(q or None, lim, off)
        return L.Listing(L.envelope(items, total, q, lim, off), {"q": q, **params})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, store: Store = Depends(get_store)):
        return page(request, "index.html", summary=Q.store_summary(store),
                    articles=L.articles_page(store, None, 20, 0)[0], entities=Q.entity_rows(store, limit=15))

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, q: str | None = None, limit: int | None = None, page_no: int | None = Query(None, alias="page"),
                      store: Store = Depends(get_store)):
        lst = listing(request, lambda *a: L.articles_page(store, *a), q, limit, page_no)
        return page(request, "articles.html", listing=lst, q="")

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str, store: Store = Depends(get_store)):
        art = Q.article(store, doc_id)
        if art is None:
            raise not_found("article")
        return page(request, "article.html", art=art, body=highlight(art["body"], article_spans(art)))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, q: str | None = None, type: str | None = None, limit: int | None = None,
                      page_no: int | None = Query(None, alias="page"), store: Store = Depends(get_store)):
        lst = listing(request, lambda q_, lim, off: L.entities_page(store, q_, type or None, lim, off, max_docs=0), q, limit,
                      page_no, type=type)
        return page(request, "entities.html", listing=lst, etype=type or "", q="")

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, store: Store = Depends(get_store)):
        ent = Q.entity(store, entity_id, limit=ENTITY_ROWS)
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
        return page(request, "network.html", types=Q.plover_types(store), default_top=DEFAULT_TOP, max_top=MAX_TOP)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, q: str | None = None, limit: int | None = None,
                    page_no: int | None = Query(None, alias="page"), store: Store = Depends(get_store)):
        lst = listing(request, lambda *a: L.claims_page(store, *a), q, limit, page_no)
        docs = {m["doc_id"] for c in lst["items"] for m in c["members"]} | {d for c in lst["items"] for d in c["docs"]}
        return page(request, "claims.html", listing=lst, titles=L.titles(store, docs), q="")

    @app.get("/contradictions", response_class=HTMLResponse, include_in_schema=False)
    def contradictions_page(request: Request, q: str | None = None, limit: int | None = None,
                            page_no: int | None = Query(None, alias="page"), store: Store = Depends(get_store)):
        lst = listing(request, lambda *a: L.contradictions_page(store, *a), q, limit, page_no)
        docs = {c[k]["doc_id"] for c in lst["items"] for k in ("a", "b") if c[k].get("doc_id")}
        return page(request, "contradictions.html", listing=lst, titles=L.titles(store, docs), q="")

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, q: str | None = None, limit: int | None = None,
                     page_no: int | None = Query(None, alias="page"), store: Store = Depends(get_store)):
        lst = listing(request, lambda *a: L.sources_page(store, *a), q, limit, page_no)
        return page(request, "sources.html", listing=lst, q="")

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
