"""The command line in Spanish, end to end: `--lang es` and `LANG=es_MX.UTF-8` give the whole demo
flow, every `--help` and click's own messages in Spanish, with no English left (scanned against the
catalogs); typed kinds in Spanish; the summary table within 80 columns."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from untranslated import english_left

from conftest import export_paths
from cuidado.cli import COMMANDS
from cuidado.detectors.registry import CATALOGUE

CLI = Path(__file__).parents[1] / "src" / "cuidado" / "cli"


def run(*args, env: dict | None = None, lang_env: str | None = None) -> subprocess.CompletedProcess:
    """`cuidado ARGS` in a clean environment: no language set unless `lang_env` (a LANG) is given."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("CUIDADO_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    if lang_env:
        clean["LANG"] = lang_env
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cuidado", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env=clean,
        stdin=subprocess.DEVNULL,
    )


def spanish(proc: subprocess.CompletedProcess) -> str:
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text, text
    left = english_left(text)
    assert not left, left
    return text


@pytest.fixture(scope="module", params=["flag", "locale"])
def flow(request, tiny_exports, tmp_path_factory):
    """A Spanish scan of the tiny exports, asked for with --lang es or with LANG=es_MX.UTF-8."""
    out, labels = tiny_exports
    ws = tmp_path_factory.mktemp(f"es-{request.param}") / "ws"
    if request.param == "flag":

        def cuidado(*args):
            return run(*args, "--lang", "es")
    else:

        def cuidado(*args):
            return run(*args, lang_env="es_MX.UTF-8")

    scan = cuidado("scan", "--quiet", "--workspace", ws, *export_paths(out, labels))
    assert scan.returncode == 0, scan.stdout + scan.stderr
    return cuidado, ws, scan


def test_the_demo_flow_has_no_english_left(flow, tmp_path):
    cuidado, ws, scan = flow
    text = spanish(scan)
    assert "Lo que leyó cuidado" in text and "Qué hacer ahora:" in text
    assert f"cuidado findings --workspace {ws}" in text  # the next steps name the workspace given
    for args in (
        ("summary",),
        ("findings", "--limit", "20"),
        ("profile",),
        ("plan", "--limit", "5"),
        ("timeline",),
        ("check", "--text", "Vivo en 630 Sansome St, llámeme al 415-555-0199"),
    ):
        proc = cuidado(*args, "--workspace", ws)
        assert proc.returncode == 0, proc.stderr
        spanish(proc)
    assert "Riesgo alto" in cuidado("check", "--text", "Vivo en 630 Sansome St", "--workspace", ws).stdout
    report = cuidado("report", "--no-thumbnails", "--out", tmp_path / "informe.html", "--workspace", ws)
    assert report.returncode == 0 and "Se escribió" in spanish(report)
    wrong = cuidado("mark", "no-such-action", "--workspace", ws)
    assert wrong.returncode == 1 and "no está en el plan" in spanish(wrong)


def test_errors_and_click_messages_are_in_spanish(tmp_path):
    missing = run("scan", "--lang", "es")
    assert missing.returncode == 2 and "Falta el argumento" in spanish(missing)
    unknown = run("scna", lang_env="es_MX.UTF-8")
    assert unknown.returncode == 2 and "No existe el comando" in spanish(unknown)
    nothing = run("findings", "--lang", "es", "--workspace", tmp_path / "nada")
    assert nothing.returncode == 3 and "Todavía no se ha analizado nada" in spanish(nothing)
    bad_choice = run("findings", "--severity", "enorme", lang_env="es_MX.UTF-8")
    assert bad_choice.returncode == 2 and "no es uno de estos" in spanish(bad_choice)


@pytest.mark.parametrize("command", [None, *(c.name for c in COMMANDS)])
def test_every_help_is_in_spanish(command):
    args = [command] if command else []
    for proc in (
        run(*args, "--help", "--lang", "es") if command else run("--help", lang_env="es_MX.UTF-8"),
        run(*args, "--help", lang_env="es_MX.UTF-8"),
    ):
        assert proc.returncode == 0, proc.stderr
        text = spanish(proc)
        assert text.startswith("Uso:") and "Mostrar este mensaje y salir." in text
        assert "[OPCIONES]" in text and "Options" not in text and "Usage" not in text
    english = run(*args, "--help")
    assert english.stdout.startswith("Usage:") and "Show this message and exit." in english.stdout


def test_cuidado_lang_beats_the_system_locale_and_lang_beats_both():
    assert run("--help", env={"CUIDADO_LANG": "en"}, lang_env="es_MX.UTF-8").stdout.startswith("Usage:")
    assert run("--help", env={"CUIDADO_LANG": "es"}).stdout.startswith("Uso:")
    assert run("guide", "--help", "--lang", "en", env={"CUIDADO_LANG": "es"}).stdout.startswith("Usage:")


def test_summary_table_fits_80_columns_in_both_languages(flow):
    cuidado, ws, _ = flow
    for lang in ("en", "es"):
        proc = run("summary", "--lang", lang, "--workspace", ws)
        lines = proc.stdout.splitlines()
        rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
        table = lines[rule - 2 : next(i for i, line in enumerate(lines) if line.startswith(("Files", "Archivos")))]
        assert table and max(len(line.rstrip()) for line in table) <= 80, "\n".join(table)
        assert ("Facebook" in proc.stdout) and re.search(r"\d+ (posts|publicaciones)", proc.stdout)


def test_kinds_are_typed_in_spanish_and_an_unknown_kind_is_an_error(flow):
    cuidado, ws, _ = flow

    def ids(*kinds: str) -> list[str]:
        args = [a for kind in kinds for a in ("--kind", kind)]
        proc = run("findings", "--json", *args, "--workspace", ws)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line)["id"] for line in proc.stdout.splitlines()]

    located = ids("location")
    assert located and ids("ubicacion") == ids("ubicación") == ids("Ubicación") == located
    assert ids("identidad.telefono") == ids("identidad.teléfono") == ids("identity.phone") != []
    for lang, valid in (("es", "ubicación.gps_foto"), ("en", "location.media_gps")):
        wrong = run("findings", "--kind", "ubicasion", "--lang", lang, "--workspace", ws)
        assert wrong.returncode != 0 and wrong.stdout == ""
        assert valid in wrong.stderr and "ubicasion" in wrong.stderr


def test_every_kind_has_a_spanish_name_that_resolves_back():
    from cuidado.cli.kinds import kind_name, resolve

    for kind in CATALOGUE.owner:
        name = kind_name(kind, "es")
        assert name != kind, kind
        assert resolve(name, "es") == resolve(kind, "en") == kind


@pytest.mark.parametrize("platform", ["facebook", "instagram", "tiktok", "x", "youtube", "whatsapp"])
def test_guide_for_each_platform_in_both_languages(platform):
    from cuidado.inputs.guide import guide

    english, spanish_guide = guide(platform, "en"), guide(platform, "es")
    assert english["steps"] and len(english["steps"]) == len(spanish_guide["steps"])
    assert all(e != s for e, s in zip(english["steps"], spanish_guide["steps"]))
    es = run("guide", platform, "--lang", "es")
    en = run("guide", platform, lang_env="C.UTF-8")
    assert es.returncode == en.returncode == 0
    text = spanish(es)
    assert "Cuánto tarda:" in text and "Cómo se llama el archivo:" in text
    assert "How long it takes:" in en.stdout and "What the file is called:" in en.stdout
    file_name = {
        "facebook": "facebook-",
        "instagram": "instagram-",
        "tiktok": "TikTok_Data_",
        "x": "twitter-",
        "youtube": "takeout-",
        "whatsapp": "_chat.txt",
    }[platform]
    assert file_name in text and file_name in en.stdout
    if platform not in ("x", "whatsapp"):  # X has no format to choose; WhatsApp exports text
        assert "JSON" in text and "JSON" in en.stdout


def test_guide_without_a_platform_lists_them_and_an_unknown_one_is_an_error():
    listing = run("guide", "--lang", "es")
    text = spanish(listing)
    assert all(f"cuidado guide {p}" in text for p in ("facebook", "instagram", "tiktok", "x", "youtube", "whatsapp"))
    wrong = run("guide", "myspace", "--lang", "es")
    assert wrong.returncode == 2 and "no es uno de estos" in spanish(wrong)


def test_click_messages_listed_for_the_catalog_are_clicks_own():
    """cli/click_texts.py must list click's real texts: a changed one would show in English."""
    import click
    from babel.messages.extract import extract_from_file

    from cuidado.cli.click_texts import click_messages

    clicks = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for _, message, _, _ in extract_from_file("python", str(source)):
            clicks.add(message if isinstance(message, str) else tuple(message))
    listed = set()
    click_messages(lambda text: listed.add(text) or text, lambda one, many, n: listed.add((one, many)) or one)
    # "required" reaches click's `_` through a variable (`_(extra["required"])`), so Babel cannot see it there.
    assert "required" in (Path(click.__file__).parent / "core.py").read_text()
    assert listed - {"required"} <= clicks, listed - clicks


def test_no_text_is_translated_inside_an_f_string():
    """Babel cannot see `_()` inside an f-string: such a text never reaches the catalog."""
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in ("_", "ngettext"):
                        pytest.fail(f"{path.name}:{inner.lineno}: a translated text inside an f-string")


def test_the_spanish_kind_names_in_readme_es_are_accepted():
    from cuidado.cli.kinds import fold, name, resolve

    families = {fold(name(family, "es")) for family in {kind.split(".")[0] for kind in CATALOGUE.owner}}
    readme = (Path(__file__).parents[1] / "README.es.md").read_text(encoding="utf-8")
    named = [n for n in re.findall(r"`([a-z_]+\.[a-z_]+)`", readme) if n.split(".")[0] in families]
    assert len(named) >= 20
    for typed in named:
        assert resolve(typed, "es") in CATALOGUE.owner, typed


def test_the_english_catalog_never_says_something_other_than_the_english_text():
    """A guessed (fuzzy) entry made active in en.po would replace a sentence with another one."""
    from babel.messages.mofile import read_mo

    from cuidado.locales import LOCALE_DIR

    with open(LOCALE_DIR / "en" / "LC_MESSAGES" / "cuidado.mo", "rb") as fh:
        catalog = read_mo(fh)
    wrong = [
        m.id
        for m in catalog
        if m.id and m.string and (m.string != m.id if isinstance(m.id, str) else tuple(m.string)[:2] != tuple(m.id))
    ]
    assert not wrong, wrong[:5]


def test_open_takes_a_typed_language_as_the_persons_choice(monkeypatch):
    """`cuidado open --lang es` (or $CUIDADO_LANG) wins over the browser's language; the system
    locale alone does not (the browser then says what the person reads)."""
    import click
    from click.testing import CliRunner

    from cuidado.cli.options import lang_option
    from cuidado.cli.report import language_was_chosen

    @click.command()
    @lang_option
    def probe(lang):
        click.echo(f"{lang} {language_was_chosen(click.get_current_context())}")

    monkeypatch.delenv("CUIDADO_LANG", raising=False)
    runner = CliRunner()
    assert runner.invoke(probe, ["--lang", "es"], env={"LANG": "en_US.UTF-8"}).output.strip() == "es True"
    assert runner.invoke(probe, [], env={"LANG": "es_MX.UTF-8"}).output.strip() == "es False"
    assert runner.invoke(probe, [], env={"CUIDADO_LANG": "es", "LANG": "C"}).output.strip() == "es True"
