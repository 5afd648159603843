import pytest

from coach import Coach
from coach.errors import InputError
from tests.classifier.fake import FirstWordClassifier
from tests.fakes import KeywordClassifier

TURNS = [
    ("question after reflection", "That sounds hard. What would help?", "open_question", False),
    ("advice wins over question", "What happened next? Have you thought about HR?", "advice", True),
    ("story then closed", "We tried it in March. Did it work?", "closed_question", False),
    ("statement advice is not leading", "You should ask her.", "advice", False),
    ("backchannel", "Mm-hmm.", "other", False),
    ("blank turn", "   ", "other", False),
]


@pytest.fixture
def coach() -> Coach:
    return Coach(FirstWordClassifier())


@pytest.mark.parametrize(("name", "text", "label", "leading"), TURNS, ids=[t[0] for t in TURNS])
def test_turn_label_follows_precedence(coach: Coach, name: str, text: str, label: str, leading: bool) -> None:
    (prediction,) = coach.classify([text])
    assert (prediction.label, prediction.leading) == (label, leading)
    assert set(prediction.scores) == set(coach.labels)


def test_each_utterance_is_labelled(coach: Coach) -> None:
    (prediction,) = coach.classify(["Okay. We lost two nurses. What would help?"])
    assert [(u.text, u.label) for u in prediction.utterances] == [
        ("Okay.", "other"),
        ("We lost two nurses.", "story"),
        ("What would help?", "open_question"),
    ]


def test_all_texts_are_labelled_in_one_batch() -> None:
    fake = FirstWordClassifier()
    Coach(fake).classify(["What now?", "We did.", "", "Sounds tough. Did you?"])
    assert fake.calls == 1


def test_stream_equals_batch(coach: Coach) -> None:
    texts = [t[1] for t in TURNS] * 5
    assert list(coach.classify_stream(iter(texts), batch_size=4)) == coach.classify(texts)


def test_blank_text_has_no_utterances(coach: Coach) -> None:
    (prediction,) = coach.classify([""])
    assert prediction.utterances == ()
    assert prediction.to_dict()["utterances"] == []


def test_every_sentence_of_a_text_is_read_with_the_texts_context() -> None:
    fake = KeywordClassifier()
    Coach(fake).classify(["Okay. What would help?", "Mm-hmm."], ["We lost two nurses.", ""])
    assert list(zip(fake.seen, fake.contexts, strict=True)) == [
        ("Okay.", "We lost two nurses."),
        ("What would help?", "We lost two nurses."),
        ("Mm-hmm.", ""),
    ]


def test_texts_without_context_are_read_alone() -> None:
    fake = KeywordClassifier()
    Coach(fake).classify(["What would help?"])
    assert fake.contexts == [""]


def test_a_context_per_text_is_required() -> None:
    with pytest.raises(InputError, match="1 contexts for 2 texts; give one context per text"):
        Coach(KeywordClassifier()).classify(["Okay.", "What would help?"], ["We lost two nurses."])


def test_classify_turns_reads_each_turn_after_the_previous_speakers_turn() -> None:
    fake = KeywordClassifier()
    Coach(fake).classify_turns(["Sam", "Ana", "Sam"], ["The rota fell apart.", "What would help?", "Time."])
    assert fake.contexts == ["", "The rota fell apart.", "What would help?"]
