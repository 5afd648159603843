"""The report-back: did the person who committed to an earlier action speak about it in this session, and where?

Each earlier action is compared with everything its owner said in the new session but their questions (asking
what came of someone else's action is no report on one's own): the cosine of their sentence
embeddings (all-MiniLM-L6-v2, ``coach.classifier.sentence_encoder``), plus a bonus for the action's own content words
and one for an utterance that reports on doing something ("I did ...", "I still haven't ...", "in the end ...") while
being about the action at all. An action is ``mentioned`` when its best utterance scores at least
:data:`MENTION_THRESHOLD`. The weights and the threshold were chosen on the dev items of ``benchmarks/report_back``;
``python -m benchmarks.report_back`` measures the test items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from coach.classifier.sentence_encoder import SentenceEncoder
from coach.labels import QUESTION_LABELS

#: The score from which an utterance counts as speaking about an action (tuned on the benchmark's dev split).
MENTION_THRESHOLD = 0.575
#: Weight of the share of the action's content words (by their first letters) that the utterance repeats.
WORD_BONUS = 0.3
#: Bonus for reporting words, given only to an utterance whose cosine with the action is above ``RELATED_COSINE``.
REPORT_BONUS = 0.3
RELATED_COSINE = 0.2
_REPORTING = re.compile(
    r"\b(?:did|didn't|done|haven't|hasn't|still|managed|tried|went|sent|rang|called|spoke|talked|met|wrote|emailed"
    r"|asked|told|booked|finally|in the end|yet|got round|bottled|never)\b",
    re.IGNORECASE,
)
#: Only actions of this many latest earlier sessions are looked for.
SESSIONS_LOOKED_BACK = 3
_STEM = 5
_STOP = frozenset((
    "about", "after", "again", "also", "and", "before", "been", "being", "could", "doing", "done", "from", "have",
    "into", "just", "more", "most", "much", "must", "need", "only", "other", "over", "really", "said", "same",
    "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "thing", "things",
    "this", "those", "very", "want", "well", "were", "what", "when", "where", "which", "while", "will", "with",
    "would", "your", "yeah", "actually",
))  # fmt: skip


def content_stems(text: str) -> frozenset[str]:
    """The first letters of ``text``'s content words: enough to meet "ring"/"rang" no, but "rotas"/"rota" yes."""
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(word[:_STEM] for word in words if len(word) > 3 and word not in _STOP)


def mention_scores(action: str, utterances: Sequence[str], encoder: SentenceEncoder) -> list[float]:
    """How strongly each of ``utterances`` speaks about ``action``."""
    if not utterances:
        return []
    cosines = encoder.similarity(action, list(utterances))
    stems = content_stems(action)
    scores = []
    for cosine, text in zip(cosines, utterances, strict=True):
        shared = len(stems & content_stems(text)) / len(stems) if stems else 0.0
        reporting = REPORT_BONUS if cosine > RELATED_COSINE and _REPORTING.search(text) else 0.0
        scores.append(round(cosine + WORD_BONUS * shared + reporting, 4))
    return scores


def same_person(a: str, b: str) -> bool:
    """Whether two speaker names are the same person: equal, or one is the other's first name ("Sam", "Sam Price")."""
    first_a, first_b = a.casefold().split(), b.casefold().split()
    if not first_a or not first_b:
        return False
    return first_a == first_b or (first_a[0] == first_b[0] and (len(first_a) == 1 or len(first_b) == 1))


def report_back(
    open_actions: Sequence[Mapping[str, Any]], utterances: Sequence[Mapping[str, Any]], encoder: SentenceEncoder
) -> list[dict[str, Any]]:
    """For each earlier action: ``mentioned`` and, when it was, the ``quote`` and its utterance ``index``."""
    results = []
    for action in open_actions:
        theirs = [
            u
            for u in utterances
            if same_person(str(u["speaker"]), str(action["speaker"])) and u.get("label") not in QUESTION_LABELS
        ]
        scores = mention_scores(str(action["text"]), [str(u["text"]) for u in theirs], encoder)
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        mentioned = best is not None and scores[best] >= MENTION_THRESHOLD
        results.append(
            {
                **{key: action[key] for key in ("id", "speaker", "text", "session_id", "date")},
                "mentioned": mentioned,
                "quote": theirs[best]["text"] if mentioned and best is not None else None,
                "index": theirs[best]["index"] if mentioned and best is not None else None,
                "score": scores[best] if best is not None else None,
            }
        )
    return results
