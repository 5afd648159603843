import pytest

from training.data import guideline_label


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
