"""How to get one's data out: the web app's first page links to /guide, which shows the same steps
as `cuidado guide` (one source: cuidado/inputs/guide.py), in the page's language."""

from __future__ import annotations

from test_report import Page
from test_web import Client, run_app, stop
from untranslated import english_left

from cuidado.inputs.guide import PLATFORMS, guide


def test_first_page_links_to_the_guide_and_the_guide_shows_every_platform(tmp_path):
    app, server, thread = run_app(tmp_path / "ws")
    client = Client(app)
    try:
        assert 'href="/guide"' in client.html("/")
        page = Page(client.html("/guide")).plain()
        for platform in PLATFORMS:
            steps = guide(platform, "en")
            assert steps["name"] in page and steps["steps"][0] in page and steps["time"] in page
        one = Page(client.html("/guide/tiktok")).plain()
        assert guide("tiktok", "en")["file"] in one and guide("facebook", "en")["steps"][0] not in one
        assert client.get("/guide/myspace")[0] == 404
        client.post_form("/lang", [("lang", "es"), ("csrf", app.guard.csrf)])
        spanish = Page(client.html("/guide/youtube")).plain()
        assert "Cómo descargar sus datos de YouTube" in spanish
        assert all(step in spanish for step in guide("youtube", "es")["steps"])
        assert not english_left(spanish), english_left(spanish)
        assert not english_left(Page(client.html("/guide")).plain())
    finally:
        stop(server, thread)
