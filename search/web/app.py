"""The web application: read-only routes, each page with its JSON twin, and the headers
that keep scraped text from running in the archivist's browser.

Every value from an article reaches the page through Jinja2's autoescaping; links
to the outside are shown only for http(s) URLs (`web_link`); the Content-Security-
Policy lets the page run its own scripts only (no inline script, no other host),
so even markup that slipped through could not run. Only GET and HEAD are routed:
nothing here writes to the archive.
"""
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import click
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from index.query import QueryError
from ingest.database import ArchiveError
from search.web import charts, views
from search.web.archive import Archive
from search.web.messages import date_vn, number_vn, translator, type_label, TYPES

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY"}


def web_link(url):
    """The URL when it is an http(s) link, else None (javascript:, data:, file names...)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(
        c in url for c in "\"'<>` \t\n\r") else None


@lru_cache(maxsize=8192)
def _quoted(value):
    return quote_plus(value)


def href(path, state=None, **changes):
    """A link to path keeping the state's parameters, with changes (None removes one).

    A page draws hundreds of these (two per facet value, one per unit and person
    named in a result): each value is quoted once and remembered."""
    params = dict(state or {})
    params.update(changes)
    defaults = {"page": 1, "size": views.PER_PAGE, "lang": "vi"}
    pairs = []
    for key, value in params.items():
        if value is None or value is False or value == "" or value == [] or defaults.get(key) == value:
            continue
        for v in (value if isinstance(value, list) else [value]):
            pairs.append(f"{key}={_quoted(str(v))}")
    return path + ("?" + "&".join(pairs) if pairs else "")


def marked(snippet, marks):
    """A snippet escaped, its marks (offsets, index.snippet) as <mark>: an article's own
    « » stay text."""
    from index.snippet import parts

    return Markup("").join(Markup("<mark>") + escape(piece) + Markup("</mark>") if hit else escape(piece)
                           for piece, hit in parts(snippet, marks))


def _environment():
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(href=href, web_link=web_link, date=date_vn, num=number_vn, TYPES=TYPES,
                       iso_time=views.iso_time, marked=marked)
    return env


class SecurityHeaders:
    """Adds the CSP and its companions to every response (static files too)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode().lower() not in HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)
        await self.app(scope, receive, with_headers)


def create_app(data_dir):
    """The Starlette application over the archive in data_dir."""
    archive = Archive(data_dir)
    env = _environment()

    def render(request, template, data, status=200, state=None, **extra):
        lang = "en" if request.query_params.get("lang") == "en" else "vi"
        if request.query_params.get("format") == "json":
            return JSONResponse(data, status_code=status)
        t = translator(lang)
        here = dict(request.query_params)
        page = env.get_template(template).render(
            data=data, state=state or {}, t=t, lang=lang, type_label=lambda v: type_label(t, v),
            path=request.url.path, other_lang=href(request.url.path, {**here, "lang": "vi" if lang == "en" else "en"}),
            json_link=href(request.url.path, {**here, "format": "json"}),
            lang_param=None if lang == "vi" else "en", **extra)
        return HTMLResponse(page, status_code=status)

    def failed(request, status, message):
        return render(request, "error.html", {"error": message}, status=status)

    def guarded(handler):
        def run(request):
            try:
                return handler(request)
            except QueryError as exc:
                t = translator("en" if request.query_params.get("lang") == "en" else "vi")
                return failed(request, 400, t("bad_query", reason=str(exc)))
            except click.ClickException as exc:
                return failed(request, 503, exc.message)
            except ArchiveError as exc:
                return failed(request, 503, str(exc))
        return run

    def search(request):
        state = views.state_from(request.query_params)
        export = request.query_params.get("export")
        if export in ("csv", "json"):
            body, media = views.export_search(archive, state, export)
            return _download(body, media, f"thidua-search.{export}")
        data = views.search_page(archive, state)
        years = (int(state["from"][:4]) if state["from"][:4].isdigit() else None,
                 int(state["to"][:4]) if state["to"][:4].isdigit() else None)
        return render(request, "search.html", data, state=state, histogram=charts.histogram(data["years"], years))

    def article(request):
        state = views.state_from(request.query_params)
        pos = request.query_params.get("pos", "")
        data = views.article_page(archive, request.path_params["id"], state,
                                  int(pos) if pos.isdigit() else None)
        if data is None:
            t = translator("en" if request.query_params.get("lang") == "en" else "vi")
            return failed(request, 404, t("no_article", id=request.path_params["id"]))
        return render(request, "article.html", data, state=state)

    def timeline_page(request, template, build):
        """A unit's or person's page (build(name) -> its data), or its timeline exported;
        without a name, the search page."""
        name = (request.query_params.get("name") or "").strip()
        if not name:
            return RedirectResponse(href("/", {"lang": request.query_params.get("lang")}), status_code=303)
        data = build(name, request.query_params.get("from") or None, request.query_params.get("to") or None)
        export = request.query_params.get("export")
        if export in ("csv", "json"):
            from search.cli.cmd_timeline import COLUMNS
            return _download(*views.export_rows(data["events"], COLUMNS, export), f"thidua-timeline.{export}")
        return render(request, template, data)

    def unit(request):
        cluster = bool(request.query_params.get("cluster"))
        return timeline_page(request, "unit.html",
                             lambda name, start, end: views.unit_page(archive, name, cluster, start, end))

    def person(request):
        return timeline_page(request, "person.html",
                             lambda name, start, end: views.person_page(archive, name, start, end))

    def stats(request):
        state = {k: (request.query_params.get(k) or "").strip() for k in views.STATS_FILTERS}
        data = views.stats_page(archive, state)
        export = request.query_params.get("export")
        if export in ("csv", "json"):
            return _download(*views.export_stats(data, export), f"thidua-stats.{export}")
        return render(request, "stats.html", data, state=state)

    def status(request):
        return render(request, "status.html", views.status_page(archive))

    routes = [
        Route("/", guarded(search), methods=["GET", "HEAD"]),
        Route("/article/{id:str}", guarded(article), methods=["GET", "HEAD"]),
        Route("/unit", guarded(unit), methods=["GET", "HEAD"]),
        Route("/person", guarded(person), methods=["GET", "HEAD"]),
        Route("/stats", guarded(stats), methods=["GET", "HEAD"]),
        Route("/status", guarded(status), methods=["GET", "HEAD"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
    app.state.archive = archive
    return app


def _download(body, media, name):
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})
