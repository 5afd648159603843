"""The benchmark's grammar rules: mechanical checks a rephrasing must pass, independent of the rephraser's own code.

Each rule names a mistake seen in earlier rephrasers ("What would quiting give you?", "Who who could help?", "What you
could do?"). A rephrasing that breaks any rule counts as ungrammatical. The rules are deliberately narrow: they catch
these mistakes, not every awkward sentence, so the figure is a floor on problems, not a proof of fluency.
"""

from __future__ import annotations

import itertools
import re

from lemminflect import getAllInflections, getAllLemmas
from spacy.language import Language
from spacy.tokens import Token

_OPENERS = ("What", "How", "Who", "Where", "Which", "When", "Why")
_BAD_ENDINGS = frozenset(("the", "a", "an", "your", "my", "and", "or", "but", "to", "of", "that", "with"))
_FILLERS = re.compile(r"\b(?:um+|uh+|erm+|er)\b", re.IGNORECASE)
_UNINVERTED = re.compile(
    r"^(?:What|How|Who|Where|Which|When|Why)(?: else)? (?:you|we|they|he|she|i) "
    r"(?:could|can|would|should|will|might|may|do|did|have|has|are|is|was|were)\b",
    re.IGNORECASE,
)
_SINGULAR_VERBS = frozenset(("does", "is", "has", "was"))
_PLURAL_VERBS = frozenset(("do", "are", "have", "were"))
_AN_EXCEPTIONS = re.compile(r"^(?:u[bcdfgjklmnprstvz][aeiou]|eu|one|once|hour|honest|heir)", re.IGNORECASE)


def problems(text: str, nlp: Language) -> list[str]:
    """The rules ``text`` breaks, in words; empty when it passes."""
    found = []
    words = re.findall(r"[A-Za-z']+", text)
    if not text.startswith(_OPENERS):
        found.append("does not open with a question word")
    if not text.endswith("?") or text.count("?") != 1:
        found.append("does not end with exactly one question mark")
    if re.search(r"\s[?,.]|\s{2,}", text):
        found.append("stray spaces")
    if _FILLERS.search(text):
        found.append("keeps a caption filler")
    if words and words[-1].lower() in _BAD_ENDINGS:
        found.append(f"ends on '{words[-1]}'")
    for first, second in itertools.pairwise(words):
        if first.lower() == second.lower():
            found.append(f"repeats '{first}'")
        if (first.lower() == "a" and second[:1].lower() in "aeio") or (
            first.lower() == "an" and (second[:1].lower() not in "aeiouh" or _AN_EXCEPTIONS.match(second))
        ):
            found.append(f"'{first} {second}'")
    if _UNINVERTED.match(text):
        found.append("subject and verb not inverted after the question word")
    doc = nlp(text)
    for token in doc:
        lower = token.lower_
        if lower.endswith(("ing", "ed")) and token.pos_ == "VERB" and not _known_form(lower):
            found.append(f"'{token.text}' is not an English verb form")
        if lower in _SINGULAR_VERBS | _PLURAL_VERBS:
            subject = _subject_after(token)
            if subject is not None and lower in _SINGULAR_VERBS and subject.tag_ == "NNS":
                found.append(f"'{token.text}' with the plural '{subject.text}'")
            if subject is not None and lower in _PLURAL_VERBS and subject.tag_ == "NN" and lower != "do":
                found.append(f"'{token.text}' with the singular '{subject.text}'")
    return found


def _known_form(word: str) -> bool:
    """Whether ``word`` is an inflection lemminflect knows for one of its verb lemmas."""
    for lemmas in getAllLemmas(word, upos="VERB").values():
        for lemma in lemmas:
            if any(word in forms for forms in getAllInflections(lemma, upos="VERB").values()):
                return True
    return False


def _subject_after(verb: Token) -> Token | None:
    """The noun heading the phrase just after an auxiliary ("does the team" -> team), if one follows."""
    for token in verb.doc[verb.i + 1 : verb.i + 5]:
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token if token.dep_ in {"nsubj", "nsubjpass"} else None
        if token.pos_ not in {"DET", "ADJ", "PRON"} and token.tag_ != "PRP$":
            return None
    return None
