"""The app's pages and its small JSON API. Every string from the exports goes through the
autoescaping templates or JSON; nothing is ever inserted into a page as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from cuidado.locales import LANGUAGES, direction, gettext, normalise
from cuidado.report.model import build_report
from cuidado.report.photo_checks import still_checking_text
from cuidado.report.plan import load_plan, mark_actions_done
from cuidado.report.render import build_html, environment, template_context
from cuidado.report.thumbs import Thumbnailer, media_path, redacted_items
from cuidado.web.context import item_context
from cuidado.web.jobs import UploadError
from cuidado.web.paging import cut
from cuidado.web.security import CSP

HERE = Path(__file__).parent
STATIC = {
    "app.js": (HERE / "static" / "app.js", "text/javascript; charset=utf-8"),
    "app.css": (HERE / "static" / "app.css", "text/css; charset=utf-8"),
    "cuidado.css": (HERE.parent / "report" / "assets" / "cuidado.css", "text/css; charset=utf-8"),
}
SEVERITIES = ("high", "medium", "low")
PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube", "whatsapp", "files")
_KIND = re.compile(r"^[a-z_]{2,30}(\.[a-z_]{2,40})?$")
_ID = r"([A-Za-z0-9_-]{1,64})"


def routes():
    return [
        ("GET", r"/", index),
        ("GET", rf"/item/{_ID}", item),
        ("GET", rf"/step/{_ID}", step),
        ("GET", rf"/thumb/{_ID}", thumb),
        ("GET", r"/static/([a-z]+\.(?:js|css))", static),
        ("GET", r"/report\.html", report_download),
        ("GET", r"/api/progress", progress),
        ("POST", r"/api/batch", new_batch),
        ("POST", r"/api/upload", upload),
        ("POST", r"/api/scan", start_scan),
        ("POST", r"/actions", actions),
        ("POST", r"/clean", clean_copies),
        ("POST", r"/lang", set_lang),
        ("POST", r"/quit", quit_app),
        ("GET", r"/favicon\.ico", no_content),
        ("GET", r"/guide", guide_page),
        ("GET", r"/guide/([a-z]{1,20})", guide_page),
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


def render(app, request, name: str, status: str = "200 OK", **context):
    from cuidado.web.app import Response

    template = environment(str(HERE / "templates")).get_template(name)
    lang = request.lang
    html = template.render(
        lang=lang,
        dir=direction(lang),
        languages=LANGUAGES,
        csrf=app.guard.csrf,
        links=AppLinks(app.guard.csrf),
        csp=CSP,
        **template_context(lang),
        **context,
    )
    return Response(html.encode("utf-8"), status, headers=[("Content-Language", lang), ("Vary", "Accept-Language")])


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


def _plan(app, store, lang: str):
    return app.plan_builder(store, lang) if app.plan_builder else None


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

            model = build_report(
                store,
                request.lang,
                plan=_plan(app, store, request.lang),
                filters=_filters(request),
                per_group=2000 if request.arg("all") else 50,
                thumb=thumb,
            )
    finally:
        store.close()
    pagers = _paginate(model, request.query) if model else {}
    return render(
        app,
        request,
        "index.html",
        m=model,
        job=_job_in(app.job.status(), request.lang),
        scanned=bool(request.arg("scanned")),
        pagers=pagers,
        next_path=_this_path(request),
        still_checking=lambda done, total: still_checking_text(done, total, request.lang),
    )


def _paginate(model: dict, query: dict) -> dict:
    """Cut the long lists to the asked page of each; returns each list's pager (or None)."""
    from cuidado.remediation.clean_copies import offers_clean_copies

    pagers = dict.fromkeys(("findings", "plan", "timeline", "skipped"))
    flat = [(index, f) for index, g in enumerate(model["groups"]) for f in g["findings"]]
    shown, pagers["findings"] = cut(flat, query, "findings")
    last = {}
    for index, f in flat:
        last[index] = f
    groups = []
    for index, g in enumerate(model["groups"]):
        mine = [f for i, f in shown if i == index]
        if mine:  # a group's "and N more" shows with its last finding
            groups.append({**g, "findings": mine, "more": g["more"] if mine[-1] is last[index] else 0})
    model["groups"] = groups
    if model.get("plan"):
        model["plan"] = {**model["plan"]}
        actions = [{**a, "clean_copies": offers_clean_copies(a)} for a in model["plan"].get("actions", [])]
        model["plan"]["actions"], pagers["plan"] = cut(actions, query, "plan")
    if model.get("dated"):
        model["dated"] = {**model["dated"]}
        model["dated"]["entries"], pagers["timeline"] = cut(model["dated"]["entries"], query, "timeline")
    model["skipped"], pagers["skipped"] = cut(model["skipped"], query, "skipped")
    return pagers


def _this_path(request) -> str:
    """Where a form on this page comes back to: the same lists at the same pages."""
    from urllib.parse import urlencode as encode

    pairs = [(k, v) for k, values in request.query.items() if k not in ("scanned", "token") for v in values]
    return request.path + ("?" + encode(pairs) if pairs else "")


def step(app, request):
    """One plan step with every item it covers, a page at a time (the plan shows the first 20)."""
    from cuidado.remediation.clean_copies import offers_clean_copies

    store = app.store()
    try:
        plan = _plan(app, store, request.lang) or load_plan(store, request.lang)[0]
    finally:
        store.close()
    action = next((a for a in (plan or {}).get("actions", []) if a["id"] == request.params[0]), None)
    if action is None:
        return render(app, request, "message.html", "404 Not Found", message_key="unknown_action")
    path = "/step/" + action["id"]
    items, pager = cut(action.get("items") or [], request.query, "items", path)
    return render(
        app,
        request,
        "step.html",
        a={**action, "clean_copies": offers_clean_copies(action)},
        shown=items,
        pager_items=pager,
        next_path=_this_path(request),
    )


def _job_in(job: dict, lang: str) -> dict:
    """The scan's outcome with each input's problem said in the page's language."""
    from cuidado.inputs.problems import problem_text

    job["inputs"] = [
        {**entry, "error": problem_text(entry["problem"], lang)} if entry.get("problem") else entry
        for entry in job["inputs"]
    ]  # copies: the scan's own record stays as it was
    return job


def item(app, request):
    store = app.store()
    try:
        context = item_context(store, request.params[0], request.lang)
    finally:
        store.close()
    if context is None:
        return render(app, request, "message.html", "404 Not Found", message_key="not_found")
    return render(app, request, "item.html", c=context)


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
        html = build_html(store, request.lang, plan=_plan(app, store, request.lang))
    finally:
        store.close()
    return Response(
        html.encode("utf-8"), headers=[("Content-Disposition", 'attachment; filename="cuidado-report.html"')]
    )


def guide_page(app, request):
    """How to download one's data: every platform, or one (the same steps as `cuidado guide`)."""
    from cuidado.inputs.guide import PLATFORMS, guide, guides

    wanted = request.params[0] if request.params else None
    if wanted is not None and wanted not in PLATFORMS:
        return render(app, request, "message.html", "404 Not Found", message_key="not_found")
    entries = [guide(wanted, request.lang)] if wanted else guides(request.lang)
    return render(
        app, request, "guide.html", entries=entries, platforms=PLATFORMS, one=wanted is not None, next_path=request.path
    )


def no_content(app, request):
    from cuidado.web.app import Response

    return Response(b"", "204 No Content", "text/plain")


def progress(app, request):
    status = app.job.status()
    if status.get("error"):  # an unexpected failure: said in the page's language, the detail after it
        _ = gettext(request.lang)
        status["error"] = (
            _("The scan stopped because of an unexpected problem; what was read until then is kept.")
            + f" ({status['error']})"
        )
    return _json(status)


def new_batch(app, request):
    from cuidado.store import WorkspaceError

    try:
        return _json({"batch": app.uploads.new_batch()})
    except WorkspaceError as exc:
        return _json({"error": exc.text(request.lang)}, "400 Bad Request")


def upload(app, request):
    _ = gettext(request.lang)
    name = request.arg("name")
    try:
        length = int(request.environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    try:
        app.uploads.save(request.arg("batch"), name, request.environ["wsgi.input"], length)
    except UploadError as exc:  # the file's name, then the problem, in the page's language
        return _json({"error": f"{Path(name).name or '?'}: {_(str(exc))}"}, "400 Bad Request")
    return _json({"ok": True})


def start_scan(app, request):
    _ = gettext(request.lang)
    try:
        paths = app.uploads.inputs(request.arg("batch"))
    except UploadError as exc:
        return _json({"error": _(str(exc))}, "400 Bad Request")
    if not paths:
        return _json({"error": _("No files were chosen.")}, "400 Bad Request")
    batch = request.arg("batch")
    # Encrypted workspace: the uploaded copies are deleted once read (the person keeps their download).
    after = (lambda: app.uploads.discard(batch)) if app.passphrase is not None else None
    if not app.job.launch(paths, after=after):
        return _json({"error": _("Please wait: cuidado is still reading.")}, "409 Conflict")
    return _json({"started": True})


def actions(app, request):
    """Mark plan steps done (done=1, the default) or not done (done=0, undo), one small form per step.
    The page's script asks for JSON and stays where it is; without script the browser comes back
    to the same step."""
    from cuidado.remediation.progress import unmark_done
    from cuidado.web.app import redirect

    ids = [a for a in request.form.get("action", []) if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", a)]
    done = (request.form.get("done") or ["1"])[-1] != "0"
    if ids:
        store = app.store()
        try:
            if done:
                (app.mark_done or (lambda s, i: mark_actions_done(s, i, request.lang)))(store, ids)
            else:
                unmark_done(store, ids)
        except ValueError:
            return render(app, request, "message.html", "400 Bad Request", message_key="unknown_action")
        finally:
            store.close()
    if "application/json" in (request.environ.get("HTTP_ACCEPT") or ""):
        _ = gettext(request.lang)
        return _json(
            {
                "actions": ids,
                "done": done,
                "message": _("Saved: marked as done.") if done else _("Saved: marked as not done."),
            }
        )
    back = (request.form.get("next") or [""])[0]
    anchor = f"#a-{ids[0]}" if len(ids) == 1 else "#plan"
    return redirect((same_app_path(back) if back else "/") + anchor)


def clean_copies(app, request):
    """The clean copies a plan step asks for (`cuidado scrub`), as one zip to download.

    Unencrypted workspace: the copies stay in its clean/ folder, like `cuidado scrub --out`.
    Encrypted workspace: they are made in a private folder inside it and deleted before the zip
    is sent, so nothing readable is left in the workspace (the download is the person's)."""
    import io
    import secrets
    import zipfile

    from cuidado.remediation.clean_copies import make_clean_copies, offers_clean_copies
    from cuidado.store.folder import claim
    from cuidado.store.purge import remove_tree
    from cuidado.web.app import Response

    action_id = (request.form.get("action") or [""])[0]
    store = app.store()
    try:
        plan = _plan(app, store, request.lang)
        if plan is None:
            plan, _error = load_plan(store, request.lang)
        action = next((a for a in (plan or {}).get("actions", []) if a["id"] == action_id), None)
        if action is None or not offers_clean_copies(action):
            return render(app, request, "message.html", "400 Bad Request", message_key="unknown_action")
        claim(app.workspace)
        encrypted = app.passphrase is not None
        folder = (
            app.workspace / "run" / f"clean-{secrets.token_hex(6)}"
            if encrypted
            else app.workspace / "clean" / action_id
        )
        if folder.exists():
            remove_tree(folder)  # a fresh set each time: no copy of a file the step no longer covers
        folder.parent.mkdir(mode=0o700, exist_ok=True)
        try:
            made = make_clean_copies(store, [i["item"] for i in action["items"]], folder)
            data = io.BytesIO()
            with zipfile.ZipFile(data, "w", zipfile.ZIP_STORED) as archive:  # photos are compressed already
                for path in made.made:
                    archive.write(path, path.name)
        finally:
            if encrypted:
                remove_tree(folder)
    finally:
        store.close()
    if not made.made:
        return render(
            app, request, "message.html", "422 Unprocessable Entity", message_key="no_clean_copies", failed=made.failed
        )
    return Response(
        data.getvalue(),
        content_type="application/zip",
        headers=[("Content-Disposition", f'attachment; filename="cuidado-clean-copies-{action_id}.zip"')],
    )


def set_lang(app, request):
    from cuidado.web.app import redirect

    app.lang = normalise((request.form.get("lang") or ["en"])[0])
    app.lang_chosen = True  # from now on the person's choice, not the browser's language
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
    response = render(app, request, "message.html", message_key="stopped")
    if app.on_quit:
        app.on_quit()
    return response
