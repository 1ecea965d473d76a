"""The app's pages and its small JSON API. Every string from the exports goes through the
autoescaping templates or JSON; nothing is ever inserted into a page as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from cuidado.locales import LANGUAGES, direction, normalise
from cuidado.report.model import build_report
from cuidado.report.plan import mark_actions_done
from cuidado.report.render import build_html, environment, template_context
from cuidado.report.thumbs import Thumbnailer, media_path, redacted_items
from cuidado.web.context import item_context
from cuidado.report.photo_checks import still_checking_text
from cuidado.web.jobs import UploadError
from cuidado.web.security import CSP

HERE = Path(__file__).parent
STATIC = {"app.js": (HERE / "static" / "app.js", "text/javascript; charset=utf-8"),
          "app.css": (HERE / "static" / "app.css", "text/css; charset=utf-8"),
          "cuidado.css": (HERE.parent / "report" / "assets" / "cuidado.css", "text/css; charset=utf-8")}
SEVERITIES = ("high", "medium", "low")
PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube", "whatsapp", "files")
_KIND = re.compile(r"^[a-z_]{2,30}(\.[a-z_]{2,40})?$")
_ID = r"([A-Za-z0-9_-]{1,64})"


def routes():
    return [
        ("GET", r"/", index), ("GET", rf"/item/{_ID}", item), ("GET", rf"/thumb/{_ID}", thumb),
        ("GET", r"/static/([a-z]+\.(?:js|css))", static), ("GET", r"/report\.html", report_download),
        ("GET", r"/api/progress", progress), ("POST", r"/api/batch", new_batch), ("POST", r"/api/upload", upload),
        ("POST", r"/api/scan", start_scan), ("POST", r"/actions", actions), ("POST", r"/lang", set_lang),
        ("POST", r"/quit", quit_app), ("GET", r"/favicon\.ico", no_content),
        ("GET", r"/guide", guide_page), ("GET", r"/guide/([a-z]{1,20})", guide_page),
    ]


class AppLinks:
    interactive = True
    actions_url = "/actions"

    def __init__(self, csrf: str):
        self.csrf = csrf

    def section(self, name: str) -> str:
        return "/#" + name

    def item(self, record_id: str | None, finding_id: str | None = None) -> str | None:
        if not record_id or record_id.startswith("inference:"):
            return None
        return "/item/" + quote(record_id, safe="")

    def more(self, kind: str) -> str:
        return "/?" + urlencode({"kind": kind, "all": "1"}) + "#findings"


def render(app, name: str, status: str = "200 OK", **context):
    from cuidado.web.app import Response

    template = environment(str(HERE / "templates")).get_template(name)
    html = template.render(lang=app.lang, dir=direction(app.lang), languages=LANGUAGES, csrf=app.guard.csrf,
                           links=AppLinks(app.guard.csrf), csp=CSP, **template_context(app.lang), **context)
    return Response(html.encode("utf-8"), status)


def _json(data, status: str = "200 OK"):
    from cuidado.web.app import Response

    return Response(json.dumps(data, ensure_ascii=False).encode("utf-8"), status, "application/json; charset=utf-8")


def _filters(request) -> dict:
    filters = {}
    if request.arg("severity") in SEVERITIES:
        filters["severities"] = (request.arg("severity"),)
    if _KIND.match(request.arg("kind")):
        filters["kinds"] = (request.arg("kind"),)
    if request.arg("platform") in PLATFORMS:
        filters["platforms"] = (request.arg("platform"),)
    return filters


def _plan(app, store):
    return app.plan_builder(store, app.lang) if app.plan_builder else None


def index(app, request):
    store = app.store()
    try:
        model = None
        if store.has_records():
            inputs = store.input_paths()

            def thumb(record: dict, redact: bool) -> str | None:
                # No picture for an input that is gone (an encrypted workspace's deleted upload).
                paths = inputs.get(record["input"])
                return "/thumb/" + record["id"] if media_path(record) and paths and paths[0].exists() else None

            model = build_report(store, app.lang, plan=_plan(app, store), filters=_filters(request),
                                 per_group=2000 if request.arg("all") else 50, thumb=thumb)
    finally:
        store.close()
    return render(app, "index.html", m=model, job=_job_in(app.job.status(), app.lang),
                  scanned=bool(request.arg("scanned")),
                  still_checking=lambda done, total: still_checking_text(done, total, app.lang))


def _job_in(job: dict, lang: str) -> dict:
    """The scan's outcome with each input's problem said in the page's language."""
    from cuidado.inputs.problems import problem_text

    job["inputs"] = [{**entry, "error": problem_text(entry["problem"], lang)} if entry.get("problem") else entry
                     for entry in job["inputs"]]  # copies: the scan's own record stays as it was
    return job


def item(app, request):
    store = app.store()
    try:
        context = item_context(store, request.params[0], app.lang)
    finally:
        store.close()
    if context is None:
        return render(app, "message.html", "404 Not Found", message_key="not_found")
    return render(app, "item.html", c=context)


def thumb(app, request):
    from cuidado.web.app import Response

    record_id = request.params[0]
    cached = app.thumbs.get(record_id)
    if cached is None:
        store = app.store()
        try:
            record = store.record(record_id)
            redact = bool(redacted_items(store, [record_id]))
            paths = store.input_paths().get(record["input"], ()) if record else ()
        finally:
            store.close()
        path = media_path(record) if record else None
        if not path:
            return Response(b"", "404 Not Found", "text/plain")
        with Thumbnailer(limit=1) as thumbnailer:
            cached = thumbnailer.jpeg(paths, path, redact) or b""
        if len(app.thumbs) < 2000:  # in memory only, never written to disk
            app.thumbs[record_id] = cached
    if not cached:
        return Response(b"", "404 Not Found", "text/plain")
    return Response(cached, content_type="image/jpeg")


def static(app, request):
    from cuidado.web.app import Response

    found = STATIC.get(request.params[0])
    if not found:
        return Response(b"Not found", "404 Not Found", "text/plain")
    return Response(found[0].read_bytes(), content_type=found[1])


def report_download(app, request):
    from cuidado.web.app import Response

    store = app.store()
    try:
        html = build_html(store, app.lang, plan=_plan(app, store))
    finally:
        store.close()
    return Response(html.encode("utf-8"), headers=[
        ("Content-Disposition", 'attachment; filename="cuidado-report.html"')])


def guide_page(app, request):
    """How to download one's data: every platform, or one (the same steps as `cuidado guide`)."""
    from cuidado.inputs.guide import PLATFORMS, guide, guides

    wanted = request.params[0] if request.params else None
    if wanted is not None and wanted not in PLATFORMS:
        return render(app, "message.html", "404 Not Found", message_key="not_found")
    entries = [guide(wanted, app.lang)] if wanted else guides(app.lang)
    return render(app, "guide.html", entries=entries, platforms=PLATFORMS, one=wanted is not None,
                  next_path=request.path)


def no_content(app, request):
    from cuidado.web.app import Response

    return Response(b"", "204 No Content", "text/plain")


def progress(app, request):
    return _json(app.job.status())


def new_batch(app, request):
    from cuidado.store import WorkspaceError

    try:
        return _json({"batch": app.uploads.new_batch()})
    except WorkspaceError as exc:
        return _json({"error": exc.text(app.lang)}, "400 Bad Request")


def upload(app, request):
    try:
        length = int(request.environ.get("CONTENT_LENGTH") or -1)
        app.uploads.save(request.arg("batch"), request.arg("name"), request.environ["wsgi.input"], length)
    except (UploadError, ValueError) as exc:
        return _json({"error": str(exc)}, "400 Bad Request")
    return _json({"ok": True})


def start_scan(app, request):
    try:
        paths = app.uploads.inputs(request.arg("batch"))
    except UploadError as exc:
        return _json({"error": str(exc)}, "400 Bad Request")
    if not paths:
        return _json({"error": "nothing was uploaded"}, "400 Bad Request")
    batch = request.arg("batch")
    # Encrypted workspace: the uploaded copies are deleted once read (the person keeps their download).
    after = (lambda: app.uploads.discard(batch)) if app.passphrase is not None else None
    if not app.job.launch(paths, after=after):
        return _json({"error": "a scan is already running"}, "409 Conflict")
    return _json({"started": True})


def actions(app, request):
    from cuidado.web.app import redirect

    ids = [a for a in request.form.get("action", []) if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", a)]
    if ids:
        store = app.store()
        try:
            (app.mark_done or (lambda s, i: mark_actions_done(s, i, app.lang)))(store, ids)
        except ValueError:
            return render(app, "message.html", "400 Bad Request", message_key="unknown_action")
        finally:
            store.close()
    return redirect("/#plan")


def set_lang(app, request):
    from cuidado.web.app import redirect

    app.lang = normalise((request.form.get("lang") or ["en"])[0])
    return redirect(same_app_path((request.form.get("next") or ["/"])[0]))


# A path on this app, in visible ASCII: no scheme, no "//host", no backslash, and no control
# character or space (a CR/LF would forge a header; browsers drop tabs, so "/\t/evil" is "//evil").
_APP_PATH = re.compile(r"/(?![/\\])[!-~]*")


def same_app_path(target: str) -> str:
    """Where to go back to after a form: `target` when it is a path on this app, else "/"."""
    if not _APP_PATH.fullmatch(target) or "\\" in target:
        return "/"
    return target


def quit_app(app, request):
    response = render(app, "message.html", message_key="stopped")
    if app.on_quit:
        app.on_quit()
    return response
