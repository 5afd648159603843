"""The session report: the figures of ``metrics`` and plain-words feedback, as a typed :class:`Report`.

    report = build_report(label_session(transcript, coach), rephraser=rephraser)
    report.feedback.headline, report.to_dict()

Its parts are the types of ``coach.feedback.report_model`` (see :func:`build_report`). Times are seconds in the
transcript's clock, ``None`` when the transcript has none; ratios are 0..1, ``None`` when there is nothing to divide
(see ``metrics``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from coach.feedback import metrics
from coach.feedback.actions import Action, find_actions
from coach.feedback.question_analysis import suggested_solution
from coach.feedback.rephrase import Rephraser
from coach.feedback.report_model import (
    BestQuestion,
    Feedback,
    Highlight,
    ModePart,
    Moment,
    PlannedTimeCheck,
    QuestionRephrased,
    Report,
    ReportedBack,
    RolesFound,
    SlotFigures,
    SlotReport,
    SpeakerFigures,
    Suggestion,
    Summary,
)
from coach.feedback.roles import FACILITATOR, PRESENTER, assumption_note
from coach.feedback.session import LabelledUtterance, Session
from coach.feedback.structure import OPEN, PLANNED, MeetingStructure, Mode, Slot
from coach.labels import ADVICE, BREAKING_LABELS, CLOSED_QUESTION, OPEN_QUESTION, OTHER, REFLECTION, STORY, Role

#: How a user of the HTTP API changes a role (the command line and the pages word their own).
API_ROLE_FIXES = {
    PRESENTER: "give the presenter's name (the presenter field)",
    FACILITATOR: "give the facilitator's name (the facilitator field)",
}
#: How a user of the HTTP API gives a meeting's slots (the command line and the pages word their own).
API_SLOT_FIX = "give the slots field (each presenter with the turn or time their slot starts)"
#: How a user of the HTTP API reads a meeting as planned time (the command line and the pages word their own).
API_MODE_FIX = 'send "mode": "planned" (or the planned parts)'
#: How a user of the HTTP API marks planned time in one slot (the command line and the pages word their own).
API_PART_FIX = "send a planned part from where they did (the parts field)"
#: The same for a session saved in a set, whose modes are said afterwards (``PUT /v1/sets/{set_id}/sessions/
#: {session_id}/modes``); in a slot's note, ``{presenter}`` becomes the slot's presenter.
API_SAVED_MODE_FIX = 'send "mode": "planned" to the saved session\'s modes (PUT .../modes)'
API_SAVED_PART_FIX = 'send "mode": "planned" and their slot\'s number ("slot", from 0) to the saved session\'s modes'
#: How a user of the HTTP API reads a meeting Coach read as planned throughout as open time, and the same for a saved
#: session.
API_OPEN_FIX = 'send "mode": "open"'
API_SAVED_OPEN_FIX = 'send "mode": "open" to the saved session\'s modes (PUT .../modes)'
#: The planned-time check speaks when at least this share of members' contributions in the slots (or in one slot)
#: was advice or stories ("more than half"; on the annotated meetings this separates the slots and meetings planned
#: throughout, and the sets slipping into advice, from every other, chosen seeing all three splits:
#: ``python -m training.evaluate_meetings``)...
PLANNED_CHECK_SHARE = 0.5
#: ... over at least this many contributions in the meeting's slots ...
PLANNED_CHECK_CONTRIBUTIONS = 10
#: ... or in one slot.
PLANNED_CHECK_SLOT_CONTRIBUTIONS = 8
#: A member who says this many story utterances in report-back has reported back.
REPORT_UTTERANCES = 2
#: A member's own story is a moment worth discussing from this many words on, even as a single utterance.
LONG_STORY_WORDS = 40
#: How heavily each kind of moment counts when choosing the few worth discussing.
MOMENT_WEIGHTS = {"advice_run": 2.0, "story_run": 1.0, "leading_question": 2.5, "advice": 1.5, "story": 0.5}


def build_report(
    session: Session,
    *,
    rephraser: Rephraser,
    max_went_well: int = 3,
    max_moments: int = 3,
    max_rephrasings: int = 10,
    role_fixes: Mapping[Role, str] = API_ROLE_FIXES,
    slot_fix: str = API_SLOT_FIX,
    mode_fix: str = API_MODE_FIX,
    part_fix: str = API_PART_FIX,
    open_fix: str = API_OPEN_FIX,
) -> Report:
    """The report of ``session`` (:meth:`Report.to_dict` gives it as JSON-ready data):

    - ``summary``: the session's figures (``questioning_ratio``, ``open_ratio``, ``counts`` per label, ...);
    - ``roles``: ``presenter``, ``facilitator``, which were ``assumed`` and ``how_to_override`` (worded by
      ``role_fixes``: the API's fields by default, the command line's flags from ``coach analyze``);
    - ``speakers``: per speaker (in order of first appearance) their role, counts, ratios and words;
    - ``utterances``: every labelled utterance; ``timeline``: the figures per window (see ``metrics.timeline``);
    - ``actions``: the presenter's committed actions (``coach.feedback.actions``), to report back on next time;
    - ``feedback``: a ``headline``, what ``went_well``, the ``moments`` most worth discussing, and ``rephrasings``
      (at most ``max_rephrasings``, advice dressed as questions first) of members' closed and leading questions, by
      ``rephraser``; no suggestion is given under two questions; and the ``planned_time_check`` of a meeting
      (:func:`planned_time_check`, its note worded by ``mode_fix``; each slot has its own, worded by ``part_fix``:
      :func:`slot_planned_time_checks`), or of a meeting Coach read as planned throughout
      (:func:`planned_reading_check`, worded by ``open_fix``).
    """
    utterances = session.utterances
    scored = session.scored
    presenter = session.presenter
    actions = tuple(find_actions(utterances))
    return Report(
        model=dict(session.model),
        summary=summary(scored, everyone=utterances),
        roles=RolesFound(
            presenter=presenter,
            facilitator=session.facilitator,
            assumed=tuple(session.roles.assumed),
            how_to_override=assumption_note(session.roles, role_fixes)
            if session.structure is None
            else _slots_note(session.structure, slot_fix),
        ),
        speakers=speakers(scored, presenter, everyone=utterances),
        utterances=tuple(u.shown() for u in utterances),
        timeline=metrics.timeline(scored),
        actions=actions,
        feedback=Feedback(
            headline=headline(scored),
            went_well=went_well(scored, presenter, max_went_well),
            moments=moments(scored, presenter, max_moments),
            rephrasings=rephrasings(scored, rephraser, max_rephrasings),
            planned_time_check=planned_time_check(scored, session.structure, mode_fix)
            or planned_reading_check(utterances, session.structure, open_fix),
        ),
        slots=_slots(session, scored, actions, part_fix),
        parts=_parts(session),
        reported_back=_reported_back(session),
        phases=() if session.structure is None else session.structure.phases,
    )


def _slots(
    session: Session, scored: Sequence[LabelledUtterance], actions: Sequence[Action], part_fix: str = API_PART_FIX
) -> tuple[SlotReport, ...]:
    """Each slot of a meeting with its phases, its members' figures, its presenter's actions and its planned-time
    check (:func:`slot_planned_time_checks`)."""
    structure = session.structure
    if structure is None:
        return ()
    utterances, counts = session.utterances, {u.index for u in scored}
    checks = slot_planned_time_checks(scored, structure, part_fix)
    reports = []
    for slot, check in zip(structure.slots, checks, strict=True):
        inside = utterances[slot.start_index : slot.end_index + 1]
        modes = {structure.mode_of[u.index] for u in inside}
        counted = [u for u in inside if u.index in counts]
        reports.append(
            SlotReport(
                presenter=slot.presenter,
                start_index=slot.start_index,
                end_index=slot.end_index,
                start=inside[0].start,
                end=_end_of(inside),
                mode=modes.pop() if len(modes) == 1 else "combined",
                phases=slot.phases,
                summary=SlotFigures(
                    questioning_ratio=metrics.questioning_ratio(counted),
                    open_ratio=metrics.open_ratio(counted),
                    member_counts=metrics.label_counts(metrics.members(counted)),
                ),
                actions=tuple(a for a in actions if slot.start_index <= a.index <= slot.end_index),
                planned_time_check=check,
            )
        )
    return tuple(reports)


def _slots_note(structure: MeetingStructure, slot_fix: str) -> str | None:
    """What was read of a meeting's slots, and how to change them (``slot_fix``: in the words of the edge)."""
    if not structure.slots:
        return None
    named = ", ".join(slot.presenter for slot in structure.slots)
    slots = "1 presenter's slot" if len(structure.slots) == 1 else f"{len(structure.slots)} presenters' slots"
    return f"We read {slots} ({named}); {slot_fix} to change this."


def planned_time_check(
    scored: Sequence[LabelledUtterance], structure: MeetingStructure | None, mode_fix: str = API_MODE_FIX
) -> PlannedTimeCheck | None:
    """The check of a meeting read as open throughout: when its modes were inferred, no planned time was found, and
    at least :data:`PLANNED_CHECK_SHARE` of members' counted contributions in the slots (``scored``, at least
    :data:`PLANNED_CHECK_CONTRIBUTIONS`) were advice or their own stories. Such a meeting was either planned time
    announced in words Coach does not know, or a set that slipped into advice; only the set knows which."""
    if structure is None or not structure.slots or not structure.modes_inferred or PLANNED in structure.mode_of:
        return None
    return _check(
        [u for u in scored if structure.slot_of[u.index] is not None],
        PLANNED_CHECK_CONTRIBUTIONS,
        lambda percent: (
            f"Coach found no planned time, yet {percent}% of what members said in the slots was advice or their own "
            f"stories. If the presenters asked for ideas and experience, {mode_fix}, and none of it will count against "
            "members; if they did not, that is the pattern to work on."
        ),
    )


def planned_reading_check(
    everyone: Sequence[LabelledUtterance], structure: MeetingStructure | None, open_fix: str = API_OPEN_FIX
) -> PlannedTimeCheck | None:
    """The check of a meeting whose every slot Coach read as planned time itself (its modes inferred): then nothing
    members said in the slots (``everyone``'s utterances, roles per slot) counts against them, and if the time was
    open that hides the set's advice, the one error a facilitator cannot see in the figures. It speaks over at least
    :data:`PLANNED_CHECK_CONTRIBUTIONS` members' contributions in the slots, saying what share was advice or stories,
    and how to read the meeting as open time (``open_fix``)."""
    if structure is None or not structure.slots or not structure.modes_inferred:
        return None
    in_slots = [u for u in everyone if structure.slot_of[u.index] is not None]
    if any(structure.mode_of[u.index] != PLANNED for u in in_slots):
        return None
    return _check(
        in_slots,
        PLANNED_CHECK_CONTRIBUTIONS,
        lambda percent: (
            f"Coach read every slot as planned time, where ideas and experience are wanted, so none of what members "
            f"said there counts against them ({percent}% of it was advice or their own stories). If the meeting was "
            f"open time, {open_fix}, and it will."
        ),
        least_share=0.0,
        read_as=PLANNED,
    )


def slot_planned_time_checks(
    scored: Sequence[LabelledUtterance], structure: MeetingStructure, part_fix: str = API_PART_FIX
) -> tuple[PlannedTimeCheck | None, ...]:
    """The same check for each slot, in order: for a slot whose modes were inferred and found all open, over what
    counts in it (``scored``, at least :data:`PLANNED_CHECK_SLOT_CONTRIBUTIONS` contributions). It speaks for a
    presenter who asked for ideas in words Coach does not know, or a set that slipped in that slot. ``{presenter}`` in
    ``part_fix`` becomes the slot's presenter."""
    return tuple(_slot_check(slot, scored, structure, part_fix) for slot in structure.slots)


def _slot_check(
    slot: Slot, scored: Sequence[LabelledUtterance], structure: MeetingStructure, part_fix: str
) -> PlannedTimeCheck | None:
    span = range(slot.start_index, slot.end_index + 1)
    if not structure.modes_inferred or any(structure.mode_of[index] == PLANNED for index in span):
        return None
    return _check(
        [u for u in scored if u.index in span],
        PLANNED_CHECK_SLOT_CONTRIBUTIONS,
        lambda percent: (
            f"Coach found no planned time in {slot.presenter}'s slot, yet {percent}% of what members said there was "
            f"advice or their own stories. If {slot.presenter} asked for ideas and experience, "
            f"{part_fix.replace('{presenter}', slot.presenter)}, and none of "
            "it will count against members; if not, that is the pattern to work on."
        ),
    )


def _check(
    scored: Sequence[LabelledUtterance],
    minimum: int,
    note: Callable[[int], str],
    least_share: float = PLANNED_CHECK_SHARE,
    read_as: Mode = OPEN,
) -> PlannedTimeCheck | None:
    """The check over members' contributions among ``scored`` (``other`` left out): when there are at least
    ``minimum`` and at least ``least_share`` of them were advice or stories, their share, how many, and the ``note``
    for that share in percent, said of time Coach read as ``read_as``."""
    said = [u for u in metrics.contributions(metrics.members(scored)) if u.label != OTHER]
    share = sum(u.label in BREAKING_LABELS for u in said) / len(said) if said else 0.0
    if len(said) < minimum or share < least_share:
        return None
    return PlannedTimeCheck(
        share=round(share, 3), contributions=len(said), note=note(round(share * 100)), read_as=read_as
    )


def _parts(session: Session) -> tuple[ModePart, ...]:
    if session.structure is None:
        return ()
    utterances = session.utterances
    return tuple(
        ModePart(
            part.mode,
            part.start_index,
            part.end_index,
            utterances[part.start_index].start,
            _end_of(utterances[part.start_index : part.end_index + 1]),
        )
        for part in session.structure.parts
    )


def _reported_back(session: Session) -> ReportedBack | None:
    """Who reported back on last time's actions, and where: the members who gave an account there (at least
    :data:`REPORT_UTTERANCES` story utterances; a question or a comment on someone's report is not a report)."""
    structure = session.structure
    if structure is None:
        return None
    stretch = next((phase for phase in structure.phases if phase.phase == "report_back"), None)
    if stretch is None:
        return None
    inside = session.utterances[stretch.start_index : stretch.end_index + 1]
    told = Counter(u.speaker for u in inside if u.role == "member" and u.label == STORY)
    speakers = tuple(
        speaker for speaker in dict.fromkeys(u.speaker for u in inside) if told[speaker] >= REPORT_UTTERANCES
    )
    return ReportedBack(speakers, stretch.start_index, stretch.end_index, inside[0].start, _end_of(inside))


def _end_of(utterances: Sequence[LabelledUtterance]) -> float | None:
    """When the last of ``utterances`` ends (or, without an end, starts)."""
    last = utterances[-1]
    return last.end if last.end is not None else last.start


def summary(utterances: Sequence[LabelledUtterance], everyone: Sequence[LabelledUtterance] | None = None) -> Summary:
    """The session's figures, each from its ``metrics`` function: members' figures from ``utterances`` (a meeting's
    scored ones, ``Session.scored``), the counts, the presenter's share, the size and the length from ``everyone``
    (the same when not given)."""
    everyone = utterances if everyone is None else everyone
    return Summary(
        questioning_ratio=metrics.questioning_ratio(utterances),
        open_ratio=metrics.open_ratio(utterances),
        reflection_to_question_ratio=metrics.reflection_to_question_ratio(utterances),
        counts=metrics.label_counts(everyone),
        member_counts=metrics.label_counts(metrics.members(utterances)),
        longest_questioning_run=metrics.longest_questioning_run(utterances),
        time_to_first_advice=metrics.time_to_first_advice(utterances),
        presenter_share_of_talk=metrics.presenter_share_of_talk(everyone),
        participation_balance=metrics.participation_balance(utterances),
        leading_questions=len(metrics.leading_questions(utterances)),
        utterances=len(everyone),
        duration=metrics.duration(everyone),
    )


def speakers(
    utterances: Sequence[LabelledUtterance],
    presenter: str | None = None,
    *,
    with_feedback: bool = True,
    everyone: Sequence[LabelledUtterance] | None = None,
) -> dict[str, SpeakerFigures]:
    """Per speaker, in order of first appearance: ``role``, ``utterances``, ``words``, ``share_of_talk``, ``counts``,
    ``leading_questions`` and, for members (``None`` for the others), ``questioning_ratio``, ``open_ratio``,
    ``percentages`` (each label's share of their contributions), their ``best_question`` and a ``next_step`` drawn from
    their own pattern (without ``with_feedback``, figures only: no ``best_question`` or ``next_step``).

    In a meeting, ``utterances`` are the scored ones and ``everyone`` all of them: a speaker's words and share of talk
    count everything they said, their figures what counts as a member's (their own slot is not held against them),
    and anyone who was a member somewhere is a member."""
    everyone = utterances if everyone is None else everyone
    total_words = sum(u.words for u in everyone)
    said_words: dict[str, int] = {}
    said: dict[str, int] = {}
    roles: dict[str, set[str]] = {}
    for u in everyone:
        said_words[u.speaker] = said_words.get(u.speaker, 0) + u.words
        said[u.speaker] = said.get(u.speaker, 0) + 1
        roles.setdefault(u.speaker, set()).add(u.role)
    by_speaker: dict[str, list[LabelledUtterance]] = {name: [] for name in said_words}
    for u in utterances:
        by_speaker[u.speaker].append(u)
    figures = {}
    for name, all_spoken in by_speaker.items():
        role = "member" if "member" in roles[name] else next(iter(roles[name]))
        spoken = [u for u in all_spoken if u.role == role]
        words = said_words[name]
        member = role == "member"
        feedback = with_feedback and member
        figures[name] = SpeakerFigures(
            role=role,
            utterances=said[name],
            words=words,
            share_of_talk=round(words / total_words, 4) if total_words else None,
            counts=metrics.label_counts(spoken),
            questioning_ratio=metrics.questioning_ratio(spoken),
            open_ratio=metrics.open_ratio(spoken),
            leading_questions=len(metrics.leading_questions(spoken)),
            percentages=_percentages(spoken) if member else None,
            best_question=best_question(utterances, name) if feedback else None,
            next_step=next_step(spoken, presenter) if feedback else None,
        )
    return figures


def _percentages(spoken: Sequence[LabelledUtterance]) -> dict[str, float | None]:
    contributions = [u for u in spoken if u.label != OTHER]
    counts = metrics.label_counts(contributions)
    return {
        label: round(counts[label] / len(contributions), 4) if contributions else None
        for label in (OPEN_QUESTION, CLOSED_QUESTION, REFLECTION, ADVICE, STORY)
    }


def best_question(utterances: Sequence[LabelledUtterance], speaker: str) -> BestQuestion | None:
    """``speaker``'s open question the presenter answered at most length (then the surest); else their surest
    closed question; ``None`` when they asked none."""
    for label in (OPEN_QUESTION, CLOSED_QUESTION):
        asked = [
            (answer_words(utterances, position), u.confidence, -u.index, u)
            for position, u in enumerate(utterances)
            if u.speaker == speaker and u.label == label and not u.leading
        ]
        if asked:
            u = max(asked, key=lambda item: item[:3])[3]
            return BestQuestion(u.index, u.text, u.start)
    return None


def next_step(spoken: Sequence[LabelledUtterance], presenter: str | None) -> str:
    """One concrete thing for a member to try next time, from their own pattern in ``spoken``."""
    who = presenter or "the presenter"
    counts = metrics.label_counts(spoken)
    questions = counts[OPEN_QUESTION] + counts[CLOSED_QUESTION]
    leading = sum(u.leading for u in spoken)
    if leading:
        return (
            f"{_times(leading, 'piece')} of your advice came as {'a question' if leading == 1 else 'questions'}: "
            f"ask what {who} has already tried, and let them find the options."
        )
    if counts[ADVICE] >= 2:
        return (
            f"You offered advice {_count(counts[ADVICE])} times: hold the idea, and ask what {who} thinks would help."
        )
    if questions >= 2 and counts[CLOSED_QUESTION] * 2 >= questions:
        return f"{counts[CLOSED_QUESTION]} of your {questions} questions were closed: try starting with what or how."
    if counts[STORY] >= 2:
        times = _how_often(counts[STORY])
        return f"Your own experience came in {times}: turn it into a question about {who}'s situation."
    if counts[ADVICE] == 1:
        return f"You offered one piece of advice: next time, try asking what {who} has considered instead."
    if questions == 0 and counts[REFLECTION] == 0:
        return 'Try one open question next time, such as "What matters most to you about this?"'
    if counts[REFLECTION] == 0:
        return "Try a reflection: say back what you heard before your next question."
    return f'Keep going: follow one of {who}\'s answers deeper with "What else?" before moving on.'


def _how_often(number: int) -> str:
    return {1: "once", 2: "twice"}.get(number, f"{_count(number)} times")


def _times(number: int, noun: str) -> str:
    """``1 piece``, ``3 pieces``: a count with its noun, capitalised as the start of a sentence."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def headline(utterances: Sequence[LabelledUtterance]) -> str:
    """One plain sentence on how well the set stayed in questioning mode."""
    ratio = metrics.questioning_ratio(utterances)
    if ratio is None:
        return "Members said too little to tell how well the set stayed in questioning mode."
    percent = round(ratio * 100)
    counts = metrics.label_counts(metrics.members(utterances))
    slip = "advice" if counts[ADVICE] >= counts[STORY] else "members' own stories"
    if ratio >= 0.75:
        return f"A strong session: {percent}% of what members said were questions or reflections."
    if ratio >= 0.5:
        return (
            f"The set mostly stayed in questioning mode: {percent}% of what members said were questions or "
            f"reflections, with some {slip} along the way."
        )
    return (
        f"{percent}% of what members said were questions or reflections and much of the rest was {slip}, so there is "
        "room to stay with questions for longer."
    )


def went_well(utterances: Sequence[LabelledUtterance], presenter: str | None, limit: int = 3) -> tuple[Highlight, ...]:
    """Members' best moves, in order: the open questions the presenter answered at most length (then the surest),
    and the best reflection when there is one, which takes the last place."""
    who = presenter or "The presenter"
    questions: list[tuple[int, float, LabelledUtterance]] = []
    reflections: list[tuple[int, float, LabelledUtterance]] = []
    for position, u in enumerate(utterances):
        if u.role == "member" and u.label in (OPEN_QUESTION, REFLECTION):
            kind = questions if u.label == OPEN_QUESTION else reflections
            kind.append((answer_words(utterances, position), u.confidence, u))
    ranked = sorted(questions, key=lambda item: (-item[0], -item[1], item[2].index))
    best_reflection = sorted(reflections, key=lambda item: (-item[0], -item[1], item[2].index))[:1]
    best = ranked[: limit - len(best_reflection)] + best_reflection if limit else []
    chosen = []
    for answer, _, u in sorted(best, key=lambda item: item[2].index):
        if u.label == REFLECTION:
            why = f"A reflection: it showed {who} they were heard" + (
                f", and {who} went on ({answer} words)." if answer else "."
            )
        elif answer >= 30:
            why = f"An open question that {who} answered at length ({answer} words)."
        elif answer:
            why = f"An open question that gave {who} room to think aloud."
        else:
            why = "An open question: it invites thinking rather than a yes or a no."
        chosen.append(Highlight(u.index, u.speaker, u.text, u.start, why))
    return tuple(chosen)


def answer_words(utterances: Sequence[LabelledUtterance], position: int) -> int:
    """The presenter's words after the utterance at ``position``, up to the next member's contribution."""
    words = 0
    for u in utterances[position + 1 :]:
        if u.role == "member" and u.label != OTHER:
            break
        if u.role == "presenter":
            words += u.words
    return words


def moments(utterances: Sequence[LabelledUtterance], presenter: str | None, limit: int = 3) -> tuple[Moment, ...]:
    """The few moments most worth discussing, in order: runs of advice, stories that took over, leading questions.

    Candidates are weighed by :data:`MOMENT_WEIGHTS` and their length; a piece of advice inside a run of advice is
    part of that run, not a moment of its own.
    """
    who = presenter or "the presenter"
    by_index = {u.index: u for u in utterances}
    candidates: list[tuple[float, Moment | LabelledUtterance]] = []  # single advice: worded once chosen
    covered: set[int] = set()
    for run in metrics.member_runs(utterances, {ADVICE}):
        if run.length < 2:
            continue
        first = by_index[run.start_index]
        covered.update(range(run.start_index, run.end_index + 1))
        spoken = [by_index[i] for i in range(run.start_index, run.end_index + 1) if i in by_index]
        turns = {(u.speaker, u.turn) for u in spoken if u.role == "member" and u.label == ADVICE}
        together = "in one turn" if len(turns) == 1 else "in a row"
        why = (
            f"{_count(run.length).capitalize()} suggestions {together}{_from(run.speakers)}: the set moved from "
            f"helping {who} think to offering answers."
        )
        candidates.append((MOMENT_WEIGHTS["advice_run"] * run.length, _moment("advice_run", first, run, why)))
    for run in metrics.member_runs(utterances, {STORY}):
        spoken = [by_index[i] for i in range(run.start_index, run.end_index + 1) if i in by_index]
        words = sum(u.words for u in spoken if u.role == "member" and u.label == STORY)
        if run.length < 2 and words < LONG_STORY_WORDS:
            kind, weight = "story", MOMENT_WEIGHTS["story"]
            why = f"A member's own story: it moves the focus away from {who}'s problem."
        else:
            kind, weight = "story_run", MOMENT_WEIGHTS["story_run"] * (run.length + words / LONG_STORY_WORDS)
            single = len(run.speakers) == 1
            whose = f"{run.speakers[0]}'s own story" if single else "Members' own stories"
            to = f"{run.speakers[0]}'s" if single else "theirs"
            why = f"{whose} ran for about {words} words, and the focus moved from {who}'s problem to {to}."
        candidates.append((weight, _moment(kind, by_index[run.start_index], run, why)))
    for u in utterances:
        if u.role == "member" and u.label == ADVICE and u.index not in covered:
            candidates.append((MOMENT_WEIGHTS["leading_question" if u.leading else "advice"], u))
    chosen = sorted(candidates, key=lambda item: (-item[0], item[1].index))[:limit]
    found = (item if isinstance(item, Moment) else _advice_moment(item, who) for _, item in chosen)
    return tuple(sorted(found, key=lambda moment: moment.index))


def _advice_moment(u: LabelledUtterance, who: str) -> Moment:
    """A single piece of advice as a moment, quoting the solution it holds (parsed only for the moments chosen)."""
    solution = suggested_solution(u.text)
    answer = f" ('{solution}')" if solution else ""
    if u.leading:
        why = f"Advice dressed as a question: it already holds an answer{answer}, so {who} is steered, not helped."
        return _moment("leading_question", u, None, why)
    why = f"A suggestion{answer}: it offers an answer where a question would help {who} find their own."
    return _moment("advice", u, None, why)


def rephrasings(
    utterances: Sequence[LabelledUtterance], rephraser: Rephraser, limit: int = 10
) -> tuple[QuestionRephrased, ...]:
    """Open rephrasings of members' leading and closed questions: leading first, at most ``limit``, in order.

    A suggestion given under one question is not given again under another.
    """
    leading = [u for u in utterances if u.role == "member" and u.label == ADVICE and u.leading]
    closed = [u for u in utterances if u.role == "member" and u.label == CLOSED_QUESTION]
    chosen = sorted([*leading, *closed][:limit], key=lambda u: u.index)
    used: set[str] = set()
    found = []
    for u in chosen:
        suggestions = rephraser.rephrase(u.text, u.label, avoid=used)
        used.update(s.text for s in suggestions)
        found.append(
            QuestionRephrased(
                index=u.index,
                speaker=u.speaker,
                start=u.start,
                original=u.text,
                label=u.label,
                leading=u.leading,
                suggestions=tuple(s.text for s in suggestions),
                suggestion_details=tuple(
                    Suggestion(s.text, s.generic, round(s.open_confidence, 4)) for s in suggestions
                ),
            )
        )
    return tuple(found)


def _moment(kind: str, first: LabelledUtterance, run: metrics.Run | None, why: str) -> Moment:
    return Moment(
        kind=kind,
        index=first.index,
        end_index=run.end_index if run else first.index,
        speaker=first.speaker,
        speakers=run.speakers if run else (first.speaker,),
        quote=first.text,
        start=first.start,
        end=(run.end if run else first.end if first.end is not None else first.start),
        why=why,
    )


def _from(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return f" from {names[0]}"
    return f" from {', '.join(names[:-1])} and {names[-1]}"


def _count(number: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[number] if 0 <= number < len(words) else str(number)
