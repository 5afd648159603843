"""Open ways to ask a closed question or to turn advice into a question: rules, no model.

:func:`open_rephrasings` finds the action or topic in common shapes ("Have you thought about X?", "Why don't you X?",
"You should X", "Did you X?", "Could you X?"...) and builds two or three open questions from it, falling back on good
general ones. Every suggestion starts with "What" or "How" and ends with "?", and none carries a solution the asker
already has in mind ("What about...?", "What if you...?" are advice in disguise, labels.md). "Who could help?" is
avoided too: it can be answered with one name, which makes it a closed question to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.classifier.segment import split_utterances
from coach.labels import ADVICE, CLOSED_QUESTION

#: Longest action or topic (in words) worth repeating back inside a suggestion.
MAX_TOPIC_WORDS = 8

_FILLERS = (
    r"^(?:(?:so|and|but|okay|ok|right|well|um+|uh+|erm+|er|yeah|look|i mean|i guess|i just wonder|i wonder),?\s+)*"
)

#: Shapes of advice; ``x`` is what the asker has in mind, as an action (base verb) or a topic (noun or -ing phrase).
_ADVICE_SHAPES: tuple[tuple[str, str], ...] = (
    (r"(?:have|had) you (?:ever )?(?:thought|been thinking) (?:about|of) (?P<x>.+)", "topic"),
    (r"(?:have|had) you (?:ever )?(?:considered|tried|explored|looked at|looked into) (?P<x>.+)", "topic"),
    (r"(?:did|do|would|could) you (?:ever )?(?:think|thought) (?:about|of) (?P<x>.+)", "topic"),
    (r"(?:did|do|would|could) you (?:ever )?(?:consider|try|explore|look at|look into) (?P<x>.+)", "topic"),
    (r"why (?:don'?t|do not|didn'?t|wouldn'?t|won'?t|can'?t) you (?P<x>.+)", "action"),
    (r"why not (?P<x>.+)", "action"),
    (r"(?:what|how) about (?P<x>.+)", "topic"),
    (r"what if you (?P<x>.+)", "past"),
    (r"(?:could|can|would|should) you not (?P<x>.+)", "action"),
    (r"(?:couldn'?t|could not|can'?t|cannot|shouldn'?t|should) you (?P<x>.+)", "action"),
    (r"wouldn'?t it be (?:better|easier|simpler|good|worth it|an idea) (?:to )?(?P<x>.+)", "action"),
    (r"isn'?t the (?:answer|solution|thing|obvious thing|fix) (?:just )?(?:to )?(?P<x>.+)", "action"),
    (r"if i were you,? (?:i'?d|i would|i'?ll) (?P<x>.+)", "action"),
    (r"(?:i'?d|i would|i) (?:suggest|recommend|advise) (?:that )?(?:you )?(?P<x>.+)", "topic"),
    (r"(?:my advice|my suggestion|the answer|the solution|the trick) (?:would be|is) (?:to )?(?P<x>.+)", "action"),
    (r"(?:it might be|it'?s|it would be|it could be|might be) worth (?P<x>.+)", "topic"),
    (
        r"(?:i think |i reckon |i feel |maybe |perhaps |honestly,? )?you (?:really |probably |just |definitely )?"
        r"(?:should|could|need to|ought to|must|might want to|may want to|have to|want to|might|could always) "
        r"(?P<x>.+)",
        "action",
    ),
    (r"(?:personally,? )?(?:i'?d|i would) (?P<x>.+)", "action"),
    (r"(?:maybe |perhaps )?(?:just )?try (?P<x>.+)", "topic"),
    (r"(?:maybe |perhaps )(?:just )?(?P<x>.+)", "action"),
)

#: Shapes of closed questions that carry an action: ``x`` follows the auxiliary.
_CLOSED_SHAPES: tuple[tuple[str, str, str], ...] = (
    (r"(?:can|could|will|would)(?:n'?t)? you (?P<x>.+)", "action", "possible"),
    (r"(?:are|were) you (?:going|planning|hoping|intending|meaning) to (?P<x>.+)", "action", "possible"),
    (r"(?:do|does)(?:n'?t)? you (?:want|need|plan|intend|hope|mean) to (?P<x>.+)", "action", "possible"),
    (r"did(?:n'?t)? you (?P<x>.+)", "action", "done"),
    (r"(?:have|has)(?:n'?t)? you (?P<x>.+)", "past", "done"),
)

_DIAGNOSIS = re.compile(
    r"\b(?:the|your) (?:real |actual |underlying |main |whole )?(?:problem|issue) (?:is|was)\b", re.I
)
_FACT = re.compile(
    r"^(?:how (?:many|much|long|often|old|far|big)|when|where|which|who|whose|what time|what day)\b", re.I
)
_CHOICE = re.compile(r"\b(?:or)\b(?! not\b)", re.I)
_FEELING = re.compile(
    r"\b(?:worried|anxious|scared|afraid|happy|ok|okay|upset|angry|frustrated|stressed|nervous)\b", re.I
)

_TRAILING = re.compile(
    r"(?:[\s,]+(?:then|instead|first|at all|yet|already|though|or not|as well|too|maybe|perhaps|or something|"
    r"or anything|do you think|don'?t you think|now|anyway|at some point|sometime|soon)|,\s*(?:right|yeah|no|yes))+$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r",|;|:|\s(?:because|so that|so|and then|before|since|when|if)\s", re.I)
_LEADING_ADVERBS = re.compile(
    r"^(?:(?:just|maybe|perhaps|simply|actually|really|also|probably|definitely|always|at least|kind of|sort of)\s+)+",
    re.I,
)
_INNER_FILLERS = re.compile(r"\b(?:um+|uh+|erm+|er|you know)\b,?\s*|,\s*like,", re.I)

#: First words that show an "action" is not a verb phrase after all ("maybe it's the money").
_NOT_VERBS = frozenset((
    "a", "an", "the", "some", "any", "it", "it's", "its", "that", "that's", "this", "these", "those", "there",
    "there's", "they", "they're", "he", "she", "we", "i", "i'm", "you", "your", "my", "our", "their", "his", "her",
    "not", "no", "so", "is", "are", "was", "were", "be", "been", "being", "am", "has", "got", "more", "less", "say",
    "think", "guess", "imagine", "suppose", "feel", "wonder", "worry", "know",
))  # fmt: skip
#: Words that make a topic the asker's own ("do what I did"): not repeated back.
_OWN = re.compile(r"\b(?:i|me|my|mine|i'?ve|i'?d|i'?m|we|us|our)\b", re.I)

_IRREGULAR_PAST = {
    "told": "tell", "spoke": "speak", "spoken": "speak", "thought": "think", "did": "do", "done": "do",
    "had": "have", "made": "make", "said": "say", "went": "go", "gone": "go", "saw": "see", "seen": "see",
    "met": "meet", "gave": "give", "given": "give", "took": "take", "taken": "take", "sent": "send",
    "wrote": "write", "written": "write", "found": "find", "left": "leave", "brought": "bring", "bought": "buy",
    "paid": "pay", "put": "put", "set": "set", "let": "let", "read": "read", "rang": "ring", "rung": "ring",
    "heard": "hear", "sat": "sit", "felt": "feel", "kept": "keep", "built": "build", "sought": "seek",
    "taught": "teach", "chose": "choose", "chosen": "choose", "began": "begin", "begun": "begin", "ran": "run",
    "came": "come", "knew": "know", "known": "know", "showed": "show", "shown": "show", "got": "get",
}  # fmt: skip
_DOUBLING = frozenset((
    "stop", "plan", "get", "put", "set", "run", "sit", "chat", "drop", "shop", "step", "admit", "commit", "refer",
    "prefer", "begin", "swim", "hit", "cut", "let", "shut", "map", "skip", "ship", "tip", "nag", "fit", "jog", "bet",
    "rob", "log", "plug", "flag", "slip", "trim", "grab",
))  # fmt: skip


@dataclass(frozen=True)
class Shape:
    """What a closed question or piece of advice is about: ``kind`` and, when found, the ``topic`` to repeat back.

    ``topic`` is a noun or -ing phrase ("talking to HR", "an agency"); ``action`` the same idea as a base verb
    phrase ("talk to HR") when there is one.
    """

    kind: str
    topic: str | None = None
    action: str | None = None


def open_rephrasings(text: str, label: str) -> list[str]:
    """Two or three open questions to ask instead of ``text``; empty unless ``label`` is closed_question or advice.

    >>> for suggestion in open_rephrasings("Have you thought about talking to HR?", "advice"):
    ...     print(suggestion)
    What options have you considered so far?
    What would talking to HR give you?
    What support could you draw on here?
    """
    if label == ADVICE:
        return _advice_suggestions(advice_shape(text))
    if label == CLOSED_QUESTION:
        return _closed_suggestions(closed_shape(text))
    return []


def suggested_solution(text: str) -> str | None:
    """The solution a piece of advice carries, as a short phrase ("talking to HR"), or ``None`` when none is found."""
    return advice_shape(text).topic


def advice_shape(text: str) -> Shape:
    """The shape of a piece of advice: a ``diagnosis``, a ``suggestion`` (with its topic when found) or ``general``."""
    for sentence in _sentences(text):
        if _DIAGNOSIS.search(sentence):
            return Shape("diagnosis")
        for pattern, form in _ADVICE_SHAPES:
            match = re.fullmatch(pattern, sentence, re.IGNORECASE)
            if match:
                topic, action = _topic_and_action(match.group("x"), form)
                if topic is not None:
                    return Shape("suggestion", topic, action)
    return Shape("general")


def closed_shape(text: str) -> Shape:
    """The shape of a closed question: ``possible``/``done`` (with the action), ``fact``, ``choice``, ``feeling``."""
    sentences = _sentences(text)
    for sentence in sentences:
        for pattern, form, kind in _CLOSED_SHAPES:
            match = re.fullmatch(pattern, sentence, re.IGNORECASE)
            if match:
                topic, action = _topic_and_action(match.group("x"), form)
                if topic is not None and (action is not None or kind != "possible"):
                    return Shape(kind, topic, action)
    joined = " ".join(sentences)
    if _FEELING.search(joined):
        return Shape("feeling")
    if _CHOICE.search(joined):
        return Shape("choice")
    if any(_FACT.match(sentence) for sentence in sentences):
        return Shape("fact")
    return Shape("check")


def gerund(verb: str, past: bool = False) -> str:
    """The -ing form of ``verb`` ("talk" -> "talking", "make" -> "making"; with ``past``, "told" -> "telling")."""
    word = verb.lower()
    if word.endswith("ing") and len(word) > 4:
        return verb
    if past:
        if word in _IRREGULAR_PAST:
            return gerund(_IRREGULAR_PAST[word])
        if word.endswith("ied"):
            return word[:-3] + "ying"
        if word.endswith("eed"):
            return word[:-1] + "ing"
        if word.endswith("ed") and len(word) > 3:
            return word[:-2] + "ing"
    if word in {"be", "see", "flee", "agree", "free"}:
        return word + "ing"
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "oe", "ye")) and len(word) > 2:
        return word[:-1] + "ing"
    if word in _DOUBLING:
        return word + word[-1] + "ing"
    return word + "ing"


def _advice_suggestions(shape: Shape) -> list[str]:
    if shape.kind == "diagnosis":
        return [
            "What do you think the real problem is?",
            "How would you describe what's going on?",
            "What options have you considered so far?",
        ]
    if shape.topic is not None:
        return [
            "What options have you considered so far?",
            f"What would {shape.topic} give you?",
            "What support could you draw on here?",
        ]
    return [
        "What options have you considered so far?",
        "What would a good outcome look like for you?",
        "What support could you draw on here?",
    ]


def _closed_suggestions(shape: Shape) -> list[str]:
    if shape.kind == "possible" and shape.action is not None:
        return [
            f"What would it take to {shape.action}?",
            f"What would {shape.topic} mean for you?",
            "What options do you see?",
        ]
    if shape.kind == "done" and shape.topic is not None:
        return ["What have you tried so far?", f"What would {shape.topic} mean for you?", "What options do you see?"]
    generic = {
        "feeling": ("How do you feel about it?", "What is that like for you?", "What matters most to you here?"),
        "choice": ("What options do you see?", "How would you describe what's going on?",
                   "What matters most to you here?"),
        "fact": ("How does this affect you?", "What is most important for us to understand about this?",
                 "What would help you most right now?"),
        "check": ("How would you describe what's going on?", "What do you make of it?",
                  "What matters most to you here?"),
    }  # fmt: skip
    return list(generic.get(shape.kind, generic["check"]))


def _sentences(text: str) -> list[str]:
    """The utterances of ``text``, each without fillers at the start or punctuation at the end; the last first.

    Advice and questions tend to close a turn ("That sounds hard. Have you tried X?").
    """
    cleaned = []
    for utterance in reversed(split_utterances(text)):
        sentence = re.sub(_FILLERS, "", utterance.strip(), flags=re.IGNORECASE)
        sentence = sentence.rstrip(" ?.!…")
        if sentence:
            cleaned.append(sentence)
    return cleaned


def _topic_and_action(raw: str, form: str) -> tuple[str | None, str | None]:
    """The ``(topic, action)`` phrases of what follows a shape's opening; ``(None, None)`` when not worth repeating."""
    phrase = _trim(raw)
    if phrase is None:
        return None, None
    words = phrase.split()
    first = words[0].lower()
    if form == "topic":
        if first == "to" and len(words) > 1:
            return _topic_and_action(" ".join(words[1:]), "action")
        if first.endswith("ing") and len(first) > 4:
            return phrase, None
        if first in _NOT_VERBS - {"a", "an", "the", "some", "more", "your", "their", "his", "her"}:
            return None, None
        return phrase, None
    if first in _NOT_VERBS or first.endswith(("'s", "'re", "n't")):
        return None, None
    if first in {"try", "consider"} and len(words) > 1:
        return _topic_and_action(" ".join(words[1:]), "topic")
    past = form == "past"
    base: str | None = _IRREGULAR_PAST.get(first, first) if past else first
    if past and base == first and first.endswith("ed"):
        base = None  # a regular past tense: its base form is a guess, so only the -ing form is given
    topic = " ".join([gerund(words[0], past=past), *words[1:]])
    action = " ".join([base, *words[1:]]) if base is not None else None
    return topic, action


def _trim(raw: str) -> str | None:
    phrase = _CLAUSE_BREAK.split(_INNER_FILLERS.sub("", raw).strip(), maxsplit=1)[0]
    phrase = _TRAILING.sub("", phrase.strip(" ,.?!…"))
    phrase = _LEADING_ADVERBS.sub("", phrase).strip(" ,.?!…")
    if not phrase or len(phrase.split()) > MAX_TOPIC_WORDS or _OWN.search(phrase):
        return None
    return phrase
