"""Label corrections as training rows in the ``data/annotated`` format, ready to add to the training data."""

from __future__ import annotations

from typing import Any

from coach.sets.store import SetStore


def correction_rows(store: SetStore, owner: str) -> list[dict[str, Any]]:
    """Each of ``owner``'s corrected utterances as a row of ``data/annotated`` (plus ``previous_label`` and when)."""
    return [
        {
            "text": c.utterance["text"],
            "label": c.label,
            "conversation_id": f"correction-{c.session_id}",
            "speaker": c.utterance["speaker"],
            "role": c.utterance["role"],
            "turn": c.utterance["turn"],
            "source": f"correction/{c.set_name}",
            "style": "written",
            "leading": False,
            "previous_label": c.previous_label,
            "corrected_at": c.created_at.isoformat(),
        }
        for c in store.corrections(owner)
    ]
