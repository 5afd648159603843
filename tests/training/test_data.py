import pytest

from coach.classifier.segment import split_sentences
from training.data import guideline_label, without_inner_punctuation


@pytest.mark.parametrize(
    ("text", "label", "settled"),
    [
        ("how many of you have done the course", "open_question", ("closed_question", True)),
        ("Do you mind if we go back to the budget?", "closed_question", ("other", True)),
        ("what would make the difference for them", "open_question", ("open_question", False)),
        ("How many of you have done the course?", "closed_question", ("closed_question", False)),
        ("Do you mind if we go back to the budget?", "advice", ("advice", False)),
        ("have you tried writing it down", "closed_question", ("advice", True)),
    ],
    ids=[
        "one-fact qw made closed",
        "asking leave made other",
        "open kept",
        "closed kept",
        "another label kept",
        "a suggestion made advice",
    ],
)
def test_a_corpus_label_follows_the_guideline_where_the_form_settles_it(
    text: str, label: str, settled: tuple[str, bool]
) -> None:
    assert guideline_label(text, label) == settled


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (
            "Seun, you said on WhatsApp you wanted some time – still up for it?",
            "Seun you said on WhatsApp you wanted some time still up for it?",
        ),
        ('Mm-hmm, one step... just sign "now".', "Mm-hmm one step... just sign now."),
        ("Bisi, what will you take away? Okay.", "Bisi what will you take away? Okay."),
        ("It's a follow-up - nothing (yet): fine!", "It's a follow-up nothing yet fine!"),
    ],
    ids=["comma and dash", "ellipsis and quotes", "sentence ends kept", "hyphens and apostrophes kept"],
)
def test_inner_punctuation_goes_and_sentence_ends_stay(text: str, plain: str) -> None:
    """The punctuation noise of ``train_transformer --punctuation-drop``: a sentence reads as a transcriber who
    punctuates less would write it, and splits into the same sentences."""
    assert without_inner_punctuation(text) == plain
    assert len(split_sentences(plain)) == len(split_sentences(text))
