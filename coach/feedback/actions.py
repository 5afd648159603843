"""The presenter's committed actions: "I'll ring the helpline tomorrow" -> ``ring the helpline tomorrow``.

An action is the presenter's commitment to do something after the session, found on the dependency parse
(``coach.feedback.language``) of what the presenter says in the last part of the session or in answer to a cue such as
"what will you do?":

- a verb the presenter commits to: "I'll ring ...", "I will ring ...", "I'm going to / gonna ring ...";
- a present progressive with a time ahead, "I'm emailing the DD today", or any when answering a cue;
- in answer to a cue, or after a commitment in the same utterance: "I need to dig out ...", and a bare verb that starts
  a sentence: "Write up the calls.", "And ask for half an hour with her.", "Ringing them tomorrow.".

Verbs coordinated under one commitment stay one action ("pull the rotas and ask for a meeting"). Negated, conditional
and polite ones ("I'm not going to ...", "if it falls through I'll have to ...", "I'll think about that") and
housekeeping ("I'll just shut the door") are not actions. The phrase runs from the verb to the end of its clause,
without a reason ("..., so that ...", "because ...") or an aside after a dash.

Measured against the gold actions of ``data/annotated/actions.jsonl`` by ``python -m training.evaluate_actions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from coach.feedback.language import parse_all
from coach.feedback.session import LabelledUtterance

#: An utterance in this last share of the session may hold actions without a cue before it.
CLOSING_SHARE = 0.3
#: How many utterances after a cue ("what will you do?") a commitment still answers it.
CUE_REACH = 8

#: What a facilitator or member says to ask for actions.
_ACTION_CUE = re.compile(
    r"\b(?:what (?:will|would|are|'?re|could|might) you (?:going to |gonna )?(?:do|take|try)\b|what(?:'s| is) your "
    r"(?:next|first) step|next steps?\b|actions?\b|take ?away|taking away|going to do|gonna do|you'?ll do|you will do"
    r"|want to do|anything landing|(?:has|'s) landed|what now\b|where does that leave "
    r"you|where are you now|where have you got to|where you've got to|commit)",
    re.IGNORECASE,
)
_FUTURE_TIME = re.compile(
    r"\b(?:today|tomorrow|tonight|this (?:week|afternoon|evening|morning)|next (?:week|month|time)|first thing"
    r"|monday|tuesday|wednesday|thursday|friday|before (?:then|the|next))\b",
    re.IGNORECASE,
)
#: Phrases that are housekeeping, manner of speech or a polite closing, not an action.
_NOT_ACTION = re.compile(
    r"^(?:just )?(?:shut|close|grab|mute|unmute|share my screen|make (?:it|this) bigger|go first|take (?:it|that|"
    r"anything)\b|be (?:quick|brief|honest|fine|ok|okay)|keep it (?:short|quick)|call (?:her|him|them|it) \w+|stop "
    r"there|leave it there|hand (?:it )?back|come back to (?:you|that|it)|tell you|give you|let you|say\b|admit"
    r"|think about (?:that|it|this)$|think about whether|have to think|see$|try$|do that$|see what happens$|go$"
    r"|go on$)",
    re.IGNORECASE,
)
_COMMIT_AUX = frozenset({"'ll", "ll", "will", "shall", "’ll"})
_BE = frozenset({"'m", "am", "m", "’m"})
_NEED = frozenset({"need", "have", "got", "must"})
_REASON_MARKS = frozenset({"so", "because", "as", "since", "cause", "'cause"})
_CONDITION_MARKS = frozenset({"if", "whether", "unless"})
_LEADING_WORDS = frozenset({
    "and", "then", "so", "first", "also", "oh", "um", "uh", "erm", "yeah", "ok", "okay", "right", "well",
    # a spoken list of actions: "one, talk to Maureen; two, ask my matron ..."
    "one", "two", "three", "four", "five", "firstly", "secondly", "second", "thirdly", "third", "finally",
})  # fmt: skip
_DASHES = frozenset({"–", "—", ";", "--"})
_MIN_WORDS = 2
#: Verbs that open a spoken action ("Book an hour with Dean."), for when the tagger reads them as nouns.
_ACTION_VERBS = frozenset((
    "ring", "call", "phone", "email", "text", "book", "meet", "see", "talk", "speak", "ask", "tell", "write", "send",
    "draft", "arrange", "check", "chase", "follow", "read", "visit", "invite", "share", "show", "sort", "fix",
    "plan", "take", "get", "put", "set", "sit", "start", "stop", "raise", "find", "pull", "log", "bring", "contact",
    "record", "report", "review", "look", "try", "apply", "request", "push", "agree", "block", "clear", "catch",
))  # fmt: skip
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|[–—]\s+)([A-Z])(?=[a-z])")


@dataclass(frozen=True)
class Action:
    """One committed action: who (``speaker``), the short ``text``, the utterance's ``index`` and ``start`` time."""

    speaker: str
    text: str
    index: int
    start: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text, "index": self.index, "start": self.start}


def find_actions(utterances: Sequence[LabelledUtterance]) -> list[Action]:
    """The presenter's committed actions in ``utterances``, in order."""
    closing_from = len(utterances) * (1 - CLOSING_SHARE)
    last_cue: int | None = None
    candidates: list[tuple[LabelledUtterance, bool]] = []
    for position, u in enumerate(utterances):
        if u.role != "presenter":
            if _ACTION_CUE.search(u.text):
                last_cue = position
            continue
        answering = last_cue is not None and position - last_cue <= CUE_REACH
        late = position >= closing_from and _may_commit(u.text)  # parsing is the slow part: only what could commit
        if (late or answering) and not u.text.rstrip().endswith("?"):
            candidates.append((u, answering))
    docs = parse_all([_lower_sentence_starts(u.text) for u, _ in candidates]) if candidates else []
    actions = []
    for (u, answering), doc in zip(candidates, docs, strict=True):
        committed = False
        for sentence in doc.sents:
            for phrase in _sentence_actions(sentence, answering or committed):
                committed = True
                actions.append(Action(speaker=u.speaker, text=phrase, index=u.index, start=u.start))
    return actions


def _may_commit(text: str) -> bool:
    """Whether ``text`` could hold a commitment not said in answer to a cue: "I" with "will", "shall", "'ll", "am" or
    "'m" somewhere (what :func:`_by_future` and :func:`_by_progressive` need), the apostrophe dropped as captions do."""
    return bool(_I.search(text) and _COMMIT_WORD.search(text))


_I = re.compile(r"\b(?:i|im|ill)\b", re.IGNORECASE)
_COMMIT_WORD = re.compile(r"\b(?:will|shall|am|im|ill)\b|['’](?:ll|m)\b", re.IGNORECASE)


def action_phrases(text: str, answering: bool = False) -> list[str]:
    """The action phrases committed to in ``text``, said in answer to a cue (``answering``) or not."""
    (doc,) = parse_all([_lower_sentence_starts(text)])
    phrases: list[str] = []
    for sentence in doc.sents:
        phrases.extend(_sentence_actions(sentence, answering or bool(phrases)))
    return phrases


def _lower_sentence_starts(text: str) -> str:
    """``text`` with each sentence's first letter in lower case: the tagger reads a capitalised "Ring three of them"
    as a name, "ring three of them" as the verb it is."""
    return _SENTENCE_START.sub(lambda match: match.group(1) + match.group(2).lower(), text)


def _sentence_actions(sentence: Span, answering: bool) -> Iterator[str]:
    misread = _misread_bare_start(sentence) if answering else None
    if misread is not None:
        yield misread
    for verb in _commitments(sentence, answering):
        tokens = _phrase_tokens(verb)
        # Verbs coordinated after an aside ("ask him – properly – and tell him ...") or with "going" ("I'm going to
        # talk to her, and then write it") are actions of their own.
        heads = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        later = [
            child
            for head in heads
            for child in head.children
            if child.dep_ == "conj"
            and child.tag_ in {"VB", "VBG"}
            and child.i > tokens[-1].i
            and not any(c.dep_.startswith("nsubj") for c in child.children)
        ]
        for tokens_of_action in (tokens, *(_phrase_tokens(child) for child in later)):
            phrase = _text(tokens_of_action)
            if len(phrase.split()) >= _MIN_WORDS and not _NOT_ACTION.match(phrase):
                yield phrase


def _commitments(sentence: Span, answering: bool) -> Iterator[Token]:
    """The verbs of ``sentence`` that the speaker commits to doing."""
    timed = bool(_FUTURE_TIME.search(sentence.text))
    for token in sentence:
        if _negated(token) or _conditional(token):
            continue
        if (
            _by_future(token)
            or (_by_progressive(token) and (timed or answering))
            or (answering and (_by_need(token) or _bare_start(token, sentence)))
        ):
            yield token


def _subject_is_i(token: Token) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ == "i" for child in token.children)


def _by_future(token: Token) -> bool:
    """ "I'll ring", "I will ring", "I'm going to ring", "I'm gonna ring"."""
    if token.tag_ != "VB":
        return False
    if _subject_is_i(token) and any(child.lower_ in _COMMIT_AUX for child in token.children):
        return True
    going = token.head
    return (
        token.dep_ == "xcomp"
        and going.lemma_ == "go"
        and going.tag_ == "VBG"
        and _subject_is_i(going)
        and any(child.lower_ in _BE for child in going.children)
    )


def _by_progressive(token: Token) -> bool:
    """ "I'm emailing the DD", "I'm going back to Pat" (but not "I'm going to ...", the future above)."""
    if token.tag_ != "VBG" or not _subject_is_i(token) or not any(c.lower_ in _BE for c in token.children):
        return False
    return not (token.lemma_ == "go" and any(child.dep_ == "xcomp" for child in token.children))


def _by_need(token: Token) -> bool:
    """ "I need to dig out the agreement", "I've got to ring her"."""
    head = token.head
    needed = token.tag_ == "VB" and token.dep_ == "xcomp" and head.lemma_ in _NEED and _subject_is_i(head)
    return needed and head.dep_ not in {"relcl", "acl"}  # not "the talks I need to have", a description


def _bare_start(token: Token, sentence: Span) -> bool:
    """A verb that opens its sentence with no subject: "Write up the calls.", "And ask her.", "Ringing them Friday."."""
    if token.dep_ != "ROOT" or token.tag_ not in {"VB", "VBG"} or any(_is_subject(c) for c in token.children):
        return False
    first = next((t for t in sentence if t.lower_ not in _LEADING_WORDS and not t.is_punct), None)
    return first is not None and first.i == token.i


def _misread_bare_start(sentence: Span) -> str | None:
    """A sentence that opens with a common action verb the tagger read as a noun ("Book an hour with Dean."): the
    whole sentence up to an aside, when the parse found no verb there."""
    first = next((t for t in sentence if t.lower_ not in _LEADING_WORDS and not t.is_punct), None)
    if first is None or first.lower_ not in _ACTION_VERBS or _bare_start(first, sentence):
        return None
    if any(_is_subject(child) for child in first.children):
        return None
    tokens = []
    for token in sentence[first.i - sentence.start :]:
        if _is_dash(token):
            break
        tokens.append(token)
    return _text(tokens)


def _is_subject(token: Token) -> bool:
    """A subject, but not the number of a spoken list that the parser took for one ("two ask my matron")."""
    return token.dep_.startswith("nsubj") and token.lower_ not in _LEADING_WORDS


def _negated(token: Token) -> bool:
    """ "I'm not going to ...", "I won't ..." (a "not" after the verb, "ask him - not the usual one -", is not)."""
    heads = [token, token.head] if token.dep_ == "xcomp" else [token]
    return any(child.dep_ == "neg" and child.i < token.i for head in heads for child in head.children)


def _conditional(token: Token) -> bool:
    """The verb is inside an "if ..." or "whether ..." clause: "whether I'll stick up for them"."""
    node = token
    while True:
        if any(child.dep_ == "mark" and child.lower_ in _CONDITION_MARKS for child in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _phrase_tokens(verb: Token) -> list[Token]:
    """From ``verb`` to the end of its clause, with the verbs coordinated with it ("ring her and ask ..."), but no
    clause with a subject of its own ("... and I think ..."), no reason, and no aside after a dash."""
    cut: set[int] = set()
    for child in verb.children:
        if child.dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in child.children):
            cut.update(t.i for t in child.subtree)
            cut.update(t.i for t in verb.children if t.dep_ == "cc" and verb.i < t.i < child.i)
        elif child.dep_ == "advcl" and {t.lower_ for t in child.children if t.dep_ == "mark"} & _REASON_MARKS:
            cut.update(t.i for t in child.subtree)
        elif child.dep_ == "mark" and child.lower_ in _REASON_MARKS and child.i > verb.i:
            cut.add(child.i)
    tokens = []
    for token in verb.subtree:
        if token.i < verb.i:
            continue
        if token.i in cut or (token.i > verb.i and _is_dash(token)):
            break
        tokens.append(token)
    return tokens


def _text(tokens: Sequence[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return re.sub(r"[\s,.;:!?…–—-]+$", "", re.sub(r"\s+(?:and|then|so|but)$", "", text, flags=re.IGNORECASE))


def _is_dash(token: Token) -> bool:
    """A dash that sets off an aside; not the hyphen of "one-to-one"."""
    spaced_hyphen = token.text == "-" and bool(token.whitespace_) and token.i > 0 and bool(token.nbor(-1).whitespace_)
    return token.text in _DASHES or spaced_hyphen
