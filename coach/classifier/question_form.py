"""Surface cues of question form, shared by the baseline's features and the ``leading`` flag.

Punctuation is a hint, never the rule (labels.md rule 6): captions have no question marks, so the cues also look at
how the utterance starts.
"""

from __future__ import annotations

import re

_FILLERS = (
    r"(?:(?:so|and|but|okay|ok|right|well|um+|uh+|erm+|er|like|yeah|and so|i mean|just|i guess|oh|all right|alright|"
    r"uh[- ]huh|mm[- ]hmm),?\s+)*"
)

_QUESTION_START = re.compile(
    r"^" + _FILLERS + r"(?:what|how|why|who|whom|whose|when|where|which|"
    r"is|are|was|were|am|do|does|did|have|has|had|can|could|would|will|should|shall|may|might|must|"
    r"isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|can'?t|couldn'?t|wouldn'?t|"
    r"won'?t|shouldn'?t|tell me|talk (?:me|us) through|describe|i'?m curious|i wonder)\b",
    re.IGNORECASE,
)
_TAG_QUESTION = re.compile(
    r",?\s+(?:isn'?t it|aren'?t they|don'?t you|didn'?t you|haven'?t you|wasn'?t it|right|yeah|no|is it|do you)\W*$",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    """True when ``text`` is phrased as a question: a question mark, an interrogative opening or a tag."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    return bool(_QUESTION_START.match(stripped)) or bool(_TAG_QUESTION.search(stripped))


#: An auxiliary before its subject ("have you", "is there", "does your manager"): the inversion that makes a question.
_INVERTED = re.compile(
    r"^" + _FILLERS + r"(?:is|are|was|were|am|do|does|did|have|has|had|can|could|would|will|should|shall|may|might|"
    r"must|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|can'?t|couldn'?t|wouldn'?t|"
    r"won'?t|shouldn'?t)(?:\s+not)?\s+(?:you|i|we|they|he|she|it|there|that|this|these|those|the|your|his|her|their|"
    r"our|my|anyone|anybody|someone|somebody|everyone|everybody|people|any|all|each|both|[a-z]+'s)\b",
    re.IGNORECASE,
)
_WH_START = re.compile(
    r"^" + _FILLERS + r"(?:what|how|why|who|whom|whose|when|where|which|tell me|talk (?:me|us) through|describe|"
    r"i'?m curious|i wonder)\b",
    re.IGNORECASE,
)


#: "What I'd do is...": a wh-opening that states.
_PSEUDO_CLEFT = re.compile(
    r"^" + _FILLERS + r"(?:what|where|how) (?:i|you|we)(?:'d| would| could| might| should| need| want| have)\b",
    re.IGNORECASE,
)


def asks_as_question(text: str) -> bool:
    """True when ``text`` is worded as a question, the test for ``leading`` advice: a question mark, a wh-opening, an
    auxiliary before its subject ("Have you tried...", "could you not...") or a tag. Stricter than
    :func:`looks_like_question` (a baseline feature): "Have a word with HR." and "Could be worth a try." are
    statements, however they start."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    if _PSEUDO_CLEFT.match(stripped):
        return False
    return bool(_WH_START.match(stripped) or _INVERTED.match(stripped) or _TAG_QUESTION.search(stripped))


#: A wh-question that asks for one fact, a number, an amount or a time ("How often do you drink?", "What time does it
#: start?", "When did she tell you?"): closed under labels.md rule 3, however it starts. "How much of..." asks for a
#: judgement ("How much of that do you think is hers?"), so it is left to the model.
_ONE_FACT = re.compile(
    r"^" + _FILLERS + r"(?:how (?:many|often|long|old|far|soon|frequently)|how much(?! of\b)|"
    r"what (?:number|time|age|day|date|year|month|week|percentage|dose|size|grade|part)|"
    r"when (?:did|do|does|is|was|were|will|are|would|have|has|had|can|could))\b",
    re.IGNORECASE,
)


def asks_for_one_fact(text: str) -> bool:
    """True when ``text`` opens as a question for one fact (a number, an amount, a time), which labels.md calls closed
    however the model reads it."""
    return bool(_ONE_FACT.match(text.strip()))


#: Asking leave to go on ("Do you mind if we look at your diet?", "Is it okay if I ask about the crews?"): a process
#: question, ``other`` under labels.md rule 2. A question asked inside the frame ("...if I ask what happened next?")
#: is left to the model.
_PERMISSION = re.compile(
    r"^" + _FILLERS + r"(?:(?:do|would) you mind if|(?:is it|would it be) (?:okay|ok|alright|all right)(?: with you)? "
    r"(?:if|for me to))\b",
    re.IGNORECASE,
)
_QUESTION_INSIDE = re.compile(r"\bask(?:ed)?\s+(?:you\s+)?(?:what|how|why|who|where|when|which|whether|if)\b", re.I)


def asks_permission(text: str) -> bool:
    """True when ``text`` only asks leave to go on, which labels.md calls a process question (``other``)."""
    stripped = text.strip()
    return bool(_PERMISSION.match(stripped)) and not _QUESTION_INSIDE.search(stripped)


#: Verbs of telling after "why don't you" / "could you just": a request to say more ("Why don't you tell us what
#: happened?"), an open question, not advice.
_TELLING = (
    r"(?:tell|say|talk|describe|share|walk|explain|give (?:me|us) (?:a|an|some)|fill (?:me|us) in|go (?:on|over))"
)
#: After "why don't you", a verb of liking, wanting or thinking makes a real why-question ("Why don't you trust him?").
_STATIVE = r"(?:like|want|trust|think|feel|believe|know|agree|care|mind|see|have|understand|remember|enjoy|need|get on)"
#: Advice dressed as a question, in the forms labels.md lists for rule 1 ("Do you think you could...?", "Why don't you
#: ...?", "Why not...?", "What if you...?", "Couldn't you just...?", "Wouldn't it be better to...?", "Have you thought
#: about / considered / tried X?"). "Have you thought about what you'd do?" asks for the presenter's own ideas, and
#: "Have you tried anything yet?" or "...about that?" ("...those things?") names no solution, so those are left to the
#: model.
_SUGGESTION_QUESTION = re.compile(
    r"^" + _FILLERS + r"(?:do you think you (?:could|should|might|ought to)(?! " + _TELLING + r"\b)|"
    r"why (?:don'?t|not|wouldn'?t) you (?:just )?(?!" + _TELLING + r"\b|" + _STATIVE + r"\b)\w|"
    r"why not (?:just )?(?!" + _TELLING + r"\b)\w+|"
    r"what if you (?:just )?(?:tried|try|asked|ask|went|go|talked|talk|spoke|speak|told|tell|said|say|put|got|get|"
    r"made|make|gave|give|took|take|did|do|started|start|stopped|stop|rang|ring|called|call|wrote|write|let|moved|"
    r"move|brought|bring|set|sat|sit|sent|send|offered|offer|booked|book|cut|dropped|drop)\b|"
    r"(?:couldn'?t|can'?t) you (?:just )?(?!" + _TELLING + r"\b)\w|could you not (?!" + _TELLING + r"\b)\w|"
    r"wouldn'?t it be (?:better|easier|simpler|quicker|worth)|"
    r"have you (?:ever )?(?:thought about|thought of|considered|tried)\s+"
    r"(?!(?:what|how|why|whether|if|who|where|when|which|it|that|this|these|those|them|anything|something|"
    r"everything|any|other|all)\b)\w)",
    re.IGNORECASE,
)


def suggests_by_question(text: str) -> bool:
    """True when ``text`` opens in one of the forms labels.md rule 1 calls advice dressed as a question."""
    return bool(_SUGGESTION_QUESTION.match(text.strip()))


#: A request to say more in a yes/no question's clothes ("Can you say more about that?", "Would you like to talk us
#: through it?"), an open question under labels.md rule 3; "Can I ask about Geoff?" only prefaces the question after it.
_ELABORATION_REQUEST = re.compile(
    r"^" + _FILLERS + r"(?:(?:can|could|would|will|do|did)(?:n'?t)? you (?:(?:just|maybe|perhaps|please|like to|"
    r"want to|wanna|mind)\s+)*" + _TELLING + r"\b|(?:can|could|may) i (?:just )?ask\b)",
    re.IGNORECASE,
)
#: "Have you thought about what you'd do?" asks for the presenter's own ideas: an open question, whatever its form.
_OWN_IDEAS = re.compile(r"^" + _FILLERS + r"have you (?:ever )?(?:thought|considered)\b", re.IGNORECASE)


def asks_yes_or_no(text: str) -> bool:
    """True when ``text`` asks with an auxiliary before its subject ("Is there anything that worries you?", "Do you
    feel you drink too much?"), which labels.md rule 3 calls closed, unless it asks the presenter to say more ("Can
    you say more?"), prefaces another question ("Can I ask about Geoff?"), asks for the presenter's own ideas ("Have
    you thought about what you'd do?"), asks leave (:func:`asks_permission`) or offers a solution (advice:
    :func:`suggests_by_question`)."""
    stripped = text.strip()
    return bool(
        _INVERTED.match(stripped)
        and not _ELABORATION_REQUEST.match(stripped)
        and not suggests_by_question(stripped)
        and not asks_permission(stripped)
        and not _OWN_IDEAS.match(stripped)
    )
