"""The meeting as it runs: presenters' slots, the phases inside them, report-back, and open or planned time.

A set's meeting opens (members bid for time), hears report-back on last time's actions, gives two or three presenters
a slot each (their account, the set's questions, their actions, sometimes a review of how the set worked), may spend
planned time on a topic agreed in advance, and closes. :func:`infer_structure` finds that shape in a labelled meeting
from what people said, in turns:

- **Slots** follow who is being questioned. Each turn gives its speaker weight as the one questioned: an answer to
  someone else's question, and each story utterance (more for a long account), less what they asked. Over a window
  of turns either side, the speaker with most weight is the turn's focus; a stretch of at least
  :data:`MIN_SLOT_TURNS` turns with one focus, from where its presenter starts, is that speaker's slot (never in a
  conversation of two, and not a member's report on last time's actions, shorter than a slot, in a report's words or
  answering the facilitator's call for it; a presenter's bid for time in the opening, with report-back after it, is
  no part of their slot). A slot starts at its presenter's account (the one just after the facilitator names them,
  not a story they told in the slot before), or at the facilitator's turn just before it (the hand-over), and runs
  until the next slot, a planned discussion or the close.
- **Phases inside a slot:** ``presenting`` until a member first asks, advises or reflects; ``actions`` from a
  "what will you do?" ("where does that leave you?") in the slot's later half; a ``process_review`` from the
  facilitator's "how was that for you?" after that.
- **Outside slots:** the ``opening`` from the start; ``report_back`` from a member's report on last time's actions
  ("last time I said I'd...", or the facilitator's call just before it: "Janine, you were going to...") to the first
  slot, unless the facilitator's call for bids soon follows ("Can I go second on the report-back?" only announces it);
  ``report_back`` between slots too, from the facilitator's call for it in a slot's second half that a member, not its
  presenter, answers with a story, to the next slot; a ``discussion`` from the facilitator's move to the planned topic
  ("this is the bit we agreed", "the time we set aside", not "a break before the planned part") until the close or a
  slot that is handed over (the facilitator names its presenter a few turns before, or the presenter takes the floor:
  "Right, mine.") and has a slot's length (a member's turn in a round is shorter). A discussion can come before the
  first slot too (also from the facilitator asking for ideas or lifting the questions-only rule, "Bev, it's yours, and
  today we're allowed opinions"; in a meeting announced as planned, from a round), when a slot does not follow at once;
  when one does, the ideas were asked for in the slots. The ``closing`` runs from the facilitator's first mention of the
  next meeting or goodbye after the slots, or their thanks to everyone a few turns before it (else their thanks to
  everyone).
- **Modes:** a discussion is ``planned``; a slot is ``open`` until its presenter or the facilitator asks for ideas
  ("for the last ten minutes ideas are welcome", "I'd love to pick your brains", "this time it's not questions only",
  the presenter's "how would you run it?", not "questions first, then the ideas bit"; with ``calls_for_ideas``, also
  a call recognised by its meaning that someone takes up with advice or a story), and then planned to its end;
  in a meeting announced as planned ("today's a planned meeting", "this is the ideas one"; with
  ``announces_planned``, also an opening announcement recognised by its meaning) every slot is planned unless its
  presenter asks for questions only. The opening, report-back and close take the mode of the
  meeting's first slot or discussion.

Given slots (presenters with where they start) and modes always win over what is inferred. The guideline these rules
follow is ``data/annotated/GUIDELINES.md`` ("Whole meetings"); ``python -m training.evaluate_meetings`` measures them
on the annotated meetings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal, TypeVar

from coach.feedback.ideas_calls import CALL_LABELS, MIN_WORDS
from coach.feedback.planned_openings import opening_pieces
from coach.feedback.roles import Spoken
from coach.labels import ADVICE, QUESTION_LABELS, REFLECTION, STORY

Phase = Literal[
    "opening", "report_back", "presenting", "questioning", "actions", "process_review", "discussion", "closing"
]
Mode = Literal["open", "planned"]
#: What a user may say of a whole meeting: all open, all planned, or some of each (then inferred).
MeetingMode = Literal["open", "planned", "combined"]
OPEN: Mode = "open"
PLANNED: Mode = "planned"
SLOT_PHASES: tuple[Phase, ...] = ("presenting", "questioning", "actions", "process_review")

#: Turns either side of a turn that decide who is being questioned at that point.
FOCUS_REACH = 6
#: The fewest turns a slot has; a shorter stretch with one focus is a report-back or an aside.
MIN_SLOT_TURNS = 10
#: A focus needs at least this much weight in its window (a story utterance or an answer weighs 1).
MIN_FOCUS_WEIGHT = 3.0
#: A meeting of slots has at least this many people.
MIN_SPEAKERS = 3
#: How many turns before a slot's first focused turn its hand-over may come.
HAND_OVER_REACH = 8
#: How many of a slot's first turns (the presenter's and the facilitator's) may ask for questions only.
OPEN_SLOT_REACH = 3
#: Within how many turns after a call for ideas recognised by its meaning someone must take it up (advice or a story).
CALL_TAKEN_UP_TURNS = 3
#: The most turns the facilitator's thanks to everyone may come before their goodbye and still start the closing.
THANKS_BEFORE_GOODBYE = 10
#: The fewest turns of a slot found after a planned discussion started.
RESUMED_SLOT_TURNS = 15
#: How many turns before a slot's first the facilitator's naming its presenter still hands it over.
HAND_OVER_NAME_REACH = 3
#: Planned discussion before the first slot starts at least this many turns after report-back does.
DISCUSSION_AFTER_REPORT = 3
#: After another slot, how many turns before the focus an account handed over may start the slot.
HANDED_ACCOUNT_REACH = 16
#: How many turns back from a presenter's account the facilitator's hand-over may be (a turn by someone else stops it).
HAND_OVER_BACK = 1
#: A turn of this many story utterances, or a story of this many words, is an account.
ACCOUNT_UTTERANCES = 3
ACCOUNT_WORDS = 45
#: How many turns after talk of report-back the facilitator's call for bids shows it was only announced.
BIDS_AFTER_ANNOUNCEMENT = 3
#: Actions and process review are looked for only after this share of the slot.
LATE_SHARE = 0.5

_ASKING = frozenset(QUESTION_LABELS) | {ADVICE, REFLECTION}
_ACTIONS_CUE = re.compile(
    r"\b(?:what (?:will|would|are|could|might) you (?:actually |really )?(?:going to |gonna )?(?:do|take|try)\b|"
    r"what you'?ll do\b|what are you (?:taking|doing (?:then|now|next|before|about|with))\b|what(?:'s| is) next for "
    r"you|where does (?:that|this|all (?:of )?this|all that) leave you|what do you want to do (?:with|about|next|now)|"
    r"what(?:'s| is) your (?:next|first) step|next steps?\b|move (?:on )?to actions|(?:any|your|some) actions?\b|"
    r"actions?,? then\b|let'?s do actions|time for actions|what are you taking away|taking away|commit|"
    r"what(?:'s| is) coming out of (?:this|that|it|all this) for you|what(?:'s| is) yours to do)",
    re.IGNORECASE,
)
_REVIEW_CUE = re.compile(
    r"\b(?:how (?:was|did) (?:that|this|it)\b|how were (?:the|our) questions|look back (?:at|on) (?:the|this|that|"
    r"how)|how did we do|what did (?:we|you all|people|"
    r"everyone) notice|(?:quick |short )?review\b|how (?:we|the set) worked|our questions\b|how was (?:the|our) "
    r"(?:process|questioning)|reflect on (?:how|the process)|process check|what was (?:helpful|useful)\b|"
    r"(?:a few minutes|a minute|some time|a moment) on (?:that|this|the) slot)",
    re.IGNORECASE,
)
#: A member's report on what they did about last time's actions.
_REPORT_BACK_CUE = re.compile(
    r"\b(?:last time|last (?:month|meeting|set)|i said i'?d|i was going to|report(?:ing)?[- ]back|(?:an |my |quick )"
    r"update\b|since (?:we last met|last))",
    re.IGNORECASE,
)
#: The facilitator asking a member how last time's actions went.
_REPORT_BACK_CALL = re.compile(
    r"\b(?:you were going to|you said you'?d|any (?:news|updates?)\b|how did (?:it|that|things|the [\w' ]{1,30}) go\b|"
    r"what happened (?:with|about)|where did you get to|where (?:that|it|things) got to|(?:can|could) we hear "
    r"(?:how|where|what))",
    re.IGNORECASE,
)
#: The facilitator asking for bids for time.
_BID_CALL = re.compile(
    r"\b(?:who(?:'d| would)? (?:like|wants?|needs?) (?:some )?time|(?:any|more|so|then|take|do|with) bids\b|bids "
    r"(?:for time|first|now|then|please)\b|(?:anyone|anybody) else (?:want|need|like|after)\b)",
    re.IGNORECASE,
)
#: A call for ideas, suggestions or experience: planned time.
_PLANNED_CUE = re.compile(
    r"\b(?:planned\b|brainstorm|(?:ideas|advice|problem[- ]solving) clinic\b|war stories|different rules|"
    r"(?:the|this|a) (?:bit|session|part|topic) we agreed|(?:go|move|come) (?:on )?to (?:the )?ideas|ideas (?:bit|"
    r"part|session|round|now)|(?:ideas|suggestions|"
    r"advice|tips|experience|stories)(?: and [\w' ]+?)? (?:are|is) (?:very |very much |all |more than )?welcome|"
    r"(?:i'?d|i would) (?:really )?(?:like|love|welcome|want) (?:your|some|any|all your|people'?s) (?:ideas|"
    r"suggestions|advice|tips|experience)|share (?:your|some|any) (?:experience|ideas|tips)|(?:you can|feel free to|"
    r"do) (?:give|offer) (?:me )?(?:advice|suggestions|ideas))",
    re.IGNORECASE,
)
#: The questions-only rule lifted ("this time it's not questions only", "we put the questions-only rule down", "today
#: we're allowed opinions").
_RULE_LIFTED = (
    r"(?:not|no|without|put down|drop|lift|suspend|relax)(?: the)?(?: usual)? (?:only[- ]questions|"
    r"questions[- ]only)\b|(?:only[- ]questions|questions[- ]only) rule (?:down|aside|off)\b|(?:we'?re|you'?re|we are|"
    r"you are|everyone'?s) allowed (?:opinions|ideas|advice|suggestions)|(?:won'?t|will not|not going to) (?:be )?"
    r"stop(?:ping)? (?:anybody|anyone|people|you|everybody) (?:from )?(?:telling|giving|suggesting|offering|sharing)"
)
_RULE_LIFTED_CUE = re.compile(r"\b(?:" + _RULE_LIFTED + ")", re.IGNORECASE)
#: The same call for ideas in other words: opening the slot up to ideas, asking to pick the set's brains or hear what
#: worked for others, advice allowed now.
_IDEAS_INVITED = re.compile(
    r"\b(?:"
    + "|".join(
        (
            r"open (?:it|this|things|the floor) up (?:to|for) (?:ideas|suggestions|advice|solutions)",
            r"throw (?:it|this) open\b",
            r"pick (?:your|everyone'?s|the group'?s|the set'?s) brains?",
            r"(?:what would you do|if you were) in my (?:shoes|place)\b",
            r"if you were me\b",
            r"(?:i'?m|i am) (?:open to|after|looking for|keen to hear|happy to (?:hear|take)) (?:your |some |any |all "
            r"|people'?s )?(?:ideas|suggestions|advice|tips)",
            r"(?:i'?d|i would) (?:really )?(?:value|appreciate|be grateful for|be glad of) (?:your|some|any|all your|"
            r"people'?s|the group'?s) (?:ideas|suggestions|advice|tips|experience)",
            r"(?:has|have) (?:anyone|anybody|any of you) (?:else )?(?:got |had |any )*(?:ideas|suggestions|experience|"
            r"tips)",
            r"(?:switch|move|change|swap) (?:over )?(?:to|into) (?:ideas|suggestions|advice|solutions|sharing)",
            r"(?<!not )(?:ideas|suggestions) (?:time|stage|phase)\b",
            r"(?:let'?s|can we|could we) (?:have|hear|get) (?:some|your|any|everyone'?s) (?:ideas|suggestions|advice|"
            r"tips|experience)",
            r"what'?s worked for (?:you|others|any of you)",
            r"(?:anybody|anyone|everybody|everyone)'?s (?:experience|tips|ideas|suggestions)",
            r"hear from (?:the people|the ones|those|anyone|anybody) who'?(?:ve| have) (?:done|been through|tried)",
            r"(?:advice|suggestions|ideas)(?: and [\w' ]+?)? (?:are|is) (?:fine|allowed|okay|ok|fair game|on the "
            r"table)",
            r"(?:you'?re|you are) (?:allowed|free) to (?:give|offer|share|make) (?:me )?(?:your |some |any )?(?:advice|"
            r"suggestions|ideas|tips|experience|stories)",
            _RULE_LIFTED,
        )
    )
    + ")",
    re.IGNORECASE,
)
#: A presenter asking the set what they would do in their place ("How would you run it if it landed on you?").
_PRESENTER_ASKS_IDEAS = re.compile(
    r"\b(?:what|how) (?:would you|you'?d|would any of you|would you all) (?:do|handle|run|approach|tackle)\b",
    re.IGNORECASE,
)
#: The facilitator moving to the planned topic that is nobody's slot.
_DISCUSSION_CUE = re.compile(
    r"\b(?:planned (?:session|bit|part|discussion|topic|time)|(?:the|this|a) (?:bit|session|part|topic|round|"
    r"discussion|exchange) we agreed|(?:as|what) we agreed|we agreed (?:we'?d|to)\b|(?:this|here) is the (?:part|bit) "
    r"where|(?:do|start|have) the (?:sharing|exchange|ideas round)\b|"
    r"(?:time|half hour|hour|bit|part|slot) we (?:(?:set|put|kept) aside|promised ourselves)|"
    r"nobody(?:'s| is) presenting (?:in|for) this|"
    r"war stories|different rules|(?:last|next|final) (?:half hour|forty|thirty|hour)\b|rest of the "
    r"(?:morning|afternoon|evening|session)|(?:today'?s|this month'?s|our) (?:topic|theme))",
    re.IGNORECASE,
)
#: Planned time announced for later ("a quick break before the planned part", "questions first, then the ideas bit"),
#: not started; or time talk ("a bit less time than we planned").
_LATER = re.compile(
    r"\b(?:(?:before|then|after|later|until)\b[^.?!]{0,40}\bplanned|(?:than|as) (?:we |i |you )?(?:had |'d )?"
    r"planned|questions first,? (?:and )?then\b[^.?!]{0,20}\bideas)\b",
    re.IGNORECASE,
)
#: A presenter taking the floor at the start of their slot.
_TAKES_THE_FLOOR = re.compile(
    r"^(?:(?:right|okay|ok|so|well|yes|yeah)[,.]?\s+)*(?:mine\b|me\b|my turn|i'?ll (?:go|start)|shall i (?:just )?"
    r"(?:go|start))",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
#: Says which sentences are calls for ideas by their meaning (``coach.feedback.ideas_calls``), beside the phrases.
CallsForIdeas = Callable[[Sequence[str]], Sequence[bool]]
#: Says which of a facilitator's opening pieces announce a planned meeting by their meaning
#: (``coach.feedback.planned_openings``), beside the phrases.
AnnouncesPlanned = Callable[[Sequence[str]], Sequence[bool]]


def _says_now(cue: re.Pattern[str], text: str) -> bool:
    """Whether a sentence of ``text`` carries ``cue`` and is not about planned time later ("ten minutes' break, then
    the planned session. Right, this is the bit we agreed" starts it in its second sentence)."""
    return any(cue.search(sentence) and not _LATER.search(sentence) for sentence in _SENTENCE_END.split(text))


#: A meeting announced as planned from the start (each slot then planned unless its presenter asks for questions).
_PLANNED_MEETING_CUE = re.compile(
    r"\b(?:(?:whole|today'?s|tonight'?s|this) (?:session|"
    r"meeting)(?:'s| is) (?:mostly |all )?planned|(?:today|tonight)(?:'s| is) (?:mostly |all )?(?:our |a )?"
    r"(?:planned|clinic|themed)|(?:a|our|this) (?:planned|themed|topic) (?:meeting|session) (?:today|tonight|this "
    r"(?:time|month|morning|afternoon|evening))|(?:different|planned|themed) format (?:today|tonight|this)|"
    r"(?:this|today|tonight|this month)(?:'s| is) (?:the|our|an?) ideas (?:one|session|meeting|month)\b)",
    re.IGNORECASE,
)


def _announced_planned(
    utterances: Sequence[Spoken],
    opening: Sequence[_Turn],
    facilitator: str | None,
    announces: AnnouncesPlanned | None,
) -> bool:
    """Whether the facilitator's turns of the ``opening`` announce a planned meeting: by a phrase of
    :data:`_PLANNED_MEETING_CUE`, or, with ``announces``, one of their pieces (``opening_pieces``) by its meaning."""
    theirs = [turn for turn in opening if turn.speaker == facilitator]
    if any(_PLANNED_MEETING_CUE.search(turn.text) for turn in theirs):
        return True
    pieces = [
        piece for turn in theirs for piece in opening_pieces([u.text for u in utterances[turn.first : turn.last + 1]])
    ]
    return announces is not None and bool(pieces) and any(announces(pieces))


#: A slot of questions only, in a planned meeting.
_OPEN_SLOT_CUE = re.compile(
    r"\b(?:questions only|only questions|just questions|questioning mode|no (?:ideas|advice|solutions)|"
    r"(?:didn'?t|don'?t) want (?:ideas|advice|solutions))",
    re.IGNORECASE,
)
#: The facilitator closing the meeting: the next date, goodbyes; then thanks to everyone.
_CLOSING_CUE = re.compile(
    r"\b(?:next (?:date|meeting|one|set|time|month|session)|same time next|see you (?:all|next|in|on|then)|"
    r"that'?s (?:time|us)\b|stop the recording|let'?s (?:close|finish|stop there|end)|finish there|"
    r"(?:happy christmas|goodbye|bye)\b)",
    re.IGNORECASE,
)
_ROUND_CUE = re.compile(r"\b(?:(?:start|begin|open) with a round|an open round|a round on)\b", re.IGNORECASE)
_THANKS_ALL = re.compile(r"\bthank(?:s| you),? (?:everyone|all|everybody)\b", re.IGNORECASE)


class _IdeasAsked:
    """Whether a turn asks for ideas now: a phrase of :data:`_IDEAS_INVITED`; or, with ``calls`` given, one of its
    utterances that a call can be (process talk or a question, not about later) read as a call by meaning, and taken
    up: someone other than the caller, the facilitator and the slot's presenter gives advice or a story within
    :data:`CALL_TAKEN_UP_TURNS` turns. Reining advice in ("that's a story and then a piece of advice, but I'm going to
    hold it") reads much like a call, and is followed by questions. Each turn is read once, when a rule asks."""

    def __init__(
        self,
        utterances: Sequence[Spoken],
        turns: Sequence[_Turn],
        facilitator: str | None,
        calls: CallsForIdeas | None,
    ) -> None:
        self._utterances = utterances
        self._turns = turns
        self._facilitator = facilitator
        self._number = {turn.first: number for number, turn in enumerate(turns)}
        self._calls = calls
        self._read: dict[int, bool] = {}

    def __call__(self, turn: _Turn, presenter: str | None = None) -> bool:
        if _says_now(_IDEAS_INVITED, turn.text):
            return True
        if self._calls is None or not self._taken_up(turn, {turn.speaker, self._facilitator, presenter}):
            return False
        if turn.first not in self._read:
            candidates = [
                u.text
                for u in self._utterances[turn.first : turn.last + 1]
                if u.label in CALL_LABELS and len(u.text.split()) >= MIN_WORDS and not _LATER.search(u.text)
            ]
            self._read[turn.first] = bool(candidates) and any(self._calls(candidates))
        return self._read[turn.first]

    def _taken_up(self, turn: _Turn, callers: set[str | None]) -> bool:
        number = self._number[turn.first]
        return any(
            later.speaker not in callers and any(label in (ADVICE, STORY) for label in later.labels)
            for later in self._turns[number + 1 : number + 1 + CALL_TAKEN_UP_TURNS]
        )


@dataclass(frozen=True)
class PhaseSpan:
    """A phase over utterances ``start_index``..``end_index`` (inclusive)."""

    phase: Phase
    start_index: int
    end_index: int


@dataclass(frozen=True)
class Slot:
    """A presenter's slot over utterances ``start_index``..``end_index``, with its phases in order."""

    presenter: str
    start_index: int
    end_index: int
    phases: tuple[PhaseSpan, ...]


@dataclass(frozen=True)
class Part:
    """Open or planned time over utterances ``start_index``..``end_index``."""

    mode: Mode
    start_index: int
    end_index: int


@dataclass(frozen=True)
class GivenSlot:
    """A slot the user named: its presenter, starting at utterance ``start_index``."""

    presenter: str
    start_index: int


@dataclass(frozen=True)
class GivenPart:
    """Open or planned time the user marked: its mode, from utterance ``start_index`` to the next part given."""

    mode: Mode
    start_index: int


@dataclass(frozen=True)
class MeetingStructure:
    """Where each utterance sits in the meeting: its ``slots`` (``slot_of``, ``None`` outside them), each utterance's
    ``phase_of`` and ``mode_of``, and the stretches (``phases`` outside slots, ``parts`` by mode). ``modes_inferred``:
    whether the modes were inferred, no mode (other than ``combined``) and no part given (a set keeps it with a saved
    session until someone says the modes: ``coach.sets.saved_reports.set_mode``)."""

    slots: tuple[Slot, ...]
    slot_of: tuple[int | None, ...]
    phase_of: tuple[Phase, ...]
    mode_of: tuple[Mode, ...]
    modes_inferred: bool = False
    parts: tuple[Part, ...] = field(init=False)
    phases: tuple[PhaseSpan, ...] = field(init=False)

    @classmethod
    def of(
        cls,
        slot_of: Sequence[int | None],
        phase_of: Sequence[Phase],
        mode_of: Sequence[Mode],
        presenters: Mapping[int, str],
        modes_inferred: bool = False,
    ) -> MeetingStructure:
        """The structure of utterances whose slot, phase and mode are known (as a set keeps them), with each slot's
        presenter, and whether Coach inferred the modes (nobody has said them yet)."""
        slots = []
        for slot, first, last in _runs(slot_of):
            if slot is None:
                continue
            phases = tuple(PhaseSpan(p, first + a, first + b) for p, a, b in _runs(phase_of[first : last + 1]))
            slots.append(Slot(presenters.get(slot, ""), first, last, phases))
        return cls(tuple(slots), tuple(slot_of), tuple(phase_of), tuple(mode_of), modes_inferred)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(Part(m, a, b) for m, a, b in _runs(self.mode_of)))
        object.__setattr__(self, "phases", tuple(PhaseSpan(p, a, b) for p, a, b in _runs(self.phase_of)))

    def is_open_questioning(self, index: int) -> bool:
        """Whether utterance ``index`` is in open time, in a slot's questioning: where live nudges apply."""
        return self.mode_of[index] == OPEN and self.phase_of[index] == "questioning"

    @property
    def is_meeting(self) -> bool:
        """Whether this is more than one presenter's slot read whole: several slots, report-back or planned time."""
        return len(self.slots) > 1 or PLANNED in self.mode_of or "report_back" in self.phase_of

    def presenter_at(self, index: int) -> str | None:
        """The presenter of the slot utterance ``index`` is in (``None`` outside slots)."""
        slot = self.slot_of[index]
        return None if slot is None else self.slots[slot].presenter

    def counts_for_members(self, index: int) -> bool:
        """Whether what a member said at ``index`` counts in their figures: open time inside a slot, before its
        process review (not the opening, report-back, planned time, the review or the closing)."""
        return (
            self.slot_of[index] is not None
            and self.mode_of[index] == OPEN
            and self.phase_of[index] in ("presenting", "questioning", "actions")
        )


@dataclass
class _Turn:
    speaker: str
    first: int
    last: int
    labels: list[str]
    text: str

    @property
    def asks(self) -> bool:
        return any(label in _ASKING for label in self.labels)


def infer_structure(
    utterances: Sequence[Spoken],
    facilitator: str | None,
    given_slots: Sequence[GivenSlot] = (),
    given_mode: MeetingMode | None = None,
    given_parts: Sequence[GivenPart] = (),
    calls_for_ideas: CallsForIdeas | None = None,
    announces_planned: AnnouncesPlanned | None = None,
) -> MeetingStructure:
    """The meeting's structure (see the module docstring). ``given_slots`` replace the inferred slots;
    ``given_mode`` ``open`` or ``planned`` sets every utterance's mode (``combined``, or ``None``, infers it); each of
    ``given_parts`` sets the mode from its start to the next part given's (the last to the end), over both. With
    ``calls_for_ideas``, a call for ideas is also recognised by its meaning, not only by the phrases below; with
    ``announces_planned``, so is an opening that announces a planned meeting."""
    turns = _turns(utterances)
    ideas_asked = _IdeasAsked(utterances, turns, facilitator, calls_for_ideas)
    count = len(utterances)
    if not turns:
        return MeetingStructure((), (), (), ())
    if given_slots:
        slot_turns = _given_slot_turns(turns, given_slots)
    else:
        slot_turns = _without_report_back(turns, _inferred_slot_turns(turns, facilitator), facilitator)
    before = slot_turns[0][1] if slot_turns else len(turns)
    # The hand-over to the first slot may announce it too ("so this is the ideas one... who's first?").
    planned = given_mode == PLANNED or (
        given_mode != OPEN and _announced_planned(utterances, turns[: before + 1], facilitator, announces_planned)
    )
    report_back = _report_back_turn(turns[:before], facilitator) if slot_turns else None
    first_discussion = (
        _discussion_turn(
            turns,
            facilitator,
            1 if report_back is None else report_back + DISCUSSION_AFTER_REPORT,  # after the greeting at least
            before + 1,  # the first slot's hand-over may start it: a guest's questions can hold the focus a while
            rounds=planned,
            ideas=ideas_asked,  # before the first slot, ideas asked for start planned time that is nobody's slot
        )
        if slot_turns
        else None
    )
    if first_discussion is not None:
        # A member's turn in the planned round before the slots is no slot; the first of a slot's length is. A
        # discussion announced in the opening that gives way to a slot at once was announced for later.
        slots_after = list(slot_turns)
        while len(slots_after) > 1 and slots_after[0][2] - slots_after[0][1] + 1 < RESUMED_SLOT_TURNS:
            slots_after = slots_after[1:]
        if slots_after[0][1] - first_discussion < MIN_SLOT_TURNS:
            # Ideas asked for in the opening with a slot at once are asked for in the slots: a planned meeting.
            planned = planned or (given_mode != OPEN and ideas_asked(turns[first_discussion]))
            first_discussion = None
        else:
            slot_turns, before = slots_after, slots_after[0][1]
    after = _discussion_turn(turns, facilitator, slot_turns[0][1] + MIN_SLOT_TURNS, len(turns)) if slot_turns else None
    resumed: int | None = None
    if after is not None:
        # A long story in the discussion is no slot; a slot handed over after it, and of a slot's length, is.
        later = [slot for slot in slot_turns if slot[1] > after and _resumes(turns, slot, facilitator)]
        slot_turns = [slot for slot in slot_turns if slot[1] < after] + later
        resumed = later[0][1] if later else None
    last_start = slot_turns[-1][1] + MIN_SLOT_TURNS // 2 if slot_turns else 0
    closing = _closing_turn(turns, facilitator, after=max(after or 0, last_start))
    slot_turns = _ends(slot_turns, closing if after is None or resumed is not None else after, pause=(after, resumed))
    slot_turns, reports_between = _report_back_between(turns, slot_turns, facilitator)
    slot_of: list[int | None] = [None] * count
    phase_of: list[Phase] = ["opening"] * count
    slots = []
    for number, (presenter, first, last) in enumerate(slot_turns):
        phases = _slot_phases(turns[first : last + 1], presenter, facilitator)
        for phase in phases:
            for index in range(phase.start_index, phase.end_index + 1):
                slot_of[index] = number
                phase_of[index] = phase.phase
        slots.append(Slot(presenter, turns[first].first, turns[last].last, tuple(phases)))
    if report_back is not None:
        _mark(phase_of, turns, report_back, first_discussion if first_discussion is not None else before, "report_back")
    for first, end in reports_between:
        _mark(phase_of, turns, first, end, "report_back")
    if first_discussion is not None:
        _mark(phase_of, turns, first_discussion, before, "discussion")
    if not slot_turns and planned:
        after = next((n for n, turn in enumerate(turns) if n and turn.speaker != facilitator), None)
    if after is not None:
        _mark(phase_of, turns, after, resumed if resumed is not None else closing, "discussion")
    _mark(phase_of, turns, closing, len(turns), "closing")
    mode_of = _modes(turns, slots, phase_of, facilitator, given_mode, planned, ideas_asked)
    starts = sorted(given_parts, key=lambda part: part.start_index)
    for number, part in enumerate(starts):
        end = starts[number + 1].start_index if number + 1 < len(starts) else count
        mode_of[part.start_index : end] = [part.mode] * (end - part.start_index)
    inferred = given_mode in (None, "combined") and not given_parts
    return MeetingStructure(tuple(slots), tuple(slot_of), tuple(phase_of), tuple(mode_of), modes_inferred=inferred)


def _turns(utterances: Sequence[Spoken]) -> list[_Turn]:
    turns: list[_Turn] = []
    last: tuple[str, int] | None = None
    for index, u in enumerate(utterances):
        if last != (u.speaker, u.turn):
            turns.append(_Turn(u.speaker, index, index, [], ""))
            last = (u.speaker, u.turn)
        turn = turns[-1]
        turn.last = index
        turn.labels.append(u.label)
        turn.text = f"{turn.text} {u.text}".strip()
    return turns


def _inferred_slot_turns(turns: Sequence[_Turn], facilitator: str | None) -> list[tuple[str, int, int]]:
    """Each slot's presenter and its first and last focused turns; none between two people (one helps the other:
    who is questioned may swap, but a set meeting has at least three)."""
    if len({turn.speaker for turn in turns}) < MIN_SPEAKERS:
        return []
    weights: list[tuple[str, float] | None] = []
    for number, turn in enumerate(turns):
        if turn.speaker == facilitator:
            weights.append(None)
            continue
        before = turns[number - 1] if number else None
        answers = 1.0 if before is not None and before.speaker != turn.speaker and before.asks else 0.0
        told = sum(label == STORY for label in turn.labels) * min(3.0, 1 + len(turn.text.split()) / 60)
        asked = sum(label in _ASKING for label in turn.labels)
        weights.append((turn.speaker, max(0.0, answers + told - asked)))
    focus: list[str | None] = []
    for number in range(len(turns)):
        window: dict[str, float] = {}
        for weight in weights[max(0, number - FOCUS_REACH) : number + FOCUS_REACH + 1]:
            if weight is not None:
                window[weight[0]] = window.get(weight[0], 0.0) + weight[1]
        best = max(window, key=lambda speaker: window[speaker], default=None)
        focus.append(best if best is not None and window[best] >= MIN_FOCUS_WEIGHT else None)
    runs = [(speaker, first, last) for speaker, first, last in _runs(focus) if speaker is not None]
    merged: list[tuple[str, int, int]] = []
    report_between = False
    for speaker, first, last in runs:
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, merged[-1][1], last)  # the same presenter after an aside: one slot
        elif report_between and len(merged) > 1 and merged[-2][0] == speaker:
            # A member's report on last time's actions came between this presenter's bid for time and their slot:
            # the bid is no part of it.
            merged[-2:] = [merged[-1], (speaker, first, last)]
        else:
            merged.append((speaker, first, last))
        report_between = bool(_REPORT_BACK_CUE.search(_next_text(turns, (speaker, first, last))))
    slots: list[tuple[str, int, int]] = []
    for speaker, first, last in merged:
        if last - first + 1 < MIN_SLOT_TURNS:
            continue
        if slots and slots[-1][0] == speaker:
            slots[-1] = (speaker, slots[-1][1], last)  # an aside no slot long: still the same presenter's slot
        else:
            slots.append((speaker, first, last))
    found: list[tuple[str, int, int]] = []
    for speaker, first, last in slots:
        after = found[-1][2] + 1 if found else None
        start = _slot_start(turns, speaker, first, facilitator, after)
        if last - start + 1 >= MIN_SLOT_TURNS:  # from where its presenter starts, a focus must still last a slot
            found.append((speaker, start, last))
    return found


def _given_slot_turns(turns: Sequence[_Turn], given: Sequence[GivenSlot]) -> list[tuple[str, int, int]]:
    """The turns given slots start at; a slot marked live before anything was said in it has none yet."""
    starts = []
    for slot in sorted(given, key=lambda slot: slot.start_index):
        turn = next((number for number, turn in enumerate(turns) if turn.last >= slot.start_index), None)
        if turn is not None:
            starts.append((slot.presenter, turn))
    return [(presenter, first, first) for presenter, first in starts]


def _slot_start(
    turns: Sequence[_Turn], presenter: str, first: int, facilitator: str | None, after: int | None = None
) -> int:
    """The turn a slot starts at: the presenter's account (their first long story turn from a little before the
    stretch they are the focus of), or the facilitator's hand-over just before it. After another slot (whose focus
    ended at turn ``after`` - 1), an account handed over is looked for back to that slot's end, as far as
    :data:`HANDED_ACCOUNT_REACH` turns: a member's long story told early in the new slot can hold the focus for a while.
    """
    reach = range(max(0, first - HAND_OVER_REACH), min(len(turns), first + 2 * FOCUS_REACH + 1))
    accounts = [n for n in reach if turns[n].speaker == presenter and _is_account(turns[n])]
    # An account just after the facilitator names the presenter is the slot's; an earlier one is a member's story
    # in someone else's slot.
    back = reach.start if after is None else max(after, first - HANDED_ACCOUNT_REACH)
    handed = [
        n
        for n in range(min(back, reach.start), reach.stop)
        if n
        and turns[n].speaker == presenter
        and _is_account(turns[n])
        and _hands_over(turns[n - 1], presenter, facilitator)
    ]
    spoken = [n for n in reach if turns[n].speaker == presenter]
    start = handed[0] if handed else accounts[0] if accounts else spoken[0] if spoken else first
    for number in range(start - 1, max(-1, start - 1 - HAND_OVER_BACK), -1):
        if turns[number].speaker == facilitator:
            return number
        if turns[number].speaker != presenter:
            break
    return start


def _is_account(turn: _Turn) -> bool:
    """Whether a turn tells at length: a presenter's account, not an answer of a sentence or two."""
    told = [label for label in turn.labels if label == STORY]
    return len(told) >= ACCOUNT_UTTERANCES or (bool(told) and len(turn.text.split()) >= ACCOUNT_WORDS)


def _closing_turn(turns: Sequence[_Turn], facilitator: str | None, after: int) -> int:
    """The first turn of the closing: from ``after`` on, the facilitator's first mention of the next meeting or
    goodbye, or their thanks to everyone a few turns before it (:data:`THANKS_BEFORE_GOODBYE`: "thank you everybody,
    I'll put a summary in the thread", chat, then "bye everyone"); else their first thanks to everyone, else their
    last turn (the end of the meeting without one)."""
    theirs = [number for number in range(max(after, 0), len(turns)) if turns[number].speaker == facilitator]
    goodbye = next((number for number in theirs if _CLOSING_CUE.search(turns[number].text)), None)
    thanks = next((number for number in theirs if _THANKS_ALL.search(turns[number].text)), None)
    if goodbye is not None:
        return thanks if thanks is not None and 0 < goodbye - thanks <= THANKS_BEFORE_GOODBYE else goodbye
    if thanks is not None:
        return thanks
    return theirs[-1] if theirs else len(turns)


def _discussion_turn(
    turns: Sequence[_Turn],
    facilitator: str | None,
    start: int,
    end: int,
    *,
    rounds: bool = False,
    ideas: _IdeasAsked | None = None,
) -> int | None:
    """Where planned discussion starts between turns ``start`` and ``end``: the facilitator's move to the planned
    topic (or, with ``rounds``, a round on it; with ``ideas``, the questions-only rule lifted or ideas asked for:
    "Bev, it's yours, and today we're allowed opinions", "then it's open house, anybody's experience")."""
    for number in range(max(start, 0), end):
        turn = turns[number]
        if turn.speaker == facilitator and (
            _says_now(_DISCUSSION_CUE, turn.text)
            or (rounds and _ROUND_CUE.search(turn.text))
            or (ideas is not None and ideas(turn))
        ):
            return number
    return None


def _ends(
    slots: Sequence[tuple[str, int, int]], end: int, pause: tuple[int | None, int | None] = (None, None)
) -> list[tuple[str, int, int]]:
    """Each slot runs until the next one starts (or, before a discussion between slots, until the discussion:
    ``pause`` is where it starts and where slots resume); the last until turn ``end``."""
    ended = []
    for number, (presenter, first, _) in enumerate(slots):
        following = slots[number + 1][1] if number + 1 < len(slots) else end
        if pause[0] is not None and pause[1] is not None and first < pause[0] < following:
            following = pause[0]
        if following - 1 >= first:
            ended.append((presenter, first, following - 1))
    return ended


def _resumes(turns: Sequence[_Turn], slot: tuple[str, int, int], facilitator: str | None) -> bool:
    """Whether a slot found after a planned discussion started is one: it is handed over and has a slot's length (a
    member's turn in a round, or a guest's questions, is shorter)."""
    return _handed_over(turns, slot, facilitator) and slot[2] - slot[1] + 1 >= RESUMED_SLOT_TURNS


def _handed_over(turns: Sequence[_Turn], slot: tuple[str, int, int], facilitator: str | None) -> bool:
    """Whether the slot starts with a hand-over: the facilitator names its presenter in a turn at most
    :data:`HAND_OVER_NAME_REACH` turns before its first ("a break, and then Sunil"; "Go."), or the presenter starts
    by taking the floor ("Right, mine.", "Shall I just go?")."""
    presenter, first, _ = slot
    reach = turns[max(0, first - HAND_OVER_NAME_REACH) : first + 1]
    named = any(_hands_over(turn, presenter, facilitator) for turn in reach)
    opening = turns[max(0, first - 1) : first + 2]
    return named or any(turn.speaker == presenter and _TAKES_THE_FLOOR.match(turn.text) for turn in opening)


def _hands_over(turn: _Turn, presenter: str, facilitator: str | None) -> bool:
    """Whether ``turn`` is the facilitator's and names ``presenter`` (their first name anywhere in it)."""
    return turn.speaker == facilitator and _first_name(presenter) in turn.text.lower()


def _first_name(speaker: str) -> str:
    """How a facilitator names a speaker: the first word of their name, lower-cased."""
    return speaker.split()[0].lower() if speaker.split() else speaker.lower()


def _without_report_back(
    turns: Sequence[_Turn], slots: list[tuple[str, int, int]], facilitator: str | None
) -> list[tuple[str, int, int]]:
    """The slots, less those at the start that are a member's report on last time's actions: shorter than a slot,
    and told in a report's words ("last time I said I'd...") or answering the facilitator's call for it ("Bola, you
    were going to take the figures to your head of service. Did that happen?"). A presenter's account of what
    happened "last month" is no report."""
    speakers = {turn.speaker for turn in turns} - {facilitator}
    while (
        slots
        and slots[0][2] - slots[0][1] + 1 < RESUMED_SLOT_TURNS
        and (
            _REPORT_BACK_CUE.search(_next_text(turns, slots[0]))
            or _opens_answering_report_back_call(turns, slots[0], facilitator, speakers)
        )
    ):
        slots = slots[1:]
    return slots


def _report_back_between(
    turns: Sequence[_Turn], slots: list[tuple[str, int, int]], facilitator: str | None
) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """The slots, each cut where report-back starts before the next slot (the facilitator's call for it in the second
    half of the slot, answered by a member's story: "okay, before Zainab, let's catch up with Kelechi now that Halima
    is here. Kelechi, you were going to sit down with the vendor, how far?"), and each such report-back's turns (first,
    up to the next slot's first). A call the slot's presenter answers is about their own account."""
    speakers = {turn.speaker for turn in turns} - {facilitator}
    cut: list[tuple[str, int, int]] = []
    reports: list[tuple[int, int]] = []
    for (presenter, first, last), following in pairwise(slots):
        late = first + int((last - first + 1) * LATE_SHARE)
        call = next(
            (
                at
                for at in range(late, last)
                if turns[at + 1].speaker not in (presenter, facilitator)
                and STORY in turns[at + 1].labels
                and _answers_report_back_call(turns[at], turns[at + 1], facilitator, speakers)
            ),
            None,
        )
        if call is None:
            cut.append((presenter, first, last))
        else:
            cut.append((presenter, first, call - 1))
            reports.append((call, following[1]))
    cut += slots[-1:]  # the last slot runs to the close
    return cut, reports


def _answers_report_back_call(call: _Turn, answer: _Turn, facilitator: str | None, speakers: set[str]) -> bool:
    """Whether ``answer`` answers the facilitator's call for report-back in ``call`` ("Janine, you were going to...")
    that names no one else."""
    return (
        call.speaker == facilitator
        and bool(_REPORT_BACK_CALL.search(call.text))
        and not _names_another(call, answer, speakers)
    )


def _opens_answering_report_back_call(
    turns: Sequence[_Turn], slot: tuple[str, int, int], facilitator: str | None, speakers: set[str]
) -> bool:
    """Whether the slot's presenter first speaks in it to answer the facilitator's call for their report-back."""
    presenter, first, last = slot
    own = next((n for n in range(first, last + 1) if turns[n].speaker == presenter), None)
    return own is not None and own > 0 and _answers_report_back_call(turns[own - 1], turns[own], facilitator, speakers)


def _next_text(turns: Sequence[_Turn], slot: tuple[str, int, int]) -> str:
    """The slot's presenter's first turn from its start."""
    presenter, first, last = slot
    return next((turn.text for turn in turns[first : last + 1] if turn.speaker == presenter), "")


def _report_back_turn(turns: Sequence[_Turn], facilitator: str | None) -> int | None:
    """Where report-back starts before the first slot: a member's story of last time's actions, or the facilitator's
    call just before it ("Janine, you were going to speak to the CEO", "any updates?") when it calls no one else (a
    member bidding for time after "Shabnam, you said you'd tell us how it went" is not reporting back). Talk of
    report-back that the facilitator's call for bids soon follows ("Can I go second on the report-back?", "which
    I'll report back on") only announces it."""
    speakers = {turn.speaker for turn in turns} - {facilitator}
    for number, turn in enumerate(turns):
        if not number or turn.speaker == facilitator or STORY not in turn.labels:
            continue
        before = turns[number - 1]
        called = before.speaker == facilitator
        answered = _answers_report_back_call(before, turn, facilitator, speakers)
        announced = any(
            later.speaker == facilitator and _BID_CALL.search(later.text)
            for later in turns[number + 1 : number + 1 + BIDS_AFTER_ANNOUNCEMENT]
        )
        if (_REPORT_BACK_CUE.search(turn.text) or answered) and not announced:
            return number - 1 if called else number
    return None


def _names_another(call: _Turn, answer: _Turn, speakers: set[str]) -> bool:
    """Whether ``call`` names a speaker other than the one who answers it, and not them."""

    def named(speaker: str) -> bool:
        return re.search(rf"\b{re.escape(_first_name(speaker))}\b", call.text.lower()) is not None

    return not named(answer.speaker) and any(named(other) for other in speakers - {answer.speaker})


def _slot_phases(turns: Sequence[_Turn], presenter: str, facilitator: str | None) -> list[PhaseSpan]:
    """The phases of one slot's turns, in order."""
    starts: dict[Phase, int] = {"presenting": 0}
    members = [n for n, t in enumerate(turns) if t.speaker not in (presenter, facilitator) and t.asks]
    if members:
        starts["questioning"] = members[0]
    late = max(starts.get("questioning", 0) + 1, int(len(turns) * LATE_SHARE))
    for number in range(late, len(turns)):
        turn = turns[number]
        if turn.speaker != presenter and _ACTIONS_CUE.search(turn.text):
            starts["actions"] = number
            break
    review_from = starts.get("actions", late)
    for number in range(review_from + 1, len(turns)):
        turn = turns[number]
        if turn.speaker == facilitator and _REVIEW_CUE.search(turn.text):
            starts["process_review"] = number
            break
    order = sorted(starts.items(), key=lambda item: item[1])
    spans = []
    for position, (phase, first) in enumerate(order):
        last = order[position + 1][1] - 1 if position + 1 < len(order) else len(turns) - 1
        if last >= first:
            spans.append(PhaseSpan(phase, turns[first].first, turns[last].last))
    return spans


def _modes(
    turns: Sequence[_Turn],
    slots: Sequence[Slot],
    phase_of: Sequence[Phase],
    facilitator: str | None,
    given: MeetingMode | None,
    planned_meeting: bool,
    ideas_asked: _IdeasAsked,
) -> list[Mode]:
    """Each utterance's mode: a discussion is planned; a slot is open (planned in a meeting announced as planned,
    unless its presenter asks for questions only) until its presenter or the facilitator asks for ideas; the opening,
    report-back and closing take the mode of the first slot or discussion."""
    count = len(phase_of)
    if given in (OPEN, PLANNED):
        return [OPEN if given == OPEN else PLANNED] * count
    mode_of: list[Mode] = [PLANNED if phase == "discussion" else OPEN for phase in phase_of]
    for slot in slots:
        inside = [
            turn
            for turn in turns
            if slot.start_index <= turn.first <= slot.end_index and turn.speaker in (slot.presenter, facilitator)
        ]
        questions_only = any(
            _OPEN_SLOT_CUE.search(turn.text) and not _RULE_LIFTED_CUE.search(turn.text)
            for turn in inside[:OPEN_SLOT_REACH]
        )
        asks_for_ideas = next(
            (
                turn.first
                for turn in inside
                if _says_now(_PLANNED_CUE, turn.text)
                or ideas_asked(turn, slot.presenter)
                or (turn.speaker == slot.presenter and _PRESENTER_ASKS_IDEAS.search(turn.text))
            ),
            None,
        )
        planned_from = slot.start_index if planned_meeting and not questions_only else asks_for_ideas
        if planned_from is not None:
            for index in range(planned_from, slot.end_index + 1):
                mode_of[index] = PLANNED
    first_part = next((i for i, phase in enumerate(phase_of) if phase in (*SLOT_PHASES, "discussion")), None)
    if first_part is not None:
        for index, phase in enumerate(phase_of):
            if phase in ("opening", "report_back", "closing"):
                mode_of[index] = mode_of[first_part]
    return mode_of


def _mark(phase_of: list[Phase], turns: Sequence[_Turn], first: int, end: int, phase: Phase) -> None:
    """Set ``phase`` on the utterances of turns ``first`` up to (not including) ``end``."""
    for turn in turns[first:end]:
        for index in range(turn.first, turn.last + 1):
            phase_of[index] = phase


_T = TypeVar("_T")


def _runs(values: Sequence[_T]) -> list[tuple[_T, int, int]]:
    """Runs of equal values: (value, first, last)."""
    runs: list[tuple[_T, int, int]] = []
    for number, value in enumerate(values):
        if runs and runs[-1][0] == value:
            runs[-1] = (value, runs[-1][1], number)
        else:
            runs.append((value, number, number))
    return runs
