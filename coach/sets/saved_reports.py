"""Saving a labelled session into a set, and the report of a saved session (with its report-back and corrections)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any

from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from coach.feedback.actions import find_actions
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import API_ROLE_FIXES, build_report, speakers, summary
from coach.feedback.report_model import Report, ReportBack, SavedAction, SavedReport, SavedUtterance
from coach.feedback.roles import Roles
from coach.feedback.session import LabelledUtterance, Session
from coach.feedback.structure import MeetingStructure
from coach.labels import Role
from coach.sets.history import open_actions
from coach.sets.report_back import report_back
from coach.sets.store import NewSession, SavedSession, SetInfo, SetStore

_UTTERANCE_FIELDS = ("index", "turn", "speaker", "role", "text", "label", "confidence", "leading", "start", "end")


def figures(session: Session) -> dict[str, Any]:
    """What a set's overview reads of a session: its summary and per-speaker figures (a meeting's members' figures
    from open slot time only, as its report has them), and no text."""
    utterances, scored = session.utterances, session.scored
    by_speaker = {name: asdict(f) for name, f in speakers(scored, with_feedback=False, everyone=utterances).items()}
    summarised = asdict(summary(scored, everyone=utterances))
    return {"summary": summarised, "speakers": by_speaker, "roles_assumed": list(session.roles.assumed)}


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


def structure_of(stored: Sequence[dict[str, Any]]) -> MeetingStructure | None:
    """The meeting's structure kept with stored utterances (``None`` for a session of one presenter's slot)."""
    if not stored or any("phase" not in u for u in stored):
        return None
    presenters = {u["slot"]: u["speaker"] for u in stored if u["slot"] is not None and u["role"] == "presenter"}
    return MeetingStructure.of(
        [u["slot"] for u in stored], [u["phase"] for u in stored], [u["mode"] for u in stored], presenters
    )


def session_of(
    stored: Sequence[dict[str, Any]],
    presenter: str | None,
    facilitator: str | None,
    assumed: Sequence[str],
    model: Mapping[str, Any],
) -> Session:
    """A session from stored utterances (their labels as saved and corrected) and what was saved with them."""
    utterances = utterances_of(stored)
    structure = structure_of(stored)
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
    return figures(session_of(stored, None, None, previous.get("roles_assumed", ()), {}))


def save_to_set(
    store: SetStore,
    owner: str,
    info: SetInfo,
    session: Session,
    date: dt.date | None,
    rephraser: Rephraser,
    role_fixes: Mapping[Role, str] = API_ROLE_FIXES,
) -> SavedReport:
    """Save ``session`` into ``owner``'s set ``info``, with its actions and the report-back on the set's open actions;
    the saved session's report."""
    saved = store.add_session(owner, info.id, new_session(session, date, shared_encoder()))
    return saved_report(saved, info.name, rephraser, role_fixes)


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
    assumed = saved.figures.get("roles_assumed", ())
    return session_of(saved.utterances, saved.presenter, saved.facilitator, assumed, saved.model)


def saved_report(
    saved: SavedSession, set_name: str, rephraser: Rephraser, role_fixes: Mapping[Role, str] = API_ROLE_FIXES
) -> SavedReport:
    """The report of a saved session (its labels as corrected), with the report-back and actions the set keeps."""
    report = build_report(stored_session(saved), rephraser=rephraser, role_fixes=role_fixes)
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
