"""Every request and response type of the HTTP and WebSocket API. Inbound models forbid unknown fields."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from coach.feedback.structure import Mode, Phase
from coach.transcript.timecode import MAX_SESSION_SECONDS

Label = Literal["open_question", "closed_question", "advice", "story", "reflection", "other"]
Role = Literal["presenter", "member", "facilitator"]


#: Characters that print nothing: white space aside, a text made only of these says nothing.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _not_blank(text: str) -> str:
    if not text.strip().strip(_INVISIBLE).strip():
        raise PydanticCustomError("blank", "must not be blank; send some words")
    return text


#: Text with at least one character that is not white space (the pattern tells OpenAPI clients the same).
NonBlank = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": r"\S"}), AfterValidator(_not_blank)]
Name = Annotated[
    str, Field(min_length=1, max_length=200, json_schema_extra={"pattern": r"\S"}), AfterValidator(_not_blank)
]

#: A time in a session, in seconds: 24 hours at most, as in uploaded transcripts (``coach.transcript.timecode``).
MAX_SECONDS = MAX_SESSION_SECONDS


def _in_a_session(seconds: float) -> float:
    if seconds < 0:
        raise PydanticCustomError("time_negative", "a time cannot be negative: give seconds from the session's start")
    if seconds > MAX_SECONDS:
        raise PydanticCustomError(
            "time_too_late",
            "{seconds} s is more than 24 hours into the session: give seconds from the session's start, at most "
            "{limit} (24:00:00)",
            {"seconds": f"{seconds:g}", "limit": MAX_SECONDS},
        )
    return seconds


Seconds = Annotated[
    float, Field(json_schema_extra={"minimum": 0, "maximum": MAX_SECONDS}), AfterValidator(_in_a_session)
]


class Inbound(BaseModel):
    """Unknown fields are refused, and so are NaN and infinite numbers (JSON has neither, but parsers accept them)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# --- errors -----------------------------------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    type: str = Field(description="a stable machine-readable kind, e.g. 'validation_error', 'body_too_large'")
    message: str = Field(description="what was wrong and how to fix it")
    details: list[dict[str, Any]] | None = Field(default=None, description="per-field problems, when there are several")


class ErrorResponse(BaseModel):
    error: ErrorBody


# --- classify ---------------------------------------------------------------------------------------------------------


class ClassifyRequest(Inbound):
    utterances: list[NonBlank] = Field(
        min_length=1,
        description="texts to label; each may hold several sentences and is labelled as one turn",
        examples=[["Okay. So you feel stuck. What would help?", "Have you thought about talking to HR?"]],
    )
    context: list[str] | None = Field(
        default=None,
        description="optional, one per utterance: what another speaker said just before it (the previous turn; "
        '"" for none). The model reads each utterance with its context; without it each is read alone',
        examples=[["I just don't know how to raise it with her.", "We've lost two staff since March."]],
    )


class UtteranceLabel(BaseModel):
    text: str
    label: Label
    confidence: float = Field(ge=0, le=1)
    scores: dict[str, float] = Field(
        description="probability of every label, as the model read the sentence; a sentence that carries on the "
        "advice or the speaker's own anecdote before it in the text takes that label and its confidence (labels.md "
        "rule 9), whatever its own scores"
    )
    leading: bool = Field(description="advice phrased as a question")


class PredictionOut(UtteranceLabel):
    utterances: list[UtteranceLabel] = Field(description="the label of each sentence of the text")


class ClassifyResponse(BaseModel):
    model: str
    predictions: list[PredictionOut]


# --- practice ---------------------------------------------------------------------------------------------------------


class PracticeRequest(Inbound):
    text: NonBlank = Field(
        description="a question as a trainee would ask it",
        examples=["Have you thought about talking to your manager?"],
    )
    drill_id: str | None = Field(
        default=None,
        max_length=100,
        description="the drill being practised (GET /v1/practice/drills): its situation makes the rephrasings specific",
    )


class RephrasingDetail(BaseModel):
    text: str
    generic: bool = Field(description="true for a general question that keeps no word of the situation")
    open_confidence: float = Field(ge=0, le=1, description="the classifier's confidence that it is an open question")


class PracticeResponse(BaseModel):
    text: str
    label: Label
    confidence: float = Field(ge=0, le=1)
    uncertain: bool = Field(description="the model's confidence is below the threshold: the call could go either way")
    leading: bool
    explanation: str = Field(description="one sentence on why the text got its label")
    rephrasings: list[str] = Field(description="open rephrasings, best first, for closed questions and advice")
    rephrasing_details: list[RephrasingDetail] = Field(description="each rephrasing's generic flag and confidence")
    utterances: list[UtteranceLabel]


class Drill(BaseModel):
    id: str
    title: str
    sector: str
    presenter: str
    situation: str = Field(description="the presenter's opening account")
    topics: list[str]
    example_question: str


class DrillList(BaseModel):
    drills: list[Drill]


class RoundRequest(Inbound):
    questions: list[NonBlank] = Field(
        min_length=1, max_length=20, description="the questions a trainee asked in one round, in order"
    )
    drill_id: str | None = Field(default=None, max_length=100)


class RoundSummary(BaseModel):
    questions: int
    open_questions: int
    reflections: int
    closed_questions: int
    carried_solution: int = Field(description="questions labelled advice: they carried the asker's own solution")
    best_question: str | None = Field(description="the most clearly open question (or reflection), if any")
    message: str


# --- sessions ---------------------------------------------------------------------------------------------------------


class TurnIn(Inbound):
    speaker: Name
    text: NonBlank
    role: Role | None = None
    start: Seconds | None = Field(default=None, description="seconds from the start of the session")
    end: Seconds | None = None

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> TurnIn:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "end_before_start",
                "the turn ends ({end}) before it starts ({start}); swap or fix the times",
                {"start": self.start, "end": self.end},
            )
        return self


class StartsIn(Inbound):
    """A stretch of a meeting the user marks, starting at a turn (from 0) or a time: exactly one of the two."""

    turn: int | None = Field(default=None, ge=0, description="the turn it starts at, counted from 0")
    start: Seconds | None = Field(default=None, description="the time it starts at, in the turns' seconds")

    def _what(self) -> str:
        raise NotImplementedError

    @model_validator(mode="after")
    def _one_start(self) -> StartsIn:
        if (self.turn is None) == (self.start is None):
            raise PydanticCustomError(
                "one_start",
                "give {what} either a turn or a start time, not both or neither",
                {"what": self._what()},
            )
        return self


class SlotIn(StartsIn):
    """A presenter's slot in a meeting of several: who presents, and the turn (from 0) or the time it starts at."""

    presenter: Name

    def _what(self) -> str:
        return f"the slot of {self.presenter}"


MeetingModeIn = Literal["open", "planned", "combined"]
MODE_DESCRIPTION = (
    "open: the set questions; planned: ideas and experience were asked for, so no advice or story is held against "
    "anyone; combined: some of each, found by Coach (as when not given)"
)


class PartIn(StartsIn):
    """Open or planned time from a turn (from 0) or a time, until the next part given starts (the last: to the end)."""

    mode: Mode = Field(description="open: the set questions; planned: ideas were asked for")

    def _what(self) -> str:
        return f"the {self.mode} part"


class AnalyzeRequest(Inbound):
    turns: list[TurnIn] = Field(min_length=1)
    presenter: Name | None = Field(default=None, description="the presenter's name as it appears in the turns")
    facilitator: Name | None = None
    slots: list[SlotIn] | None = Field(
        default=None,
        max_length=20,
        description="a meeting of several presenters: each one's slot, in any order; overrides the slots Coach finds",
    )
    mode: MeetingModeIn | None = Field(default=None, description=MODE_DESCRIPTION)
    parts: list[PartIn] | None = Field(
        default=None,
        max_length=50,
        description="open or planned time marked by hand, each until the next part's start; it wins over `mode` "
        "and over the modes Coach finds, from the first part's start on",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "presenter": "Sam",
                    "turns": [
                        {"speaker": "Sam", "text": "The rota keeps falling apart and I'm the one covering shifts."},
                        {"speaker": "Priya", "text": "What have you tried so far?"},
                        {"speaker": "Tom", "text": "Have you thought about an agency?"},
                    ],
                }
            ]
        },
    )


# --- sets -------------------------------------------------------------------------------------------------------------


class SetIn(Inbound):
    name: Name = Field(description="the set's name, unique among your sets")


class SetOut(BaseModel):
    id: str
    name: str


class SetSummary(SetOut):
    created_at: str
    sessions: int = Field(description="how many sessions are saved in it")


class SetList(BaseModel):
    sets: list[SetSummary]


class SetDetail(SetOut):
    """A set over time; ``sessions`` in date order with their figures, ``trend`` of the questioning ratio (the set's
    and each member's), ``members``, ``patterns`` (the set's habits, each with its ``evidence``) and ``open_actions``
    (actions of the latest sessions not yet reported back on)."""

    created_at: str
    sessions: list[dict[str, Any]]
    trend: dict[str, Any]
    members: list[dict[str, Any]]
    patterns: list[dict[str, Any]]
    open_actions: list[dict[str, Any]]


class SaveSessionRequest(AnalyzeRequest):
    date: dt.date | None = Field(default=None, description="the day the set met (YYYY-MM-DD); the day saved if unset")


class LabelCorrection(Inbound):
    label: Label = Field(description="the right label for the utterance")


class ModeAnswer(Inbound):
    """What a saved meeting's open or planned time was, said by someone who was there (the answer to its
    ``planned_time_check``)."""

    mode: Mode = Field(description="open: the set questioned; planned: ideas and experience were asked for")
    slot: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="one slot only, by its number in the report's slots (from 0); the whole meeting if unset",
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"mode": "planned"}, {"mode": "planned", "slot": 1}, {"mode": "open"}]}
    )


# --- meta -------------------------------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok"]
    model: str
    api_key_required: bool = Field(description="whether the other routes need an X-API-Key")


class ModelInfo(BaseModel):
    name: str
    version: str
    backend: str
    labels: list[str]
    metrics: dict[str, Any] = Field(description="held-out test figures: macro-F1 and per-label F1 per test set")


# --- live WebSocket: client messages ----------------------------------------------------------------------------------


class LiveUtterance(Inbound):
    type: Literal["utterance"]
    speaker: Name
    text: NonBlank
    role: Role | None = None
    start: Seconds | None = Field(default=None, description="seconds from the start of the session")


class LiveRoles(Inbound):
    type: Literal["roles"]
    presenter: Name | None = None
    facilitator: Name | None = None


class LiveSlot(Inbound):
    """The next presenter's slot starts with the next utterance ("next presenter")."""

    type: Literal["slot"]
    presenter: Name
    mode: MeetingModeIn | None = Field(default=None, description="the whole meeting's mode; " + MODE_DESCRIPTION)


class LivePart(Inbound):
    """Open or planned time starts with the next utterance and runs until the next ``part`` message."""

    type: Literal["part"]
    mode: Mode = Field(description="open: the set questions; planned: ideas and experience were asked for")


class LiveEnd(Inbound):
    type: Literal["end"]
    set_id: str | None = Field(
        default=None, max_length=64, description="save the session to this set of yours (see /v1/sets) before ending"
    )
    date: dt.date | None = Field(default=None, description="with set_id: the day the set met; today if unset")


# --- live WebSocket: server messages ----------------------------------------------------------------------------------


class LiveSessionStarted(BaseModel):
    type: Literal["session"] = "session"
    session_id: str
    resumed: bool
    utterances: int
    resume_token: str = Field(
        description="the secret that resumes this session after a dropped connection, with the same API key: send it "
        "in an X-Resume-Token header (or a resume_token query parameter from a browser) with ?session=<session_id>"
    )
    presenter: str | None = Field(default=None, description="the presenter named so far (a resumed session's)")
    facilitator: str | None = Field(default=None, description="the facilitator named so far")


class LiveLabel(BaseModel):
    type: Literal["label"] = "label"
    index: int
    speaker: str
    role: Role
    text: str
    label: Label
    confidence: float
    leading: bool
    start: float | None


class LiveSummary(BaseModel):
    type: Literal["summary"] = "summary"
    figures: dict[str, Any]


class LiveNudge(BaseModel):
    type: Literal["nudge"] = "nudge"
    message: str
    reason: str
    speaker: str | None = Field(default=None, description="who the latest contribution that called for it was from")
    at: float | None = Field(default=None, description="when, in seconds of the session's clock (null without times)")


class LiveSlotSpan(BaseModel):
    presenter: str
    start_index: int
    end_index: int = Field(description="the slot's last utterance so far (start_index - 1 while none was said in it)")


class LivePartMark(BaseModel):
    mode: Mode
    start_index: int = Field(description="the first utterance of the part (the next one while none was said in it)")


class LiveSlots(BaseModel):
    """The meeting's slots so far (marked with ``slot`` messages, or found in what was said), the parts marked with
    ``part`` messages, and where the latest utterance sits; sent when they change. Nudges come only in open
    questioning time."""

    type: Literal["slots"] = "slots"
    slots: list[LiveSlotSpan]
    parts: list[LivePartMark] = Field(description="the open and planned parts marked so far, in order")
    phase: Phase | None = Field(description="the latest utterance's phase (null: one presenter's session, read whole)")
    mode: Mode | None = Field(description="the latest utterance's mode (null, likewise)")


class LiveError(BaseModel):
    type: Literal["error"] = "error"
    message: str


class LiveReport(BaseModel):
    type: Literal["report"] = "report"
    report: dict[str, Any]
