"""Who is who in a session: the presenter, the facilitator, and the members.

Roles come, in this order, from

1. names the user gave (``--presenter``/``--facilitator``, or the transcript's own ``presenter``/``facilitator``
   fields), matched to the speakers case-insensitively;
2. roles written on the turns themselves (``Turn.role``);
3. inference from what people said, for a role still unknown:

   - the facilitator holds the process: opens, invites ("who'd like to go first?", "any more questions for Amira?"),
     keeps time ("ten minutes left"), names the process ("questions only for now"), closes ("thanks, everyone"),
     hands the floor to someone by name ("Sian, floor's yours": the session's opening, or a turn that asks nothing
     and names the next speaker), or, in a practice exchange, gives feedback on the trainee's questions ("that's a
     closed one"). A turn is a process turn when it holds such a cue (:data:`PROCESS_CUES`, a hand-over) or is all
     ``other`` and longer than a backchannel. The
     facilitator has the highest ``process turns x process share`` (opening the session, or closing it with a cue,
     adds one), when that is clear: at least two process turns, :data:`FACILITATOR_MIN_TURNS` of them with a cue
     (or three without, in a group), at least :data:`FACILITATOR_MIN_SHARE` of their turns, and
     :data:`FACILITATOR_MARGIN` times anyone else's score. In a conversation of two (one-to-one helping, or a
     practice exchange), only practice feedback counts as a cue;
   - the presenter is, among the rest, the one being questioned and talking about themselves: the speaker whose
     turns most often answer someone else's question, plus their story utterances, times the share of their talk
     that is not questions, advice or reflection, times how much of their "I" and "you" is "I" (a helper informing
     someone talks of "you": "you can take it with food"). Nobody is the presenter when fewer than two people are
     left to choose from (a facilitator playing the presenter in a practice exchange is the facilitator), or when
     nobody scores :data:`PRESENTER_MIN_SCORE` before the "I" share.

   Measured with ``python -m training.evaluate_roles`` on our test conversations and on AnnoMI (README, model card).

Captions that name nobody (:data:`~coach.transcript.model.UNKNOWN_SPEAKER`) are never inferred to be the presenter or
the facilitator. Everyone else is a member. :class:`Roles` says which roles were inferred, so the report can say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from coach.errors import InputError
from coach.labels import ADVICE, OTHER, QUESTION_LABELS, REFLECTION, ROLES, STORY, Role
from coach.transcript.model import UNKNOWN_SPEAKER

PRESENTER = Role.PRESENTER
FACILITATOR = Role.FACILITATOR
MEMBER = Role.MEMBER

FACILITATOR_MIN_TURNS = 1
FACILITATOR_MIN_SHARE = 0.3
FACILITATOR_MARGIN = 1.5
#: Less than one answer or story (after the share) is too little to call anyone the presenter.
PRESENTER_MIN_SCORE = 1.0
#: A turn of at most this many words that is all ``other`` is a backchannel, not process talk.
BACKCHANNEL_WORDS = 3

#: What a facilitator says: inviting and turn-taking, timekeeping, naming the process, opening and closing.
PROCESS_CUES = re.compile(
    r"\b(?:who(?:'d| would)? like to|who wants to|who(?:'s| is) (?:next|up|first)|over to you|"
    r"let'?s (?:start|begin|move|go|hear|come back|open|take|turn|get going|pause|stop|finish|wrap|do a round)|"
    r"shall we (?:start|begin|move|go|stop|pause|take|finish|wrap|get)|move on to|"
    r"(?:any|more|other) (?:more )?questions (?:for|from)|anyone else|bid(?:s|ding)? for time|(?:first|next) slot|"
    r"(?:\d+|two|three|five|ten|fifteen|twenty|a few|couple of) (?:more )?minutes?(?: left| to go)?\b|time check|"
    r"out of time|running (?:short|out|over)|keep(?:ing)? (?:an eye on )?(?:the )?time|questions only|no advice|"
    r"round of|go round|thank(?:s| you),? (?:everyone|all|both|everybody)|see you (?:all|next|in)|same time next|"
    r"wrap (?:it |things )?up|that's (?:time|us for)|on mute|can (?:everyone|you all) hear|"
    r"you(?:'?re| are) (?:up|on|next|presenting|the presenter)|is that you next|off you go|go when you'?re ready|"
    r"start us off|(?:who'?s|who is|anyone) bringing|bring yours|we'?re all here|welcome(?: back)?,? (?:everyone|all)|"
    r"morning,? (?:all|everyone)|(?:hold|park) (?:it|that|the advice|your|those|off)|(?:can|could|may) i (?:just )?"
    r"(?:stop|pause|check|gently|come in)|keep asking|(?:into|to) (?:actions|offers|ideas|advice|fixing)|"
    r"(?:questions|ideas|offers|actions|reflections?) (?:now|first|only|round|please)|"
    r"(?:one|two|three|a few|any) more questions|your (?:mic|camera|sound)|dressed up|"
    r"how (?:was|did) (?:that|this|the session|today) (?:go|feel|for)|let'?s (?:hold|park|pause|keep|check|see)|"
    r"(?:i'?m|we'?re) (?:noticing|sliding|drifting)|time for (?:offers|actions|questions|ideas|a break|a round)|"
    r"you (?:wanted|said you wanted|bid) to (?:talk|bring|go|present)|(?:got|have) the floor|give \w+ a go|swap|"
    r"offers|whenever you'?re ready|(?:we'?ve|you'?ve) got (?:you|\w+) (?:next|presenting)|make a start|halfway|"
    r"time'?s (?:almost |nearly )?up|we'?ve got (?:\w+ ){0,3}minutes|your own (?:solution|fix|answer)|"
    r"(?:advice|ideas|question|questions) round|move (?:us )?(?:on )?to (?:the )?(?:advice|ideas|actions)|"
    r"keep (?:that|it|those) for later|as we go|"
    r"floor'?s yours|hand up|can you (?:all )?hear (?:us|me)|your camera|(?:stop|leave it|pause us|pause) there|"
    r"pause us|(?:near|nearly|almost|right) (?:enough )?at time|(?:what are you|what you'?re) taking away|"
    r"(?:i'?m going to|let me|i'?ll|i need to) jump in|get curious|"
    r"(?:solutions|advice|ideas) (?:are |is )?(?:starting to )?(?:leak|creep)|"
    r"was that a (?:question|suggestion)|count (?:them|it) (?:out loud|up)|stays in the room|we agreed at the start|"
    r"(?:offers|ideas|questions|advice) round)",
    re.IGNORECASE,
)
#: What a facilitator says in a practice exchange: feedback on the trainee's question.
PRACTICE_FEEDBACK_CUES = re.compile(
    r"\b(?:that'?s (?:a |an |more |still )?(?:open|closed|reflection|advice|suggestion|tag question|leading|"
    r"solution|proper|good one|your diagnosis)|try (?:again|another|a question|an open|to open)|open it (?:out|up)|"
    r"ask me (?:instead|again)|i'?ll stop you|i'?m (?:the presenter|playing)|"
    r"i'?(?:ll|m going to) (?:be|play) (?:the|a|an) |"
    r"can anyone (?:turn|open|make|try)|(?:fact|closed|leading) one|got (?:the|your) answer (?:in|built)|"
    r"(?:properly|really|more) open|(?:advice|a suggestion|a fix|a solution) in disguise|try (?:one|it) (?:more|again)|"
    r"(?:suggestion|solution|fix|advice),? not a question|(?:that|which)'?s (?:a |an )?(?:yes-or-no|fact)|"
    r"(?:you|you've) (?:stayed|got curious|held)|"
    r"(?:jumping|jumped|went|going) (?:straight )?to (?:a )?(?:fix|solution)|"
    r"start again|ask me something|that'?s your (?:answer|idea|solution|fix|diagnosis)|get curious|"
    r"make it (?:bigger|wider|more open)|(?:two|three|more|another) (?:more )?(?:solutions|suggestions|fixes)|"
    r"practise (?:your )?questions on me|i'?ll be (?:one of|a |an |the )|that got me)",
    re.IGNORECASE,
)


class Spoken(Protocol):
    """What role inference needs to know of an utterance (``LabelledUtterance`` has it)."""

    @property
    def speaker(self) -> str: ...

    @property
    def turn(self) -> int: ...

    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Roles:
    """The role of every speaker, the presenter's and facilitator's names, which of the two were inferred (``assumed``)
    and which were looked for in what people said but not found (``not_found``)."""

    speakers: tuple[str, ...]
    by_speaker: Mapping[str, str] = field(hash=False)
    presenter: str | None = None
    facilitator: str | None = None
    assumed: tuple[str, ...] = ()
    not_found: tuple[str, ...] = ()

    def role_of(self, speaker: str) -> str:
        """The role of ``speaker``; ``member`` for anyone not known."""
        return self.by_speaker.get(speaker, MEMBER)


def resolve_roles(
    utterances: Sequence[Spoken],
    presenter: str | None = None,
    facilitator: str | None = None,
    declared: Mapping[str, str] | None = None,
    *,
    strict: bool = True,
    readings: TextReadings | None = None,
) -> Roles:
    """The roles of the speakers of ``utterances`` (see the module docstring for the order of sources).

    ``presenter`` and ``facilitator`` are names as the user typed them; ``declared`` maps speakers to roles written in
    the transcript. With ``strict``, a name that matches no speaker is an :class:`~coach.errors.InputError` listing the
    speakers found; without it, such a name is ignored (a live session may name someone who has not spoken yet).
    ``readings``: see :func:`infer_facilitator`.
    """
    speakers = tuple(dict.fromkeys(u.speaker for u in utterances))
    declared = dict(declared or {})
    for speaker, role in declared.items():
        if role not in ROLES:
            raise InputError(f"speaker {speaker!r} has role {role!r}; a role is one of {', '.join(ROLES)}")
    named_presenter = match_speaker(presenter, speakers, PRESENTER, strict=strict)
    named_facilitator = match_speaker(facilitator, speakers, FACILITATOR, strict=strict)
    if named_presenter is not None and named_presenter == named_facilitator:
        raise InputError(f"{named_presenter!r} is given as both the presenter and the facilitator; give two names")

    by_speaker: dict[str, str] = {speaker: declared[speaker] for speaker in speakers if speaker in declared}
    for name, role in ((named_presenter, PRESENTER), (named_facilitator, FACILITATOR)):
        if name is None:
            continue
        for speaker, other_role in list(by_speaker.items()):
            if other_role == role and speaker != name:
                by_speaker[speaker] = MEMBER  # the name the user gave wins over roles written in the transcript
        by_speaker[name] = role

    assumed: list[str] = []
    not_found: list[str] = []
    undecided = [speaker for speaker in speakers if speaker not in by_speaker and speaker != UNKNOWN_SPEAKER]
    if FACILITATOR not in by_speaker.values():
        inferred = infer_facilitator(utterances, undecided, readings)
        if inferred is not None:
            by_speaker[inferred] = FACILITATOR
            undecided.remove(inferred)
            assumed.append(FACILITATOR)
        else:
            not_found.append(FACILITATOR)
    if PRESENTER not in by_speaker.values():
        inferred = infer_presenter(utterances, undecided)
        if inferred is not None:
            by_speaker[inferred] = PRESENTER
            assumed.insert(0, PRESENTER)
    for speaker in speakers:
        by_speaker.setdefault(speaker, MEMBER)
    return Roles(
        speakers=speakers,
        by_speaker=by_speaker,
        presenter=_first_with(speakers, by_speaker, PRESENTER),
        facilitator=_first_with(speakers, by_speaker, FACILITATOR),
        assumed=tuple(assumed),
        not_found=tuple(not_found),
    )


def match_speaker(name: str | None, speakers: Sequence[str], role: str, *, strict: bool = True) -> str | None:
    """The speaker called ``name``: the same name ignoring case, accents and surrounding spaces, or else the one
    speaker whose first name it is ("Sam" for "Sam Price"); ``None`` for no name.

    A name that matches nobody, or a first name shared by several speakers, raises :class:`~coach.errors.InputError`
    listing the speakers (or gives ``None`` when not ``strict``).
    """
    if name is None or not name.strip():
        return None
    wanted = _plain(name)
    for speaker in speakers:
        if _plain(speaker) == wanted:
            return speaker
    by_first_name = [speaker for speaker in speakers if _plain(speaker).split(" ")[0] == wanted]
    if len(by_first_name) == 1:
        return by_first_name[0]
    if not strict:
        return None
    found = ", ".join(speakers) if speakers else "none"
    if by_first_name:
        raise InputError(
            f"{name.strip()!r} could be {' or '.join(by_first_name)}; give the {role}'s full name. "
            f"The speakers in this transcript are: {found}."
        )
    raise InputError(
        f"no speaker called {name.strip()!r} to be the {role}; the speakers in this transcript are: {found}. "
        f"Give the {role}'s name as it appears in the transcript."
    )


def _plain(name: str) -> str:
    """``name`` compared loosely: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@dataclass
class _Turn:
    speaker: str
    labels: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    @property
    def asks(self) -> bool:
        return any(label in QUESTION_LABELS for label in self.labels)


def _turns(utterances: Iterable[Spoken]) -> list[_Turn]:
    turns: list[_Turn] = []
    last: tuple[str, int] | None = None
    for u in utterances:
        if last != (u.speaker, u.turn):
            turns.append(_Turn(u.speaker))
            last = (u.speaker, u.turn)
        turns[-1].labels.append(u.label)
        turns[-1].texts.append(u.text)
    return turns


def infer_presenter(utterances: Iterable[Spoken], candidates: Sequence[str]) -> str | None:
    """The candidate being questioned: (answers + story utterances) x the share of their talk that is not questions,
    advice or reflection x the share of "I" in their "I" and "you"; ``None`` with fewer than two candidates or when
    the best scores under :data:`PRESENTER_MIN_SCORE` before the "I" share."""
    if len(candidates) < 2:
        return None
    allowed = set(candidates)
    answers: Counter[str] = Counter()
    story: Counter[str] = Counter()
    asking: Counter[str] = Counter()
    content: Counter[str] = Counter()
    me: Counter[str] = Counter()
    you: Counter[str] = Counter()
    previous: _Turn | None = None
    for turn in _turns(utterances):
        if turn.speaker in allowed:
            answers[turn.speaker] += previous is not None and previous.speaker != turn.speaker and previous.asks
            for label, text in zip(turn.labels, turn.texts, strict=True):
                if label == OTHER:
                    continue
                content[turn.speaker] += 1
                story[turn.speaker] += label == STORY
                asking[turn.speaker] += label in QUESTION_LABELS or label in (ADVICE, REFLECTION)
                me[turn.speaker] += len(_FIRST_PERSON.findall(text))
                you[turn.speaker] += len(_SECOND_PERSON.findall(text))
        previous = turn
    scores = {
        # Two pseudo-utterances keep one question from a nearly silent speaker from zeroing their share.
        speaker: (answers[speaker] + story[speaker]) * (1 - asking[speaker] / (content[speaker] + 2))
        for speaker in candidates
    }
    # Counted with one "I" and one "you" more, so that a speaker who says neither counts as half and half.
    best = max(candidates, key=lambda speaker: scores[speaker] * (me[speaker] + 1) / (me[speaker] + you[speaker] + 2))
    return best if scores[best] >= PRESENTER_MIN_SCORE else None


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", re.IGNORECASE)


_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Reading:
    """What the facilitator's rules read in a turn's text: its cues and its words (loosely compared)."""

    process_cue: bool
    practice_cue: bool
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Reading:
        return cls(
            process_cue=bool(PROCESS_CUES.search(text)),
            practice_cue=bool(PRACTICE_FEEDBACK_CUES.search(text)),
            words=frozenset(_WORD.findall(_plain(text))),
        )


class TextReadings:
    """The readings of turns' texts, kept by text: a live session infers roles again on every utterance, and with its
    own readings each thing said is read once. One session's, and dropped with it."""

    def __init__(self) -> None:
        self._by_text: dict[str, _Reading] = {}

    def of(self, text: str) -> _Reading:
        found = self._by_text.get(text)
        if found is None:
            found = self._by_text[text] = _Reading.of(text)
        return found


def infer_facilitator(
    utterances: Iterable[Spoken], candidates: Sequence[str], readings: TextReadings | None = None
) -> str | None:
    """The candidate clearly holding the process (see the module docstring), or ``None`` when nobody clearly is.
    ``readings`` keeps what each turn's text was read as, for a caller that asks again as a session grows."""
    turns = _turns(utterances)
    read = [(readings.of if readings is not None else _Reading.of)(turn.text) for turn in turns]
    allowed = set(candidates)
    pair = len({turn.speaker for turn in turns}) <= 2
    has_cue = [r.practice_cue or (not pair and r.process_cue) for r in read]
    if not pair:
        has_cue = [cue or _hands_over(turns, read, at) for at, cue in enumerate(has_cue)]
    spoken: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    process: Counter[str] = Counter()
    for turn, turn_has_cue in zip(turns, has_cue, strict=True):
        if turn.speaker not in allowed:
            continue
        spoken[turn.speaker] += 1
        cued[turn.speaker] += turn_has_cue
        all_other = set(turn.labels) == {OTHER} and len(turn.text.split()) > BACKCHANNEL_WORDS
        process[turn.speaker] += turn_has_cue or all_other
    # The presenter's "yeah, go on then" is process talk too: the share keeps a long account from outscoring.
    scores = {speaker: process[speaker] ** 2 / spoken[speaker] for speaker in candidates if spoken[speaker]}
    if turns and not pair:
        opening, closing = turns[0], turns[-1]
        if opening.speaker in scores and (has_cue[0] or set(opening.labels) == {OTHER}):
            scores[opening.speaker] += 1
        if closing.speaker in scores and has_cue[-1]:
            scores[closing.speaker] += 1
    ranked = sorted(scores, key=lambda speaker: scores[speaker], reverse=True)
    if not ranked:
        return None
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    clear = (
        (cued[best] >= FACILITATOR_MIN_TURNS or (not pair and process[best] >= 3))
        and process[best] >= 2
        and process[best] >= FACILITATOR_MIN_SHARE * spoken[best]
        and scores[best] >= FACILITATOR_MARGIN * runner_up
    )
    return best if clear else None


def _hands_over(turns: Sequence[_Turn], read: Sequence[_Reading], at: int) -> bool:
    """Whether turn ``at`` hands the floor to someone by name: it names the next speaker ("Sian, floor's yours"), and
    is either the session's opening or asks nothing itself (a member's question to the presenter by name is no cue)."""
    if at + 1 >= len(turns) or (at > 0 and turns[at].asks):
        return False
    turn, following = turns[at], turns[at + 1]
    first_name = _plain(following.speaker).split(" ")[0]
    if following.speaker in (turn.speaker, UNKNOWN_SPEAKER) or len(first_name) < 3:
        return False
    return first_name in read[at].words


#: How a user of the command line changes a role; the API and the pages word their own (``coach.feedback.report``).
CLI_ROLE_FIXES = {PRESENTER: "pass --presenter NAME", FACILITATOR: "pass --facilitator NAME"}
#: How a user of the command line gives a meeting's slots.
CLI_SLOT_FIX = "pass --presenter NAME@M:SS for each slot"
#: How a user of the command line reads a meeting as planned time.
CLI_MODE_FIX = "run it again with --mode planned (or --part planned@M:SS where planned time starts)"
#: How a user of the command line reads a meeting Coach read as planned throughout as open time.
CLI_OPEN_FIX = "run it again with --mode open"
#: How a user of the command line marks planned time in one slot.
CLI_PART_FIX = "run it again with --part planned@M:SS from where they did"


def assumption_note(roles: Roles, fixes: Mapping[Role, str] = CLI_ROLE_FIXES) -> str | None:
    """One sentence saying which roles were inferred and how to change them (``fixes``: per role, the words of the
    edge that shows it); ``None`` when nothing was guessed.

    A session where no presenter could be found says so too: everyone then counts as a member.
    """
    if roles.presenter is None and roles.speakers:
        return f"We could not tell who the presenter was, so everyone counts as a member; {fixes[PRESENTER]} to set it."
    parts = []
    how = []
    if PRESENTER in roles.assumed and roles.presenter is not None:
        parts.append(f"{roles.presenter} was the presenter")
        how.append(fixes[PRESENTER])
    if FACILITATOR in roles.assumed and roles.facilitator is not None:
        parts.append(f"{roles.facilitator} was the facilitator")
        how.append(fixes[FACILITATOR])
    joined = " or ".join(how)
    if len(how) == 2 and how[0].startswith("pass ") and how[1].startswith("pass "):
        joined = f"{how[0]} or {how[1].removeprefix('pass ')}"  # "pass --presenter NAME or --facilitator NAME"
    notes = [f"We assumed {' and '.join(parts)}; {joined} to change this."] if parts else []
    if FACILITATOR in roles.not_found and roles.speakers:
        notes.append(
            "Nobody stood out as the facilitator, so everyone but the presenter counts as a member; "
            f"{fixes[FACILITATOR]} to set it."
        )
    return " ".join(notes) or None


def _first_with(speakers: Sequence[str], by_speaker: Mapping[str, str], role: str) -> str | None:
    return next((speaker for speaker in speakers if by_speaker[speaker] == role), None)
