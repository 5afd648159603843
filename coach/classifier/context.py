"""Conversation context for the classifier: the previous turn of another speaker, trimmed to its last words.

The model reads an utterance together with what was said just before it by someone else (a sentence pair: the
utterance first, the context second), so that "I'll ring her tomorrow" after "What will you do?" reads as a
commitment and "And she may have a point" after the presenter's account reads as a reflection. Training
(``training.data``) and serving find and trim the context the same way, here.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The end of the previous turn is what the utterance answers; the rest costs time and adds little.
MAX_CONTEXT_WORDS = 32


def trim_context(text: str | None) -> str:
    """The last :data:`MAX_CONTEXT_WORDS` words of ``text``, whitespace normalised; ``""`` for none."""
    if not text:
        return ""
    words = text.split()
    return " ".join(words[-MAX_CONTEXT_WORDS:])


def previous_turn_contexts(speakers: Sequence[str], texts: Sequence[str]) -> list[str]:
    """For each turn, the text of the nearest earlier turn by another speaker (``""`` for the first speaker's turns).

    Consecutive turns of one speaker share the same context: what the other person said before them.
    """
    contexts: list[str] = []
    last_other: dict[str, str] = {}
    previous_speaker: str | None = None
    previous_text = ""
    for speaker, text in zip(speakers, texts, strict=True):
        if previous_speaker is not None and speaker != previous_speaker:
            last_other[speaker] = previous_text
        contexts.append(trim_context(last_other.get(speaker, "")))
        previous_text = trim_context(f"{previous_text} {text}") if speaker == previous_speaker else text
        previous_speaker = speaker
    return contexts
