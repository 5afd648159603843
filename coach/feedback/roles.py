"""Who is who in a session: the presenter, the facilitator, and the members.

Roles come, in this order, from

1. names the user gave (``--presenter``/``--facilitator``, or the transcript's own ``presenter``/``facilitator``
   fields), matched to the speakers case-insensitively;
2. roles written on the turns themselves (``Turn.role``);
3. inference from what people said, for a role still unknown:

   - the facilitator is the speaker whose turns are most often all ``other`` (process talk): the highest
     ``process turns x process share``, and only when that is clear: at least :data:`FACILITATOR_MIN_TURNS` such
     turns, at least :data:`FACILITATOR_MIN_SHARE` of their turns, and a score :data:`FACILITATOR_MARGIN` times anyone
     else's (members' backchannels are ``other`` turns too, and so are many of the presenter's);
   - the presenter is, among the rest, the speaker whose talk is mostly story: the highest
     ``story utterances x story share``, where the share is story over all of the speaker's utterances that are not
     ``other``. Nobody is the presenter when nobody told any story (a practice exchange, say).

   Checked on our annotated conversations: every full session gets the roles its annotators gave.

Captions that name nobody (:data:`~coach.transcript.model.UNKNOWN_SPEAKER`) are never inferred to be the presenter or
the facilitator. Everyone else is a member. :class:`Roles` says which roles were inferred, so the report can say so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from coach.errors import InputError
from coach.labels import OTHER, ROLES, STORY
from coach.transcript.model import UNKNOWN_SPEAKER

PRESENTER = "presenter"
FACILITATOR = "facilitator"
MEMBER = "member"

FACILITATOR_MIN_TURNS = 2
FACILITATOR_MIN_SHARE = 0.5
FACILITATOR_MARGIN = 1.5


class Spoken(Protocol):
    """What role inference needs to know of an utterance (``LabelledUtterance`` has it)."""

    @property
    def speaker(self) -> str: ...

    @property
    def turn(self) -> int: ...

    @property
    def label(self) -> str: ...


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
) -> Roles:
    """The roles of the speakers of ``utterances`` (see the module docstring for the order of sources).

    ``presenter`` and ``facilitator`` are names as the user typed them; ``declared`` maps speakers to roles written in
    the transcript. With ``strict``, a name that matches no speaker is an :class:`~coach.errors.InputError` listing the
    speakers found; without it, such a name is ignored (a live session may name someone who has not spoken yet).
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
        inferred = infer_facilitator(utterances, undecided)
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
    """The speaker called ``name`` (case and surrounding spaces ignored); ``None`` for no name.

    A name that matches nobody raises :class:`~coach.errors.InputError` listing the speakers (or gives ``None`` when
    not ``strict``).
    """
    if name is None or not name.strip():
        return None
    wanted = name.strip().casefold()
    for speaker in speakers:
        if speaker.strip().casefold() == wanted:
            return speaker
    if not strict:
        return None
    found = ", ".join(speakers) if speakers else "none"
    raise InputError(
        f"no speaker called {name.strip()!r} to be the {role}; the speakers in this transcript are: {found}. "
        f"Give the {role}'s name as it appears in the transcript."
    )


def infer_presenter(utterances: Iterable[Spoken], candidates: Sequence[str]) -> str | None:
    """The candidate whose talk is mostly story (story count x story share), or ``None`` when nobody told any."""
    story: Counter[str] = Counter()
    content: Counter[str] = Counter()
    allowed = set(candidates)
    for u in utterances:
        if u.speaker not in allowed or u.label == OTHER:
            continue
        content[u.speaker] += 1
        story[u.speaker] += u.label == STORY
    scores = {speaker: story[speaker] * story[speaker] / content[speaker] for speaker in content if story[speaker]}
    if not scores:
        return None
    return max(candidates, key=lambda speaker: scores.get(speaker, 0.0))


def infer_facilitator(utterances: Iterable[Spoken], candidates: Sequence[str]) -> str | None:
    """The candidate clearly doing the process talk (turns labelled ``other``), or ``None`` when nobody clearly is.

    A turn is labelled ``other`` when all of its utterances are; see the module docstring for what "clearly" means.
    """
    allowed = set(candidates)
    turn_labels: dict[tuple[str, int], set[str]] = defaultdict(set)
    for u in utterances:
        if u.speaker in allowed:
            turn_labels[(u.speaker, u.turn)].add(u.label)
    turns: Counter[str] = Counter()
    process_turns: Counter[str] = Counter()
    for (speaker, _), labels in turn_labels.items():
        turns[speaker] += 1
        process_turns[speaker] += labels == {OTHER}
    scores = {speaker: process_turns[speaker] ** 2 / turns[speaker] for speaker in candidates if turns[speaker]}
    ranked = sorted(scores, key=lambda speaker: scores[speaker], reverse=True)
    if not ranked:
        return None
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    clear = (
        process_turns[best] >= FACILITATOR_MIN_TURNS
        and process_turns[best] >= FACILITATOR_MIN_SHARE * turns[best]
        and scores[best] >= FACILITATOR_MARGIN * runner_up
    )
    return best if clear else None


def assumption_note(roles: Roles) -> str | None:
    """One sentence saying which roles were inferred and how to change them; ``None`` when nothing was guessed.

    A session where no presenter could be found says so too: everyone then counts as a member.
    """
    if roles.presenter is None and roles.speakers:
        return (
            "We could not tell who the presenter was, so everyone counts as a member; pass --presenter NAME to set it."
        )
    parts = []
    flags = []
    if PRESENTER in roles.assumed and roles.presenter is not None:
        parts.append(f"{roles.presenter} was the presenter")
        flags.append("--presenter NAME")
    if FACILITATOR in roles.assumed and roles.facilitator is not None:
        parts.append(f"{roles.facilitator} was the facilitator")
        flags.append("--facilitator NAME")
    notes = [f"We assumed {' and '.join(parts)}; pass {' or '.join(flags)} to change this."] if parts else []
    if FACILITATOR in roles.not_found and roles.speakers:
        notes.append(
            "Nobody stood out as the facilitator, so everyone but the presenter counts as a member; "
            "pass --facilitator NAME to set it."
        )
    return " ".join(notes) or None


def _first_with(speakers: Sequence[str], by_speaker: Mapping[str, str], role: str) -> str | None:
    return next((speaker for speaker in speakers if by_speaker[speaker] == role), None)
