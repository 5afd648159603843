"""Saving a labelled session into a set, and the report of a saved session (with its report-back and corrections)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from coach.errors import InputError
from coach.feedback.actions import find_actions
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import (
    API_ROLE_FIXES,
    API_SAVED_MODE_FIX,
    API_SAVED_OPEN_FIX,
    API_SAVED_PART_FIX,
    API_SLOT_FIX,
    build_report,
    planned_reading_check,
    planned_time_check,
    speakers,
    summary,
)
from coach.feedback.report_model import Report, ReportBack, SavedAction, SavedReport, SavedUtterance
from coach.feedback.roles import Roles
from coach.feedback.session import LabelledUtterance, Session
from coach.feedback.structure import MeetingStructure, Mode
from coach.labels import Role
from coach.sets.history import open_actions
from coach.sets.report_back import report_back
from coach.sets.store import NewSession, SavedSession, SetInfo, SetStore


@dataclass(frozen=True)
class SavedWording:
    """How a saved session's report says to change what Coach guessed: each role, the slots, the meeting's modes (as
    planned, or as open when Coach read it all planned) and one slot's mode (``{presenter}``: its presenter); see
    :func:`coach.feedback.report.build_report`."""

    role_fixes: Mapping[Role, str]
    slot_fix: str
    mode_fix: str
    part_fix: str
    open_fix: str


def api_saved_wording(saved: SavedSession, set_name: str) -> SavedWording:
    """The HTTP API's words: the fields to send, and the saved session's modes to set."""
    return SavedWording(API_ROLE_FIXES, API_SLOT_FIX, API_SAVED_MODE_FIX, API_SAVED_PART_FIX, API_SAVED_OPEN_FIX)


_UTTERANCE_FIELDS = ("index", "turn", "speaker", "role", "text", "label", "confidence", "leading", "start", "end")


def figures(session: Session) -> dict[str, Any]:
    """What a set's overview reads of a session: its summary and per-speaker figures (a meeting's members' figures
    from open slot time only, as its report has them), whether Coach inferred a meeting's modes and the share its
    planned-time check asks about (``None`` when it does not), and no text."""
    utterances, scored, structure = session.utterances, session.scored, session.structure
    by_speaker = {name: asdict(f) for name, f in speakers(scored, with_feedback=False, everyone=utterances).items()}
    summarised = asdict(summary(scored, everyone=utterances))
    check = planned_time_check(scored, structure) or planned_reading_check(utterances, structure)
    return {
        "summary": summarised,
        "speakers": by_speaker,
        "roles_assumed": list(session.roles.assumed),
        "modes_inferred": structure is not None and structure.modes_inferred,
        "planned_time_check": None if check is None else check.share,
    }


def utterances_of(stored: Sequence[dict[str, Any]]) -> tuple[LabelledUtterance, ...]:
    return tuple(LabelledUtterance(**{key: u[key] for key in _UTTERANCE_FIELDS}) for u in stored)


def stored_utterances(session: Session) -> list[dict[str, Any]]:
    """The session's utterances as a set keeps them: each with its slot, phase and mode when it is a meeting."""
    structure = session.structure
    if structure is None:
        return [u.to_dict() for u in session.utterances]
    return [
        {**u.to_dict(), "slot": structure.slot_of[i], "phase": structure.phase_of[i], "mode": structure.mode_of[i]}
        for i, u in enumerate(session.utterances)
    ]


def structure_of(stored: Sequence[dict[str, Any]], modes_inferred: bool = False) -> MeetingStructure | None:
    """The meeting's structure kept with stored utterances (``None`` for a session of one presenter's slot);
    ``modes_inferred`` as the session's figures keep it."""
    if not stored or any("phase" not in u for u in stored):
        return None
    presenters = {u["slot"]: u["speaker"] for u in stored if u["slot"] is not None and u["role"] == "presenter"}
    return MeetingStructure.of(
        [u["slot"] for u in stored],
        [u["phase"] for u in stored],
        [u["mode"] for u in stored],
        presenters,
        modes_inferred,
    )


def session_of(
    stored: Sequence[dict[str, Any]],
    presenter: str | None,
    facilitator: str | None,
    assumed: Sequence[str],
    model: Mapping[str, Any],
    modes_inferred: bool = False,
) -> Session:
    """A session from stored utterances (their labels as saved and corrected) and what was saved with them."""
    utterances = utterances_of(stored)
    structure = structure_of(stored, modes_inferred)
    roles_seen: dict[str, set[str]] = {}
    for u in utterances:
        roles_seen.setdefault(u.speaker, set()).add(u.role)
    by_speaker = {  # in a meeting, a presenter is a member in the other slots
        speaker: next(iter(seen)) if len(seen) == 1 else "facilitator" if "facilitator" in seen else "member"
        for speaker, seen in roles_seen.items()
    }
    roles = Roles(
        speakers=tuple(by_speaker),
        by_speaker=by_speaker,
        presenter=None if structure is not None else presenter,
        facilitator=facilitator,
        assumed=tuple(assumed),
    )
    return Session(utterances=utterances, roles=roles, model=dict(model), structure=structure)


def refigure(stored: list[dict[str, Any]], previous: dict[str, Any]) -> dict[str, Any]:
    """The figures of stored utterances after a correction (the roles and the meeting's structure stay as they
    were)."""
    assumed, inferred = previous.get("roles_assumed", ()), previous.get("modes_inferred", False)
    return figures(session_of(stored, None, None, assumed, {}, inferred))


def set_mode(
    stored: list[dict[str, Any]], previous: dict[str, Any], mode: Mode, slot: int | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A saved meeting's utterances with the ``mode`` a user says it was in, throughout or in one ``slot`` (numbered
    from 0, as the report's ``slots``), and their figures. The slots, phases and labels stay as saved; the modes are
    no longer Coach's guess, so the planned-time checks no longer ask. A session read as one presenter's, or a slot
    it does not have, is an :class:`~coach.errors.InputError`, saying why."""
    structure = structure_of(stored)
    if structure is None:
        raise InputError(
            "this session was read as one presenter's session, which has no open or planned parts to set; "
            "analyse it again with the mode given, save that, and delete this one"
        )
    if slot is not None and not 0 <= slot < len(structure.slots):
        count = len(structure.slots)
        numbers = "none: leave out the slot" if not count else f"0 to {count - 1}" if count > 1 else "0 only"
        raise InputError(f"this session has no slot {slot}; its slots, numbered in the order of its report: {numbers}")
    span = (
        range(len(stored))
        if slot is None
        else range(structure.slots[slot].start_index, structure.slots[slot].end_index + 1)
    )
    utterances = [{**u, "mode": mode} if position in span else u for position, u in enumerate(stored)]
    return utterances, refigure(utterances, {**previous, "modes_inferred": False})


def save_to_set(
    store: SetStore,
    owner: str,
    info: SetInfo,
    session: Session,
    date: dt.date | None,
    rephraser: Rephraser,
    wording: Callable[[SavedSession, str], SavedWording] = api_saved_wording,
) -> SavedReport:
    """Save ``session`` into ``owner``'s set ``info``, with its actions and the report-back on the set's open actions;
    the saved session's report."""
    saved = store.add_session(owner, info.id, new_session(session, date, shared_encoder()))
    return saved_report(saved, info.name, rephraser, wording)


def new_session(session: Session, date: dt.date | None, encoder: SentenceEncoder) -> Callable[..., NewSession]:
    """What :meth:`SetStore.add_session` saves: ``session``, its actions and its report-back on the earlier
    sessions' open actions."""

    def build(earlier: Sequence[SavedSession]) -> NewSession:
        stored = stored_utterances(session)
        actions = [{"id": uuid.uuid4().hex[:12], **a.to_dict()} for a in find_actions(session.utterances)]
        return NewSession(
            date=date,
            presenter=session.presenter,
            facilitator=session.facilitator,
            model=dict(session.model),
            utterances=stored,
            figures=figures(session),
            actions=actions,
            report_back=report_back(open_actions(earlier, len(earlier)), stored, encoder),
        )

    return build


def stored_session(saved: SavedSession) -> Session:
    """The saved session as a :class:`Session`, with its labels as saved (and corrected)."""
    assumed, inferred = saved.figures.get("roles_assumed", ()), saved.figures.get("modes_inferred", False)
    return session_of(saved.utterances, saved.presenter, saved.facilitator, assumed, saved.model, inferred)


def saved_report(
    saved: SavedSession,
    set_name: str,
    rephraser: Rephraser,
    wording: Callable[[SavedSession, str], SavedWording] = api_saved_wording,
) -> SavedReport:
    """The report of a saved session (its labels as corrected), with the report-back and actions the set keeps, its
    notes worded by ``wording`` (the API's, or the command line's)."""
    words = wording(saved, set_name)
    report = build_report(
        stored_session(saved),
        rephraser=rephraser,
        role_fixes=words.role_fixes,
        slot_fix=words.slot_fix,
        mode_fix=words.mode_fix,
        part_fix=words.part_fix,
        open_fix=words.open_fix,
    )
    return SavedReport(
        **{f.name: getattr(report, f.name) for f in fields(Report) if f.name not in {"utterances", "actions"}},
        utterances=tuple(
            SavedUtterance(**u.to_dict(), corrected=u.index in saved.corrected) for u in report.utterances
        ),
        actions=tuple(SavedAction(**action) for action in saved.actions),
        session_id=saved.id,
        set_id=saved.set_id,
        set_name=set_name,
        date=saved.day.isoformat(),
        report_back=tuple(ReportBack(**item) for item in saved.report_back),
    )
