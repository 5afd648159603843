"""``coach analyze FILE...``: the session report of each transcript, as JSON, text or HTML.

One file: one JSON object (or one text or HTML report). Several files with ``--format json``: one JSON object per line,
each with a ``file`` field; with ``--format text`` the reports follow each other; with ``--format html``, ``-o`` names a
directory that gets one ``<name>.html`` per file. Nothing anyone said is logged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from coach.classifier import Coach
from coach.cli.sets import cli_saved_wording, open_store
from coach.errors import InputError
from coach.feedback.render_html import render_html
from coach.feedback.render_text import render_text
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.report_model import Report, SavedReport
from coach.feedback.roles import CLI_MODE_FIX, CLI_OPEN_FIX, CLI_PART_FIX, CLI_ROLE_FIXES, CLI_SLOT_FIX
from coach.feedback.session import MeetingGiven, PartGiven, Session, SlotGiven, label_session
from coach.feedback.structure import OPEN, PLANNED
from coach.sets.saved_reports import save_to_set
from coach.sets.store import ANONYMOUS
from coach.transcript import read_transcript
from coach.transcript.timecode import parse_clock

FORMATS = ("json", "text", "html")
MODES = ("open", "planned", "combined")
#: A single file smaller than this gets no progress bar.
SMALL_FILE_BYTES = 256 * 1024


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse session transcripts",
        description="Label every utterance of a session transcript (.vtt, .srt, .txt or .json) and report how well "
        "the set stayed in questioning mode. Roles not given are inferred, and the report says so.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="transcript file(s)")
    parser.add_argument(
        "--presenter",
        metavar="NAME[@TIME]",
        action="append",
        help="the presenter's name as it appears in the transcript; for a meeting of several presenters, give each "
        "with the time their slot starts (--presenter 'Amira@0:35' --presenter 'Tunde@41:10')",
    )
    parser.add_argument("--facilitator", metavar="NAME", help="the facilitator's name as it appears in the transcript")
    parser.add_argument(
        "--mode",
        choices=MODES,
        help="open (the set questions; the default), planned (ideas and experience asked for: no advice or story is "
        "held against anyone) or combined (some of each); inferred when not given",
    )
    parser.add_argument(
        "--part",
        metavar="MODE@TIME",
        action="append",
        help="open or planned time from TIME until the next part given, or the end (--part 'planned@1:10:00' "
        "--part 'open@1:40:00'); wins over --mode and over the modes inferred",
    )
    parser.add_argument("--format", choices=FORMATS, default="json", help="report format (default: json)")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write here instead of standard output (a directory for "
        "several files with --format html)"
    )  # fmt: skip
    parser.add_argument("--model", help="model name under models/ or a path (default: the best shipped model)")
    parser.add_argument(
        "--set",
        metavar="NAME",
        help="also save each session to this set in the local database (created if new); the report then starts "
        "with the report-back on the set's earlier actions",
    )
    parser.add_argument("--date", type=_date, help="with --set: the day the set met, YYYY-MM-DD (default: today)")
    parser.add_argument("--database", metavar="URL", help="with --set: database URL (default: COACH_DATABASE_URL)")
    parser.set_defaults(run=run)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; give it as YYYY-MM-DD") from error


def run(args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    for path in files:
        if not path.is_file():
            raise InputError(f"{path}: no such file; give a transcript file (.vtt, .srt, .txt or .json)")
    several = len(files) > 1
    if several and args.format == "html" and (args.output is None or args.output.is_file()):
        raise InputError("with several files and --format html, give -o DIR: each report is written to DIR/<name>.html")
    if args.date is not None and args.set is None:
        raise InputError("--date is for a session saved with --set NAME; add --set or drop --date")
    rephraser = Rephraser.load(Coach.load(args.model))
    saver = _SetSaver(args.set, args.date, args.database) if args.set else None
    with _progress(files) as bar:
        if several and args.format == "html":
            args.output.mkdir(parents=True, exist_ok=True)
            for path in files:
                page = render_html(_report(path, rephraser, args, saver))
                (args.output / f"{path.stem}.html").write_text(page, encoding="utf-8")
                bar.update(1)
            return 0
        with _open_output(args.output) as out:
            for number, path in enumerate(files):
                report = _report(path, rephraser, args, saver)
                out.write(_render(report, path, args.format, several, first=number == 0))
                out.flush()
                bar.update(1)
    return 0


@dataclass(frozen=True)
class Roles:
    """Who presented and facilitated, as the command line gave them: one presenter, or several presenters' slots
    (with the meeting's mode and parts)."""

    presenter: str | None = None
    facilitator: str | None = None
    meeting: MeetingGiven = field(default_factory=MeetingGiven)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Roles:
        """The roles of ``--presenter`` (once as NAME, or each as NAME@TIME), ``--facilitator``, ``--mode`` and
        ``--part``."""
        given: list[str] = args.presenter or []
        parts = tuple(_part(value) for value in args.part or [])
        if len(given) == 1 and "@" not in given[0]:
            return cls(given[0], args.facilitator, MeetingGiven(mode=args.mode, parts=parts))
        slots = tuple(_slot(value) for value in given)
        return cls(facilitator=args.facilitator, meeting=MeetingGiven(slots, args.mode, parts))


def _slot(value: str) -> SlotGiven:
    name, _, time = value.rpartition("@")
    seconds = parse_clock(time.strip())
    if not name.strip() or seconds is None:
        raise InputError(
            f"--presenter {value!r}: with several presenters, give each as NAME@M:SS (or NAME@H:MM:SS), the time "
            "their slot starts in the transcript, e.g. --presenter 'Amira@0:35'"
        )
    return SlotGiven(presenter=name.strip(), start=seconds)


def _part(value: str) -> PartGiven:
    mode, _, time = value.partition("@")
    seconds = parse_clock(time.strip())
    if mode.strip() not in (OPEN, PLANNED) or seconds is None:
        raise InputError(
            f"--part {value!r}: give each part as open@M:SS or planned@M:SS (or H:MM:SS), the time it starts in the "
            "transcript, e.g. --part 'planned@1:10:00'"
        )
    return PartGiven(mode=OPEN if mode.strip() == OPEN else PLANNED, start=seconds)


def analyze_file(path: Path, rephraser: Rephraser, roles: Roles = Roles()) -> Report:
    """The report of the transcript at ``path``, labelled by ``rephraser.coach``; errors name the file."""
    session = label_file(path, rephraser, roles)
    return build_report(
        session,
        rephraser=rephraser,
        role_fixes=CLI_ROLE_FIXES,
        slot_fix=CLI_SLOT_FIX,
        mode_fix=CLI_MODE_FIX,
        part_fix=CLI_PART_FIX,
        open_fix=CLI_OPEN_FIX,
    )


def label_file(path: Path, rephraser: Rephraser, roles: Roles) -> Session:
    try:
        transcript = read_transcript(path)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        return label_session(transcript, rephraser.coach, roles.presenter, roles.facilitator, roles.meeting)
    except InputError as error:
        raise InputError(f"{path}: {error}") from error


class _SetSaver:
    """Saves sessions into one set of the local database, creating the set on first use."""

    def __init__(self, name: str, date: dt.date | None, database_url: str | None) -> None:
        self.name = name
        self.date = date
        self.store = open_store(database_url)

    def save(self, session: Session, rephraser: Rephraser) -> SavedReport:
        found = self.store.find_set(ANONYMOUS, self.name)
        if found is None:
            found = self.store.create_set(ANONYMOUS, self.name)
            print(f"coach: created the set {self.name!r}", file=sys.stderr)
        return save_to_set(self.store, ANONYMOUS, found, session, self.date, rephraser, cli_saved_wording)


def _report(
    path: Path, rephraser: Rephraser, args: argparse.Namespace, saver: _SetSaver | None
) -> Report | SavedReport:
    roles = Roles.from_args(args)
    if saver is None:
        return analyze_file(path, rephraser, roles)
    return saver.save(label_file(path, rephraser, roles), rephraser)


def _render(report: Report | SavedReport, path: Path, format: str, several: bool, *, first: bool) -> str:
    if format == "json":
        record = {"file": str(path), **report.to_dict()}
        if several:
            return json.dumps(record, ensure_ascii=False) + "\n"
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return render_html(report)
    text = render_text(report)
    if not several:
        return text
    banner = f"== {path} =="
    return ("" if first else "\n") + f"{banner}\n\n{text}"


def _open_output(output: Path | None) -> Any:
    if output is None:
        return nullcontext(sys.stdout)
    if output.is_dir():
        raise InputError(f"{output} is a directory; give a file to write the report to")
    return output.open("w", encoding="utf-8")


def _progress(files: Sequence[Path]) -> tqdm[Any]:
    """A progress bar over the files on standard error; off when it is not a terminal or for one small file."""
    single_small = len(files) == 1 and files[0].stat().st_size < SMALL_FILE_BYTES
    stream: IO[str] = sys.stderr
    disable = single_small or not stream.isatty()
    return tqdm(total=len(files), unit="file", desc="analysing", file=stream, disable=disable, leave=False)
