"""The training mixture: our rows, their caption-style copy, our train meetings only when asked, and the corpora."""

from __future__ import annotations

from datasets import Dataset, DatasetDict

from training.mixture import training_rows


def part(texts: list[str], label: str) -> Dataset:
    return Dataset.from_dict({"text": texts, "context": [""] * len(texts), "label": [label] * len(texts)})


PREPARED = DatasetDict(
    {
        "ours_train": part(["What would help?", "You should ring her."], "open_question"),
        "meetings_train": part(["Over to you, Amira.", "Thursday's good for me."], "other"),
        "annomi_train": part(["It sounds like a hard week."], "reflection"),
    }
)


def test_our_train_meetings_join_ours_only_when_asked() -> None:
    without = training_rows(PREPARED, ["annomi"], corpus_weight=0.3)
    with_meetings = training_rows(PREPARED, ["annomi"], corpus_weight=0.3, meetings=True)

    assert "Over to you, Amira." not in without.texts
    assert with_meetings.texts.count("Over to you, Amira.") == 1
    assert "over to you amira" in with_meetings.texts  # the caption-style copy covers the meetings too
    assert len(with_meetings.texts) == len(without.texts) + 4
    assert with_meetings.weights[with_meetings.texts.index("Over to you, Amira.")] == 1.0


def test_a_corpus_gets_a_caption_copy_at_half_its_weight_only_when_asked() -> None:
    without = training_rows(PREPARED, ["annomi"], corpus_weight=0.3, annomi_weight=2.0)
    with_copy = training_rows(PREPARED, ["annomi"], corpus_weight=0.3, annomi_weight=2.0, caption_sources=["annomi"])

    assert "it sounds like a hard week" not in without.texts
    copy = with_copy.texts.index("it sounds like a hard week")
    assert with_copy.weights[copy] == 1.0
    assert with_copy.labels[copy] == "reflection"
    assert len(with_copy.texts) == len(without.texts) + 1


def test_each_row_keeps_its_speakers_role_where_the_source_records_one() -> None:
    """The role-reading ablation (``train_transformer --role-drop``) needs the role of every row, caption copies too."""
    with_roles = DatasetDict(
        {
            "ours_train": part(["What would help?", "I'll ring her."], "story").add_column(
                "role", ["member", "presenter"]
            ),
            "mrda_train": part(["Okay."], "other"),
        }
    )
    rows = training_rows(with_roles, ["mrda"], corpus_weight=0.3)

    assert len(rows.roles) == len(rows.texts)
    assert rows.roles[rows.texts.index("I'll ring her.")] == "presenter"
    assert rows.roles[rows.texts.index("i'll ring her")] == "presenter"
    assert rows.roles[rows.texts.index("Okay.")] == ""
