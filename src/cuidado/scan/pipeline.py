"""Scan: open each input, recognise its platform, run its importer member by member into the store.

Answer first, detail after: phase 1 reads every input with photos' metadata alone (as
`--no-faces --no-ocr` does) and draws the conclusions, so the person sees findings and the
profile within seconds; phase 2 then runs the photos' pixel checks (faces, documents, hashes)
and draws the conclusions again. Each photo checked is one transaction recorded under a member
key naming its checks, so an interrupted phase 2 continues where it stopped on the next scan.

Progress is reported through a callback so the CLI (rich) and the web app can show it;
nothing here prints.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.forkserver
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.findings.analyzer import Analyzer
from cuidado.importers import SUPPORTED, detect_platform, importer_for
from cuidado.importers.media_record import (
    ALL_CHECKS,
    PHOTO_CHECKS,
    PHOTO_IN_MEMORY,
    PhotoChecks,
    checks_label,
    is_photo_path,
    ocr_missed,
)
from cuidado.importers.reading import ExportReader
from cuidado.importers.run import MemberResult, failure_reason, ignored, member_records, plan, source_skips
from cuidado.inferences.run import refresh_inferences
from cuidado.inputs import reasons
from cuidado.inputs.problems import input_error, problem_text
from cuidado.inputs.sources import (
    Member,
    Source,
    SourceError,
    absolute_input,
    group_inputs,
    input_label,
    open_source,
    walk_files,
)
from cuidado.media.ocr import tesseract_available
from cuidado.models import UNREADABLE, Record, Skipped, is_media_path
from cuidado.remediation.progress import verify_done
from cuidado.scan.workers import (
    LIGHT_ALONE_MIN,
    LIGHT_BATCH,
    PARALLEL_MAX_MEMBER,
    PARALLEL_MIN_BYTES,
    PARALLEL_MIN_MEMBERS,
    MemberOutcome,
    default_jobs,
    read_members,
)
from cuidado.store import MemberWriter, Store, storable


@dataclass
class InputResult:
    label: str  # how the input is shown, and named in the workspace
    paths: list[str] = field(default_factory=list)  # its files: one, or a split export's parts in order
    platform: str | None = None
    members: int = 0
    read: int = 0  # members read in this run
    already: int = 0  # members already in the workspace (unchanged since an earlier scan)
    records: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None  # the whole input could not be read (in English; see `problem`)
    problem: dict | None = None  # why, as data for a sentence in the person's language (inputs/problems.py)
    replaced: list[str] = field(default_factory=list)  # older exports of the same account it replaces
    unchecked: int = 0  # photos that may show a document, not read for lack of Tesseract
    photos_checked: int = 0  # photos whose pixels were checked in this run (phase 2)


class Progress:
    """What a front end implements to show progress; the default shows nothing."""

    def start(self, result: InputResult, total_bytes: int) -> None:
        """An input is about to be read: its label, paths and platform are known."""

    def advance(self, nbytes: int) -> None: ...

    def finish(self, result: InputResult) -> None: ...

    def first_results(self, results: list[InputResult]) -> None:
        """Phase 1 is over: every input's items, findings and conclusions are in the workspace;
        the photos' pixel checks follow (their findings are not there yet)."""

    def photos(self, done: int, total: int) -> None:
        """Phase 2: `done` of the `total` photos to check have been checked (first called with 0)."""


METADATA_ONLY = PhotoChecks(faces=False, ocr=False)


def scan(
    paths: list[Path],
    store: Store,
    *,
    platform: str | None = None,
    progress: Progress | None = None,
    on_member: Callable[[Member], None] | None = None,
    jobs: int | None = None,
    checks: PhotoChecks = ALL_CHECKS,
) -> list[InputResult]:
    """Scan every input; one bad input or member never stops the others. `checks`: what to look
    for in photos' pixels (all by default), done in a second phase after the first results."""
    progress = progress or Progress()
    analyzer = Analyzer()
    results = []
    pool = _Pool(default_jobs() if jobs is None else jobs, store.path.parent / "run")
    try:
        groups = group_inputs([absolute_input(Path(p)) for p in paths])
        if _at_least(WARM_UP_BYTES, [p for group in groups for p in group]):
            pool.warm_up()  # a big scan will want its workers: their start-up overlaps the first input
        for group in groups:
            results.append(
                scan_input(
                    group,
                    store,
                    platform=platform,
                    progress=progress,
                    on_member=on_member,
                    analyzer=analyzer,
                    pool=pool,
                    checks=METADATA_ONLY,
                )
            )
        # Conclusions depend on every item: recompute them only when something changed.
        changed = any(r.read or r.replaced for r in results) or not _has_inferences(store)
        if changed:
            refresh_inferences(store)
        if checks.names:
            progress.first_results(results)
            checked = check_photos(
                results, store, progress=progress, on_member=on_member, analyzer=analyzer, pool=pool, checks=checks
            )
            if checked:
                refresh_inferences(store)
            changed = changed or bool(checked)
    finally:
        pool.close()
    # Only once every photo is checked: a photo's findings missing before then is not an action done.
    if changed:
        verify_done(store)
    return results


WARM_UP_BYTES = 256 * 1024 * 1024


def _at_least(limit: int, paths: list[Path]) -> bool:
    """Whether these files and folders hold `limit` bytes of what a scan would read (counted with
    the sources' own walk, which never recurses nor follows links; stops once they do)."""
    total = 0
    for path in paths:
        try:
            if path.is_file():
                total += path.stat().st_size
            elif path.is_dir():
                for _rel, _full, info in walk_files(path, [], ""):  # what it refuses is said when opened
                    total += info.st_size
                    if total >= limit:
                        return True
        except OSError:  # said when the input is opened; here it only counts for nothing
            continue
        if total >= limit:
            return True
    return False


def _has_inferences(store: Store) -> bool:
    return store.has_findings(("inference",))


def scan_input(
    parts: list[Path],
    store: Store,
    *,
    platform: str | None,
    progress: Progress,
    on_member: Callable[[Member], None] | None = None,
    analyzer: Analyzer | None = None,
    pool: _Pool | None = None,
    checks: PhotoChecks = ALL_CHECKS,
) -> InputResult:
    # File names with bytes that are not UTF-8 come back as lone surrogates: keep labels storable.
    label = storable(input_label(parts))
    result = InputResult(label, [str(p) for p in parts])
    store.note_input_parts(label, parts)
    try:
        source = open_source(parts, label)
    except (SourceError, OSError) as exc:
        result.problem = {"key": "unreadable", "platform": platform or ""}
        return _whole_input_failed(store, result, str(exc) if isinstance(exc, SourceError) else f"{label}: {exc}")
    with source:
        chosen, score = (platform, 100) if platform else detect_platform([m.path for m in source.members])
        if not chosen or score == 0:
            # Say why when what was refused inside may be the export itself (a bomb, encryption).
            refused = "; ".join(f"{s.member}: {s.reason}" for s in source.refused[:3])
            result.problem = {"key": "not_an_export", "platform": platform or ""}
            return _whole_input_failed(
                store,
                result,
                f"{source.label}: not an export cuidado can read. "
                + (f"Refused inside it: {refused}. " if refused else "")
                + f"Supported: {SUPPORTED}.",
            )
        result.platform, result.members = chosen, len(source.members)
        store.rename_relative_inputs(source.label, parts)
        store.clear_skipped(source.label)
        skips = source_skips(source)
        store.add_skipped(skips)
        result.skipped.extend(skips)
        progress.start(result, sum(m.size for m in source.members))
        reader = _import_members(
            source, chosen, store, result, progress, on_member, analyzer or Analyzer(), pool or _Pool(1), checks
        )
        key = storable(importer_for(chosen).export_key(reader, lambda: store.input_threads(source.label)))
        store.note_input(source.label, chosen, source.fingerprint, len(source.members), key)
        # A newer export of the same account replaces the older one in the workspace (never on disk).
        result.replaced = store.supersede_older_inputs(source.label, chosen, key)
        _list_unchecked_photos(store, result, source.label)
        _say_when_nothing_was_read(store, result, source)
    progress.finish(result)
    return result


def check_photos(
    results: list[InputResult],
    store: Store,
    *,
    progress: Progress,
    on_member: Callable[[Member], None] | None = None,
    analyzer: Analyzer | None = None,
    pool: _Pool | None = None,
    checks: PhotoChecks = ALL_CHECKS,
) -> int:
    """Phase 2: the pixel checks of every photo of these inputs not yet checked with `checks`
    (members read before, with them, are skipped: an interrupted phase 2 continues). Returns how
    many photos were checked; each input's result gains its count and what could not be read."""
    analyzer, pool = analyzer or Analyzer(), pool or _Pool(1)
    with ExitStack() as stack:
        work = []
        for result in results:
            if result.error or not result.platform:
                continue
            try:
                source = stack.enter_context(open_source([Path(p) for p in result.paths], result.label))
            except (SourceError, OSError):
                continue  # it could be read in phase 1: it went away since; its photos stay unchecked
            todo = _photos_to_check(source, result.platform, store, checks)
            if todo:
                work.append((result, source, todo))
        total, done = sum(len(todo) for _, _, todo in work), 0
        if not total:
            return 0
        progress.photos(0, total)

        def one_more(member: Member) -> None:
            nonlocal done
            done += 1
            progress.photos(done, total)

        for result, source, todo in work:
            assert result.platform is not None  # those without one were left out above
            phase = InputResult(result.label, result.paths, result.platform)
            importer = importer_for(result.platform)
            reader = ExportReader(source)
            try:
                importer.begin(reader)
            except Exception:  # said in phase 1; photos need no owner's profile
                pass
            items = [(MemberResult(m, member_records(importer, reader, m, checks)), key) for m, key in todo]
            _read_members(
                items, source, result.platform, store, phase, reader, on_member, analyzer, pool, checks, one_more
            )
            result.photos_checked += phase.read
            result.skipped.extend(phase.skipped)
            result.skipped = [s for s in result.skipped if s.reason != OCR_MISSED]
            _list_unchecked_photos(store, result, result.label)
    return done


def _photos_to_check(source: Source, platform: str, store: Store, checks: PhotoChecks) -> list[tuple[Member, str]]:
    """The photos of this source not yet read with these pixel checks (or more), with their key."""
    todo = []
    for member in source.members:
        if not is_photo_path(member.path) or member.size > PHOTO_IN_MEMORY:
            continue
        key, *as_good = member_keys(platform, member, checks)
        if not any(store.is_done(k) for k in (key, *as_good)):
            todo.append((member, key))
    return todo


def _say_when_nothing_was_read(store: Store, result: InputResult, source: Source) -> None:
    """An input nothing could be read from is a failure, never a quiet "0 files read": the person
    would take the empty result for a clean one. Meta's and TikTok's HTML format is the usual cause
    (the photos inside may still be read, the posts and messages are not)."""
    label = source.label
    items, media = store.input_record_counts(label)
    if items:
        return
    html = sum(1 for m in source.members if m.lower.endswith((".html", ".htm")))
    if html and result.platform in ("facebook", "instagram", "tiktok", "youtube"):
        result.problem = {"key": "html_export", "platform": result.platform, "media": media}
    elif not media:
        result.problem = {
            "key": "nothing_read",
            "platform": result.platform,
            "members": len(source.members),
            "skipped": store.skipped_count(label),
        }
    else:
        return
    result.error = input_error(label, None, result.problem)
    store.add_skipped([Skipped(label, None, problem_text(result.problem))])


def _import_members(
    source: Source,
    platform: str,
    store: Store,
    result: InputResult,
    progress: Progress,
    on_member,
    analyzer: Analyzer,
    pool: _Pool,
    checks: PhotoChecks,
) -> ExportReader:
    importer = importer_for(platform)
    reader = ExportReader(source)
    try:
        importer.begin(reader)
    except Exception as exc:  # the owner's profile is a nicety; the scan goes on without it
        result.skipped.append(
            Skipped(source.label, None, reasons.OWNER_UNREAD.format(reason=failure_reason(exc)), UNREADABLE)
        )
    todo = []
    for item in plan(source, importer, reader, checks):
        member = item.member
        key, *as_good = member_keys(platform, member, checks)
        done = next((k for k in (key, *as_good) if store.is_done(k)), None)
        if done is not None:
            store.adopt_member(done, source.label, member.path)
            result.already += 1
            progress.advance(member.size)
        elif item.ignored:
            entry = ignored(source.label, importer, member)
            if entry:
                _skip(store, result, entry)
            progress.advance(member.size)
        else:
            todo.append((item, key))
    _read_members(
        todo,
        source,
        platform,
        store,
        result,
        reader,
        on_member,
        analyzer,
        pool,
        checks,
        lambda member: progress.advance(member.size),
    )
    return reader


def _read_members(
    todo: list[tuple[MemberResult, str]],
    source: Source,
    platform: str,
    store: Store,
    result: InputResult,
    reader: ExportReader,
    on_member,
    analyzer: Analyzer,
    pool: _Pool,
    checks: PhotoChecks,
    after: Callable[[Member], None],
) -> None:
    """Read and write these members, in worker processes where that pays; `after` hears of each."""
    light = not checks.names
    parallel = [(i, k) for i, k in todo if i.member.size <= PARALLEL_MAX_MEMBER]
    if light:
        posts = [(i, k) for i, k in parallel if not is_media_path(i.member.path)]
        # Photos read for their metadata alone join the workers when they run anyway (started
        # before, or now for this input's posts) or there are very many: a few thousand are read
        # here sooner than workers start.
        if not (pool.started or _worth_workers(pool, posts, light) or len(parallel) - len(posts) >= LIGHT_ALONE_MIN):
            parallel = posts
    parallel = parallel if _worth_workers(pool, parallel, light) else []
    chosen = {id(i) for i, _ in parallel}
    for item, key in todo:  # in this process: small inputs, and members too big to pass around
        if id(item) in chosen:
            continue
        if on_member:
            on_member(item.member)
        records = item.records
        assert records is not None  # todo holds members an importer reads, never ignored ones
        write = _in_this_process(records, analyzer, reader.owner.get("region"))
        _write_member(store, result, source.label, item.member, key, write, checks)
        after(item.member)
    if parallel:
        parts = tuple(source.paths)  # what reopens this source in a worker process
        keys = {item.member.path: (item.member, key) for item, key in parallel}
        batches = _batches([item.member for item, _ in parallel], light=light)
        for outcome in pool.map_members(parts, storable(source.label), platform, batches, checks):
            member, key = keys[outcome.path]
            if on_member:
                on_member(member)
            if outcome.error:
                _skip(store, result, Skipped(source.label, member.path, outcome.error))
            else:
                _write_member(store, result, source.label, member, key, _from_worker(outcome), checks)
            after(member)


def _worth_workers(pool: _Pool, items: list[tuple[MemberResult, str]], light: bool) -> bool:
    members = [item.member for item, _ in items]
    photos = sum(is_media_path(m.path) for m in members) if light else 0
    tasks = len(members) - photos + -(-photos // LIGHT_BATCH)  # as _batches makes them
    return pool.usable(len(members), tasks, sum(m.size for m in members))


def _batches(members: list[Member], *, light: bool) -> list[list[str]]:
    """Member paths in tasks for the workers: photos read for their metadata alone by the batch
    (each costs less than handing it over), everything else one by one."""
    batches: list[list[str]] = []
    photos: list[str] = []
    for member in members:
        if light and is_media_path(member.path):
            photos.append(member.path)
            if len(photos) == LIGHT_BATCH:
                batches.append(photos)
                photos = []
        else:
            batches.append([member.path])
    return batches + ([photos] if photos else [])


def _from_worker(outcome: MemberOutcome) -> Callable[[MemberWriter], bool]:
    def write(writer: MemberWriter) -> bool:
        writer.add_rows(outcome.rows, outcome.finding_rows)
        return outcome.ocr_missed

    return write


def _in_this_process(
    records: Iterable[Record], analyzer: Analyzer, region: str | None
) -> Callable[[MemberWriter], bool]:
    def write(writer: MemberWriter) -> bool:
        missed = False
        for record in records:  # read lazily, inside the member's transaction
            writer.add(record)
            for finding in analyzer.findings(record, region=region):
                writer.add_finding(finding)
            missed = missed or ocr_missed(record)
        return missed

    return write


def _write_member(
    store: Store,
    result: InputResult,
    label: str,
    member: Member,
    key: str,
    write: Callable[[MemberWriter], bool],
    checks: PhotoChecks,
) -> None:
    """One member into the store, all or nothing; `write` adds its rows and says whether a photo in
    it may show a document but was read without OCR."""
    try:
        with store.member(key, label, member.path) as writer:
            if write(writer):  # recorded as read without OCR: read again once Tesseract is there
                assert result.platform is not None  # an input's members are read once it has one
                writer.key = member_key(result.platform, member, _checks_suffix(checks.names - {"ocr"}))
        result.records += writer.count
        result.read += 1
    except Exception as exc:  # one bad member never stops the scan
        _skip(store, result, Skipped(label, member.path, failure_reason(exc)))


def _list_unchecked_photos(store: Store, result: InputResult, label: str) -> None:
    """Photos of this input that may show a document but could not be read (no Tesseract), listed with
    what was skipped, this scan's or an earlier one's, until a scan with Tesseract reads them."""
    photos = store.photos_without_ocr(storable(label))
    for source in photos:
        _skip(store, result, Skipped(label, source, OCR_MISSED))
    result.unchecked = len(photos)


OCR_MISSED = reasons.OCR_MISSED


def _skip(store: Store, result: InputResult, skip: Skipped) -> None:
    store.add_skipped([skip])
    result.skipped.append(skip)


class _Pool:
    """Worker processes for CPU-bound reading, started on first need and only for big inputs."""

    def __init__(self, jobs: int, rundir: Path | None = None):
        self.jobs, self.rundir = jobs, rundir
        self.executor: ProcessPoolExecutor | None = None
        self.used = False  # members were handed to the workers in this scan

    @property
    def started(self) -> bool:
        """The workers run already: handing them more members costs no start-up."""
        return self.used

    def warm_up(self) -> None:
        """Start the fork server now (its imports take about a second), while the main process reads
        the first input; the workers themselves start on first use."""
        if self.jobs > 1:
            self._executor()

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            # Not plain fork: the scan has threads (progress bar, OpenCV, the executor's own) whose
            # locks a forked child can inherit mid-use and wait on forever; and a fork would share
            # the workspace's open database. A fork server is a clean process that forks workers.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["cuidado.scan.workers"])
            with _temp_folder_in(self.rundir), _interrupts_ignored():
                multiprocessing.forkserver.ensure_running()  # its listening socket's folder is made now
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=context)
        return self.executor

    def usable(self, members: int, tasks: int, size: int) -> bool:
        """Workers pay for a big input (many members, or a few big ones) with a task for each of them."""
        big = members >= PARALLEL_MIN_MEMBERS or size >= PARALLEL_MIN_BYTES
        return self.jobs > 1 and big and tasks >= self.jobs

    def map_members(
        self, parts: tuple[str, ...], label: str, platform: str, batches: list[list[str]], checks: PhotoChecks
    ):
        """What each member of these batches gives, as the workers finish them (in any order)."""
        executor, self.used = self._executor(), True
        window = self.jobs * 4  # tasks in flight: bounded, so results never pile up in memory
        pending, queue = set(), iter(batches)
        for batch in queue:
            pending.add(executor.submit(read_members, parts, label, platform, batch, checks))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (outcome for f in done for outcome in f.result())
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (outcome for f in done for outcome in f.result())

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """The fork server, and so the workers it forks, start with Ctrl-C ignored (a disposition kept
    across exec): the scan's own process stops them cleanly and keeps what is done, instead of
    every worker printing its own KeyboardInterrupt. Only the main thread may change it (the web
    app scans in another thread, and is stopped as a whole)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    earlier = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, earlier)


_SOCKET_PATH_MAX = 108  # sun_path in Linux's struct sockaddr_un, with its final NUL


@contextmanager
def _temp_folder_in(folder: Path | None) -> Iterator[None]:
    """While the fork server starts, the temp folder is one in the workspace: multiprocessing makes
    the folder for the server's socket with tempfile (so in tempfile.tempdir, a documented setting),
    keeps it for this process's life and removes it at exit. So a scan writes nothing to the
    system's temp dir (not even tempfile's probe of it). Set only for that moment, so nothing else
    in the process moves; not when the path is too long for a socket address (the system's temp
    dir is used then). A server already running (an earlier scan in this process) keeps its own."""
    socket_path = f"{folder.resolve()}/pymp-xxxxxxxx/listener-xxxxxxxx" if folder is not None else ""
    if folder is None or tempfile.tempdir is not None or len(socket_path.encode()) >= _SOCKET_PATH_MAX:
        yield
        return
    folder.mkdir(mode=0o700, exist_ok=True)
    tempfile.tempdir = str(folder.resolve())
    try:
        yield
    finally:
        tempfile.tempdir = None


# Bump when importers or detectors change what they produce, so old workspaces re-read members.
READ_VERSION = "3"


def member_key(platform: str, member: Member, checks: str = "") -> str:
    raw = f"{READ_VERSION}\x1f{platform}\x1f{member.path}\x1f{member.fingerprint}{checks}".encode(
        "utf-8", "surrogatepass"
    )
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def member_keys(platform: str, member: Member, checks: PhotoChecks = ALL_CHECKS) -> list[str]:
    """The key this scan records for a member, then the keys of earlier readings as thorough.

    A photo read with `--no-faces` or `--no-ocr` must be read again when a later scan asks for
    those checks; one read with more checks than asked need not be."""
    if not is_photo_path(member.path):
        return [member_key(platform, member)]
    wanted = set(checks.names)
    # Without Tesseract a reading without OCR is as good as this scan can do: not read again until
    # it is installed (a photo that needed no OCR was recorded with every check).
    enough = wanted - {"ocr"} if "ocr" in wanted and not tesseract_available() else wanted
    richer = [set(c) for c in _subsets(PHOTO_CHECKS) if enough <= set(c)]
    richer.sort(key=lambda c: (c != wanted, len(c)))
    return [member_key(platform, member, _checks_suffix(c)) for c in richer]


def _checks_suffix(checks: set[str] | frozenset[str]) -> str:
    return "\x1f" + checks_label(checks)


def _subsets(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [tuple(n for i, n in enumerate(names) if mask >> i & 1) for mask in range(1 << len(names))]


def _whole_input_failed(store: Store, result: InputResult, message: str) -> InputResult:
    result.error = message
    skip = Skipped(result.label, None, message)
    store.add_skipped([skip])
    result.skipped.append(skip)
    return result
