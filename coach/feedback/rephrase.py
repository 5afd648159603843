"""Open questions to ask instead of a closed question or a piece of advice, built from the question actually asked.

:class:`Rephraser` reads the sentence with :func:`coach.feedback.question_analysis.analyse` (its shape, the presenter's
situation, the asker's solution), writes candidates from its structure ("Did you talk to X?" -> "What happened when
you talked to X?") and from each topic ("What options do you see for the meeting?"), then ranks them:

- each must be labelled ``open_question`` by Coach's own classifier (its confidence is kept);
- none may carry the asker's solution (any inflection of the solution's lemmas);
- candidates that keep a word of the situation rank above generic ones, and closer meaning ranks higher (cosine of
  the pretrained sentence encoder's embeddings).

A generic question ("What have you tried so far?") is a last resort, given only when no specific one survives.
Questions in ``avoid`` (those already shown elsewhere in a report) are not repeated.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from lemminflect import getAllInflections, getAllLemmas

from coach.classifier.coach import Coach
from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from coach.feedback.question_analysis import PERSON_NOUNS, Analysis, Topic, analyse
from coach.labels import ADVICE, CLOSED_QUESTION, OPEN_QUESTION

#: Suggestions returned for one question.
MAX_SUGGESTIONS = 3
#: Ranking weights: keeping the situation matters most, then the question's own structure, then the model's certainty.
KEEPS_TOPIC_BONUS = 0.3
STRUCTURE_BONUS = 0.1
OPEN_CONFIDENCE_WEIGHT = 0.1

_GENERIC = {
    ADVICE: (
        "What have you tried so far?",
        "What options do you see?",
        "What would a good outcome look like for you?",
        "What support could you draw on here?",
    ),
    "diagnosis": (
        "What do you think the real problem is?",
        "How would you describe what's going on?",
        "What options do you see?",
    ),
    CLOSED_QUESTION: (
        "How would you describe what's going on?",
        "What do you make of it?",
        "What matters most to you here?",
        "How do you feel about it?",
    ),
}
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Rephrasing:
    """One suggested question: its ``text``, whether it is ``generic`` (keeps no word of the situation), and the
    classifier's ``open_confidence`` that it is an open question."""

    text: str
    generic: bool
    open_confidence: float

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "generic": self.generic, "open_confidence": round(self.open_confidence, 4)}


@dataclass(frozen=True)
class _Candidate:
    text: str
    structural: bool
    keeps_topic: bool
    topic: str


class Rephraser:
    """Rephrases closed questions and advice as open questions, checked by ``coach``'s classifier."""

    def __init__(self, coach: Coach, encoder: SentenceEncoder) -> None:
        self.coach = coach
        self.encoder = encoder

    @classmethod
    def load(cls, coach: Coach) -> Rephraser:
        """A rephraser around ``coach`` with the shipped sentence encoder."""
        return cls(coach, shared_encoder())

    def rephrase(
        self,
        text: str,
        label: str,
        *,
        topics: Sequence[str] = (),
        avoid: Collection[str] = (),
        limit: int = MAX_SUGGESTIONS,
        analysis: Analysis | None = None,
    ) -> list[Rephrasing]:
        """Up to ``limit`` open questions for ``text``, best first; empty unless ``label`` is closed_question or advice.

        ``topics`` are extra words of the presenter's situation (a drill's topics), used when the text names none;
        ``analysis`` is ``analyse(text, label)`` when the caller has it already (parsing is the slow part).
        """
        if label not in {ADVICE, CLOSED_QUESTION}:
            return []
        analysis = analysis or analyse(text, label)
        candidates = self._candidates(analysis, label, topics, avoid)
        if not candidates:
            return []
        predictions = self.coach.classify_utterances([c.text for c in candidates])
        similarities = self.encoder.similarity(analysis.sentence, [c.text for c in candidates])
        ranked = []
        for candidate, prediction, similarity in zip(candidates, predictions, similarities, strict=True):
            if prediction.label != OPEN_QUESTION:
                continue
            p_open = prediction.scores.get(OPEN_QUESTION, prediction.confidence)
            score = (
                similarity
                + KEEPS_TOPIC_BONUS * candidate.keeps_topic
                + STRUCTURE_BONUS * candidate.structural
                + OPEN_CONFIDENCE_WEIGHT * p_open
            )
            ranked.append((score, candidate, p_open))
        ranked.sort(key=lambda item: -item[0])
        specific = [item for item in ranked if item[1].keeps_topic]
        chosen = _diverse(specific, limit) or _diverse([item for item in ranked if not item[1].keeps_topic], 2)
        return [Rephrasing(c.text, not c.keeps_topic, p_open) for _, c, p_open in chosen[:limit]]

    def _candidates(
        self, analysis: Analysis, label: str, extra_topics: Sequence[str], avoid: Collection[str]
    ) -> list[_Candidate]:
        banned = _forms(analysis.solution_lemmas)
        situation = _forms(analysis.situation_lemmas | {t.lower() for t in extra_topics})
        topics = list(analysis.topics) or [_topic(word) for word in extra_topics]
        texts = [(text, True, "structure") for text in analysis.transforms]
        for topic in topics[:3]:
            texts.extend((text, False, topic.lemma) for text in _topic_questions(topic, label))
        generic_key = "diagnosis" if analysis.kind == "diagnosis" else label
        texts.extend((text, False, "") for text in _GENERIC[generic_key])
        seen = {line.lower() for line in avoid}
        candidates = []
        for text, structural, topic_lemma in texts:
            text = _tidy(text)
            words = set(_WORD.findall(text.lower()))
            if text.lower() in seen or words & banned:
                continue
            seen.add(text.lower())
            candidates.append(_Candidate(text, structural, bool(words & situation), topic_lemma))
        return candidates


def _topic_questions(topic: Topic, label: str) -> list[str]:
    n = topic.text
    if topic.person:
        verb = "stand" if topic.plural else "stands"
        wants = "want" if topic.plural else "wants"
        return [
            f"How do you see {n}?",
            f"What is your relationship with {n} like?",
            f"Where do you think {n} {verb} on this?",
            f"What do you think {n} {wants}?",
        ]
    does = "do" if topic.plural else "does"
    questions = [
        f"What do you make of {n}?",
        f"What part {does} {n} play in this?",
        f"What matters most to you about {n}?",
    ]
    if label == ADVICE:
        questions = [f"What options do you see for {n}?", f"What have you tried with {n} so far?", *questions]
    return questions


def _topic(word: str) -> Topic:
    lemma = word.lower()
    return Topic(f"the {lemma}", lemma, lemma in PERSON_NOUNS, lemma.endswith("s") and not lemma.endswith("ss"))


def _diverse(ranked: list[tuple[float, _Candidate, float]], limit: int) -> list[tuple[float, _Candidate, float]]:
    """The best ``limit`` candidates, no two opening with the same three words and at most two on one topic."""
    chosen: list[tuple[float, _Candidate, float]] = []
    openings: set[str] = set()
    per_topic: dict[str, int] = {}
    for item in ranked:
        candidate = item[1]
        opening = " ".join(candidate.text.lower().split()[:3])
        if opening in openings or per_topic.get(candidate.topic, 0) >= 2:
            continue
        openings.add(opening)
        per_topic[candidate.topic] = per_topic.get(candidate.topic, 0) + 1
        chosen.append(item)
        if len(chosen) == limit:
            break
    return chosen


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([?,.])", r"\1", text)
    return text[:1].upper() + text[1:]


@cache
def _inflections(lemma: str) -> frozenset[str]:
    lemmas = {lemma} | {other for found in getAllLemmas(lemma).values() for other in found}
    forms = set(lemmas)
    for base in lemmas:
        for pos in ("VERB", "NOUN", "ADJ"):
            for variants in getAllInflections(base, upos=pos).values():
                forms.update(variants)
    return frozenset(form.lower() for form in forms)


def _forms(lemmas: Collection[str]) -> frozenset[str]:
    """Every inflected form of ``lemmas`` ("move" -> move, moves, moved, moving)."""
    return frozenset(form for lemma in lemmas for form in _inflections(lemma))
