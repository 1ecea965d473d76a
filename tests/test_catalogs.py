"""One translation system: every user-facing string is in the gettext catalogs, complete in English
and Spanish, with counts through ngettext, and the compiled .mo files match their .po files.

Two kinds of test: the catalogs themselves (extracted from the code now, so a string added in the
code without its Spanish fails), and rules on the code read as a syntax tree (no hand-built
{"en": …, "es": …} tables; no user-facing error raised, or line printed, from a bare literal)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from cuidado.locales import LOCALE_DIR

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cuidado"

# What other helpers were still converting when this test was written (files with {"en", "es"}
# tables; template counts with "(s)"): empty now, and nothing may be added here.
LEFT_TO_OTHER_HELPERS = {
    "language_dicts": set(),  # the CLI is in the catalogs now
    "plain_counts": set(),  # the templates count through {% pluralize %} now
}
# Dicts keyed by language that are not translations: each language's name in itself, and the
# common words the language guesser counts.
NOT_TRANSLATIONS = {("locales/__init__.py", "LANGUAGES"), ("detectors/language.py", "_COMMON")}
# Developer tools, run by whoever builds cuidado, never by the person: their output is not translated.
DEVELOPER_TOOLS = ("fixtures/", "report/basemap_build.py")


def _catalog(lang: str):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "cuidado.po", "rb") as fh:
        return read_po(fh)


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


@pytest.fixture(scope="module")
def extracted() -> dict:
    """(msgid, context) -> plural msgid or None, for every string the code and templates mark, extracted now."""
    with open(LOCALE_DIR / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    for _file, _line, message, _comments, context in extract_from_dir(PACKAGE, method_map, options_map):
        forms = _forms(message)
        found[(forms[0], context)] = forms[1] if len(forms) > 1 else None
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_marked_string_is_in_the_catalog_and_translated(extracted, lang):
    catalog = _catalog(lang)
    missing, empty, not_plural = [], [], []
    for (msgid, context), plural in extracted.items():
        message = catalog.get(msgid, context=context)
        if message is None:
            missing.append(msgid)
            continue
        if plural is not None and not isinstance(message.id, (list, tuple)):
            not_plural.append(msgid)
        if not all(_forms(message.string)) or "fuzzy" in message.flags:
            empty.append(msgid)
    assert not missing, f"not in {lang} catalog (run the pybabel commands in cuidado/locales): {missing[:10]}"
    assert not empty, f"no {lang} translation yet: {empty[:10]}"
    assert not not_plural, f"counted in the code, not plural in the {lang} catalog: {not_plural[:10]}"


def test_spanish_has_every_plural_form():
    catalog = _catalog("es")
    assert catalog.num_plurals == 3  # Babel's "es": one, many (millions), other
    for message in catalog:
        if message.id and isinstance(message.id, (list, tuple)):
            assert len(message.string) == 3 and all(message.string), message.id


_PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w*(?::[^}]*)?\}")


def test_translations_keep_every_placeholder():
    """Nothing added, nothing dropped; only a singular may drop a count ("its only file")."""
    for message in _catalog("es"):
        if not message.id:
            continue
        ids = _forms(message.id)
        every = set(_PLACEHOLDERS.findall(" ".join(ids)))
        for index, form in enumerate(_forms(message.string)):
            got = set(_PLACEHOLDERS.findall(form))
            assert got <= every, (message.id, form)
            if len(ids) == 1 or index > 0:  # not a singular: it says everything its English says
                assert set(_PLACEHOLDERS.findall(ids[-1])) <= got, (message.id, form)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_compiled_catalog_is_the_current_po(lang):
    """A .po edited without `pybabel compile` would ship the old words."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "cuidado.mo", "rb") as fh:
        compiled = {m.id if isinstance(m.id, str) else tuple(m.id): _forms(m.string) for m in read_mo(fh) if m.id}
    source = {
        m.id if isinstance(m.id, str) else tuple(m.id): _forms(m.string)
        for m in _catalog(lang)
        if m.id and all(_forms(m.string)) and "fuzzy" not in m.flags
    }
    assert compiled == source, f"{lang}: run pybabel compile -d src/cuidado/locales -D cuidado"


def test_counts_go_through_ngettext_not_parenthesised_plurals():
    """ "1 elementos", "(1 elementos)", "elemento(s)": a count picks its grammatical form."""
    left = LEFT_TO_OTHER_HELPERS["plain_counts"]
    for lang in ("en", "es"):
        for message in _catalog(lang):
            if not message.id or _forms(message.id)[0] in left:
                continue
            for text in _forms(message.id) + _forms(message.string):
                assert not re.search(r"\w\((s|es)\)", text), (lang, message.id)


def test_one_term_per_idea_and_no_evidence_list():
    """'Puntaje' is the score (not also 'puntuación'); the workspace is the 'carpeta de trabajo'; and
    a person is never told to remove items from a list of 'pruebas' (legal evidence: keep it)."""
    spanish = " ".join(s for m in _catalog("es") if m.id for s in _forms(m.string)).lower()
    english = " ".join(i for m in _catalog("en") if m.id for i in _forms(m.id)).lower()
    assert "puntuación" not in spanish
    assert "espacio de trabajo" not in spanish
    assert "lista de pruebas" not in spanish and "listed as evidence" not in english


# --- rules on the code ------------------------------------------------------------------------------


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _assigned_name(tree: ast.AST, node: ast.Dict) -> str | None:
    for parent in ast.walk(tree):
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            return next((t.id for t in targets if isinstance(t, ast.Name)), None)
    return None


def test_no_hand_built_language_tables():
    """Text in both languages lives in the catalogs, never in a {"en": …, "es": …} dict."""
    found = []
    for name, tree in _modules():
        if name in LEFT_TO_OTHER_HELPERS["language_dicts"]:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if {"en", "es"} <= keys and (name, _assigned_name(tree, node)) not in NOT_TRANSLATIONS:
                    found.append(f"{name}:{node.lineno}")
    assert not found, f"language tables outside the catalogs: {found}"


def test_literal_messages_are_visible_to_babel():
    """`gettext(lang)("text")` translates at run time but Babel never extracts it (its first argument
    is the language): bind `_ = gettext(lang)` first, so the string reaches the catalogs."""
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Call)
        and node.args
        and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))
        and isinstance(getattr(node.args[0], "value", None) or "", str)
    ]
    assert not found, found


def test_the_exceptions_list_is_not_stale():
    for name in LEFT_TO_OTHER_HELPERS["language_dicts"]:
        assert (PACKAGE / name).exists(), f"{name} is gone: remove it from LEFT_TO_OTHER_HELPERS"


def _user_facing_errors() -> set[str]:
    """Exceptions whose message a person reads: every subclass of TranslatableError in the package."""
    names, changed = {"TranslatableError"}, True
    classes = [node for _name, tree in _modules() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    while changed:
        changed = False
        for node in classes:
            if node.name not in names and any(isinstance(b, ast.Name) and b.id in names for b in node.bases):
                names.add(node.name)
                changed = True
    return names


def _literal_text(node: ast.AST) -> bool:
    """A sentence written in place: a string or f-string with at least two words of letters."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return False
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def test_user_facing_errors_and_printed_lines_are_marked_for_translation():
    """`raise WorkspaceError("…")`, `SourceError(f"…")`, `print("…")`, `click.echo(f"…")` with a
    sentence written in place would reach the person in English whatever their language: the
    message must be marked (N_ or _) and translated where it is shown."""
    errors = _user_facing_errors()
    assert {"WorkspaceError", "SourceError", "ScrubError", "PdfError"} <= errors
    found = []
    for name, tree in _modules():
        if name in LEFT_TO_OTHER_HELPERS["language_dicts"] or name.startswith(DEVELOPER_TOOLS):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            printing = called == "print" and not isinstance(func, ast.Attribute) or called in ("echo", "secho")
            if (called in errors or printing) and _literal_text(node.args[0]):
                found.append(f"{name}:{node.lineno} {called}")
    assert not found, f"sentences not marked for translation: {found}"


def test_every_finding_kind_has_a_label_in_both_languages():
    """A kind without a label would show its raw name ("Face") to the person."""
    from cuidado.detectors.registry import CATALOGUE
    from cuidado.findings.labels import kind_labels
    from cuidado.locales import gettext

    for lang in ("en", "es"):
        labels = kind_labels(gettext(lang))
        assert set(CATALOGUE.owner) <= set(labels), set(CATALOGUE.owner) - set(labels)


def test_raw_values_are_said_in_the_readers_language():
    from cuidado.findings.labels import audience_label, document_labels, item_kind_label
    from cuidado.findings.render import display_value
    from cuidado.locales import gettext

    _ = gettext("es")
    assert audience_label("public", _) == "público" and audience_label("friends", _) == "amistades"
    assert item_kind_label("media", _) == "foto o video"
    assert document_labels(_)["passport"] == "pasaporte"
    assert display_value("audience.public", None, "public", None, {}, "es") == "público"
    assert display_value("identity.face", "group", "3", None, {"boxes": [[0, 0, 1, 1]] * 3}, "es") == "3 rostros"
    assert display_value("identity.face", "single", "1 face(s)", None, {"boxes": [[0, 0, 1, 1]]}, "es") == "1 rostro"


def test_every_stored_reason_reads_back_in_the_readers_language():
    """Why a file was not read is stored as the English sentence (old workspaces too); each one is
    recognised and said again in Spanish with the same values, the most specific sentence first."""
    from cuidado.inputs import reasons
    from cuidado.locales import gettext

    _ = gettext("es")
    for template in reasons.TEMPLATES:
        values = {name: f"v{i}" for i, name in enumerate(re.findall(r"\{(\w+)\}", template))}
        stored = template.format(**values)
        assert reasons.reason_text(stored, "es") == _(template).format(**values) != stored, template
    nested = reasons.OWNER_UNREAD.format(reason=reasons.NO_LIST)
    assert reasons.reason_text(nested, "es") == (
        "no se pudo leer de quién es la exportación: no está en el formato "
        "que cuidado espera (no hay una lista de elementos)"
    )
    assert reasons.reason_text("[Errno 13] Permission denied", "es") == "[Errno 13] Permission denied"


def test_the_english_catalog_says_each_message_as_written():
    """A fuzzy match kept by `pybabel update` once put "cuidado has stopped" in the report's margin
    and "Sensitive topics" for "No sensitive topic was found.": in English, every message is itself."""
    wrong = [m.id for m in _catalog("en") if m.id and _forms(m.string)[: len(_forms(m.id))] != _forms(m.id)]
    assert not wrong, wrong
