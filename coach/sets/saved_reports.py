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
from coach.labels import Role
from coach.sets.history import open_actions
from coach.sets.report_back import report_back
from coach.sets.store import NewSession, SavedSession, SetInfo, SetStore

_UTTERANCE_FIELDS = ("index", "turn", "speaker", "role", "text", "label", "confidence", "leading", "start", "end")


def figures(utterances: Sequence[LabelledUtterance], assumed: Sequence[str] = ()) -> dict[str, Any]:
    """What a set's overview reads of a session: its summary and per-speaker figures, and no text."""
    by_speaker = {name: asdict(f) for name, f in speakers(utterances, with_feedback=False).items()}
    return {"summary": asdict(summary(utterances)), "speakers": by_speaker, "roles_assumed": list(assumed)}


def utterances_of(stored: Sequence[dict[str, Any]]) -> tuple[LabelledUtterance, ...]:
    return tuple(LabelledUtterance(**{key: u[key] for key in _UTTERANCE_FIELDS}) for u in stored)


def refigure(stored: list[dict[str, Any]], previous: dict[str, Any]) -> dict[str, Any]:
    """The figures of stored utterances after a correction (the roles stay as they were)."""
    return figures(utterances_of(stored), previous.get("roles_assumed", ()))


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
        stored = [u.to_dict() for u in session.utterances]
        actions = [{"id": uuid.uuid4().hex[:12], **a.to_dict()} for a in find_actions(session.utterances)]
        return NewSession(
            date=date,
            presenter=session.presenter,
            facilitator=session.facilitator,
            model=dict(session.model),
            utterances=stored,
            figures=figures(session.utterances, session.roles.assumed),
            actions=actions,
            report_back=report_back(open_actions(earlier, len(earlier)), stored, encoder),
        )

    return build


def stored_session(saved: SavedSession) -> Session:
    """The saved session as a :class:`Session`, with its labels as saved (and corrected)."""
    utterances = utterances_of(saved.utterances)
    by_speaker = {u.speaker: u.role for u in utterances}
    roles = Roles(
        speakers=tuple(by_speaker),
        by_speaker=by_speaker,
        presenter=saved.presenter,
        facilitator=saved.facilitator,
        assumed=tuple(saved.figures.get("roles_assumed", ())),
    )
    return Session(utterances=utterances, roles=roles, model=saved.model)


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
