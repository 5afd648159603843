"""What a closed question or a piece of advice is about, read from its dependency parse.

:func:`analyse` finds the sentence's shape (``kind``), the presenter's situation it is about (``topics``: noun phrases
such as "your manager", "the meeting"), and for advice the asker's own solution (``solution``, "moving the meeting to
Monday", and its lemmas), which a good open question must leave out. It also builds the open questions that the
sentence's own structure gives ("Did you talk to X?" -> "What happened when you talked to X?"). The rephraser
(``coach.feedback.rephrase``) adds questions on each topic and ranks them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from coach.classifier.segment import split_utterances
from coach.feedback.language import PRONOUNS, clean, content_lemmas, inflect, parse_all
from coach.labels import ADVICE

#: Longest solution (in words) worth quoting back in an explanation.
MAX_SOLUTION_WORDS = 10
#: Nouns that name people or groups: topics that take "Where does X stand on this?" rather than "What options...".
PERSON_NOUNS = frozenset((
    "manager", "director", "deputy", "boss", "head", "chair", "team", "staff", "colleague", "nurse", "volunteer",
    "parent", "board", "union", "governor", "trustee", "member", "people", "client", "customer", "student", "pupil",
    "child", "family", "doctor", "consultant", "partner", "ceo", "cfo", "lead", "supervisor", "mentor", "coordinator",
    "officer", "worker", "employee", "councillor", "commissioner", "funder", "donor", "community", "committee", "hr",
    "matron", "sister", "registrar", "gp", "headteacher", "teacher", "principal", "dean", "leader", "tenant",
    "resident", "patient", "carer", "landlord", "chief", "exec", "executive", "founder", "owner", "minister", "elder",
    "sergeant", "inspector", "superintendent", "crew", "senior", "junior", "agency", "cabinet", "council", "youth",
    "mechanic", "educator", "ranger", "mediator", "rep", "representative", "imam", "pastor", "priest", "constable",
    "auditor", "accountant", "lawyer", "solicitor", "coach", "trainer", "facilitator", "assistant", "apprentice",
    "trainee", "graduate", "intern", "temp", "locum", "counsellor", "pharmacist", "technician", "midwife", "surgeon",
    "mentee", "champion", "ambassador", "steward", "caretaker", "cleaner", "driver", "receptionist", "administrator",
    "admin", "secretary", "treasurer", "analyst", "developer", "engineer", "designer", "contractor", "supplier",
    "vendor", "regulator", "inspectorate", "ofsted", "cqc", "friend", "mum", "dad", "husband", "wife", "mother",
    "father", "son", "daughter", "neighbour", "chw", "elders", "someone", "person", "guy", "lady", "woman",
    "man", "colleagues", "peer", "buddy", "hod", "senco", "ta", "lecturer", "handler",
))  # fmt: skip
#: Prepositions whose object is usually the presenter's situation, not the asker's solution ("on the grievance").
_SITUATION_PREPS = frozenset((
    "for", "with", "about", "on", "over", "around", "regarding", "in", "from", "between", "by", "during", "while",
))  # fmt: skip
#: Prepositions that, after a verb with an object, say where or how the asker would put it: part of the solution
#: ("put the gap on the risk register", "split the caseload between you and Jo", "train them as mechanics").
_PLACING_PREPS = frozenset(("on", "onto", "into", "in", "at", "between", "under", "as"))
#: Verbs whose object is something to get, start or consult: a new thing, part of the solution ("getting the chief's
#: blessing", "book the interpreter", "start the capability process", "check the contract").
_ACQUIRING_VERBS = frozenset((
    "get", "obtain", "secure", "seek", "book", "buy", "hire", "arrange", "introduce", "create", "start", "find",
    "recruit", "request", "launch", "check", "consult", "read", "reread", "google", "set",
))  # fmt: skip
#: Head nouns of a length of time ("for six months"): how long is the asker's choice.
_DURATIONS = frozenset(("day", "week", "month", "year", "fortnight", "term", "hour", "minute", "quarter"))
#: Words for a part of something ("some of the reports").
_QUANTITIES = frozenset(("some", "all", "part", "most", "one", "any", "bits", "more", "less", "half", "each"))
#: Subordinators of a clause that describes the situation ("while your mum's ill", "before it goes to court").
_SITUATION_MARKS = frozenset((
    "while", "because", "since", "as", "now", "given", "when", "whilst", "before", "after", "until",
))  # fmt: skip
#: Subordinators that can time the solution by an outside event ("after the market closes").
_TIMING_MARKS = frozenset(("when", "before", "after", "until", "once"))
#: Verbs whose person object is the asker's solution: the one to go to or bring in ("ask your director").
_CONTACT_VERBS = frozenset((
    "ask", "tell", "get", "involve", "bring", "contact", "email", "ring", "call", "phone", "approach", "speak", "talk",
    "go", "take", "escalate", "invite", "use", "hire", "recruit", "pay", "employ", "train", "inform", "consult",
    "report", "refer", "copy", "loop", "brief", "lobby", "petition", "complain",
))  # fmt: skip
#: Verbs whose "to"-infinitive is part of the solution ("ask the elders to mediate"), not its purpose.
_CONTROL_VERBS = frozenset((
    "ask", "get", "tell", "persuade", "encourage", "let", "make", "help", "want", "need", "invite", "train", "allow",
    "force", "expect", "try", "start", "begin", "offer", "agree", "arrange", "decide", "plan",
))  # fmt: skip
#: Nouns too vague to be a topic.
_VAGUE = frozenset((
    "thing", "way", "lot", "bit", "kind", "sort", "idea", "point", "stuff", "one", "time", "moment", "question",
    "answer", "solution", "problem", "issue", "option", "anything", "something", "everything", "nothing", "minute",
    "while", "shoes",
))  # fmt: skip
#: States a parser may read as nouns after "'s" ("while your mum's ill").
_STATES = frozenset(("ill", "sick", "off", "away", "back", "late", "out", "ok", "okay", "fine", "unwell", "gone"))
#: Words for money, people and time a set might ask "is there any...?" about: "What resources can you draw on?".
_RESOURCES = frozenset((
    "budget", "money", "funding", "fund", "support", "help", "staff", "time", "resource", "cash", "capacity", "backing",
    "grant", "cover", "headcount", "room", "space", "slack",
))  # fmt: skip
#: Feelings asked about with "Are you ...?", and the verb that asks what causes them.
_FEELINGS = {
    "worried": "worries", "concerned": "concerns", "anxious": None, "scared": "scares", "afraid": None,
    "frightened": "frightens", "nervous": None, "upset": "upsets", "angry": "angers", "frustrated": "frustrates",
    "annoyed": "annoys", "stressed": "stresses", "happy": None, "ok": None, "okay": None, "comfortable": None,
    "confident": None, "excited": "excites", "disappointed": "disappoints", "hurt": "hurts", "surprised": "surprises",
    "sure": None, "tired": None, "overwhelmed": "overwhelms", "bothered": "bothers",
}  # fmt: skip
_SPEECH_VERBS = frozenset(("talk", "speak", "chat", "meet", "raise", "discuss", "mention", "tell", "ask", "call"))

#: Openings of advice, each ending where the asker's solution starts (the ``x`` group).
_ADVICE_OPENINGS = (
    r"(?:have|had) you (?:ever )?(?:thought|been thinking) (?:about|of) (?P<x>.+)",
    r"(?:have|had) you (?:ever )?(?:considered|tried|explored|looked at|looked into|thought to) (?P<x>.+)",
    r"(?:did|do|would|could) you (?:ever )?(?:think|thought) (?:about|of) (?P<x>.+)",
    r"(?:did|do|would|could|will) you (?:ever )?(?:consider|try|explore|look at|look into) (?P<x>.+)",
    r"do you think (?:you|it) (?:could|might|would|should|can|may) (?:(?:help|be worth|be good|be better) (?:to )?)?"
    r"(?P<x>.+)",
    r"(?:do|don'?t) you (?:not )?think (?:that )?(?P<x>.+ (?:would|could|might|will|may) .+)",
    r"why (?:don'?t|do not|didn'?t|wouldn'?t|won'?t|can'?t) you (?:just )?(?P<x>.+)",
    r"why not (?:just )?(?P<x>.+)",
    r"(?:what|how) about (?P<x>.+)",
    r"what if (?:you )?(?:just )?(?P<x>.+)",
    r"(?:could|can|would|should) you not (?:just )?(?P<x>.+)",
    r"(?:couldn'?t|could not|can'?t|cannot|shouldn'?t|wouldn'?t) you (?:just )?(?P<x>.+)",
    r"(?:could|can) you (?:just|maybe|perhaps|not) (?P<x>.+)",
    r"(?:would|wouldn'?t) it (?:help|be (?:better|easier|simpler|good|worth it|an idea|worth)) (?:to )?(?P<x>.+)",
    r"(?:is|isn'?t) it (?:worth|better|easier) (?:to )?(?P<x>.+)",
    r"(?:is|isn'?t) there (?:any )?(?:mileage|point|value|sense) in (?P<x>.+)",
    r"isn'?t the (?:answer|solution|thing|obvious thing|fix) (?:just )?(?:to )?(?P<x>.+)",
    r"isn'?t it (?:about )?time (?:to |you )?(?P<x>.+)",
    r"(?:one|another|an|the other) option (?:would be|is|might be|could be) (?:to )?(?P<x>.+)",
    r"(?:should|shouldn'?t|couldn'?t|wouldn'?t) (?P<x>(?:the|your|someone|somebody) .+)",
    r"if i were you,? (?:i'?d|i would|i'?ll) (?P<x>.+)",
    r"(?:i'?d|i would|i) (?:suggest|recommend|advise) (?:that )?(?:you )?(?P<x>.+)",
    r"(?:my advice|my suggestion|the answer|the solution|the trick) (?:would be|is) (?:to )?(?P<x>.+)",
    r"(?:it might be|it'?s|it would be|it could be|might be) worth (?P<x>.+)",
    r"(?:i think |i reckon |i feel |maybe |perhaps |honestly,? )?you (?:really |probably |just |definitely )?"
    r"(?:should|could|need to|ought to|must|might want to|may want to|have to|want to|might|could always) (?P<x>.+)",
    r"(?:personally,? )?(?:i'?d|i would) (?:just )?(?P<x>.+)",
    r"(?:maybe |perhaps )?(?:just )?try (?P<x>.+)",
    r"(?:maybe |perhaps )(?:just )?(?P<x>.+)",
)
#: Lead-ins before a piece of advice ("Honestly, just...", "If it were me, I'd...").
_LEAD_IN = (
    r"(?:.{0,80}?,? but\s+)?(?:(?:so|like|well|um|uh|er|erm|yeah|okay|ok|and|i mean)[,;]?\s+)*"
    r"(?:(?:honestly|personally|to be honest|frankly|for what it'?s worth|in your shoes|"
    r"if (?:it were|it was|i were|i was) (?:me|you|in your shoes))[,;]?\s+)?"
)
_DIAGNOSIS = re.compile(
    r"\b(?:(?:the|your) (?:real |actual |underlying |main |whole )?(?:problem|issue) (?:is|was|here is)|"
    r"(?:is|isn'?t|wasn'?t) (?:the|your) (?:real |actual |underlying |main |whole )?(?:problem|issue))\b(?: just)?"
    r"(?: that)?\s*(?P<x>.*)",
    re.IGNORECASE,
)
_SUBJECTS = frozenset(("you", "we", "they", "he", "she", "i"))
_MODALS = frozenset(("could", "can", "would", "should", "might", "will", "may"))
_QUESTION_AUX = frozenset((
    "do", "does", "did", "have", "has", "had", "is", "are", "was", "were", "am", "can", "could", "will", "would",
    "should", "shall", "may", "might", "must",
))  # fmt: skip


@dataclass(frozen=True)
class Topic:
    """A noun phrase of the presenter's situation: its ``text`` ("your manager"), head ``lemma`` and ``person``."""

    text: str
    lemma: str
    person: bool
    plural: bool


@dataclass(frozen=True)
class Analysis:
    """What a closed question or piece of advice is about; see the module docstring."""

    kind: str
    sentence: str
    topics: tuple[Topic, ...]
    solution: str | None
    solution_lemmas: frozenset[str]
    situation_lemmas: frozenset[str]
    transforms: tuple[str, ...]
    goal: str | None = None


def analyse(text: str, label: str) -> Analysis:
    """The analysis of ``text`` as advice (``label`` ``advice``) or as a closed question (any other label).

    The sentence that decides is the last one with a recognised shape (advice and questions tend to close a turn:
    "That sounds hard. Have you tried X?"); the other sentences still give topics.
    """
    sentences = [clean(s) for s in reversed(split_utterances(text))]
    sentences = [s for s in sentences if s] or [clean(text)]
    docs = parse_all(sentences)
    read = _read_advice if label == ADVICE else _read_closed
    analyses = [read(doc) for doc in docs]
    fallback = "general" if label == ADVICE else "check"
    chosen = next((a for a in analyses if a.kind != fallback), analyses[0])
    extra = [topic for doc in docs for topic in topics_of(doc) if topic.lemma not in chosen.solution_lemmas]
    topics = _unique([*chosen.topics, *extra])
    situation = chosen.situation_lemmas | frozenset(t.lemma for t in topics)
    return Analysis(
        chosen.kind,
        chosen.sentence,
        topics,
        chosen.solution,
        chosen.solution_lemmas,
        situation,
        chosen.transforms,
        chosen.goal,
    )


def suggested_solution(text: str, analysis: Analysis | None = None) -> str | None:
    """The solution a piece of advice carries, as a short phrase ("moving the meeting to Monday"), or ``None`` when
    none is found or it is too long to quote. ``analysis``: ``text`` already analysed as advice, to parse it once."""
    analysis = analysis or analyse(text, ADVICE)
    if analysis.solution is None or len(analysis.solution.split()) > MAX_SOLUTION_WORDS:
        return None
    return analysis.solution


def topics_of(tokens: Doc | Span) -> list[Topic]:
    """The noun phrases of ``tokens`` that can stand as a topic, in order."""
    found = []
    for chunk in tokens.noun_chunks:
        topic = as_topic(chunk)
        if topic is not None:
            found.append(topic)
    return found


def as_topic(chunk: Span) -> Topic | None:
    """``chunk`` as a topic, with a definite determiner ("a budget" -> "the budget"); ``None`` for pronouns and vague
    or first-person phrases ("something", "my team")."""
    head = chunk.root
    lemma = head.lemma_.lower()
    if head.lower_ in PRONOUNS or lemma in _VAGUE or head.pos_ not in {"NOUN", "PROPN"} or not head.is_alpha:
        return None
    if head.i > 0 and head.doc[head.i - 1].lower_ == "'s" and lemma in _STATES:
        return None  # "your mum's ill": "'s" is "is" here, not a possessive
    words = [t for t in chunk if not (t.tag_ in {"WDT", "WP", "WRB"} or t.lower_ in {"how", "many", "much"})]
    if any(t.lower_ in {"my", "our", "mine", "i", "we"} for t in words):
        return None
    while words and words[0].lower_ in {"a", "an", "any", "some", "another", "more", "less", "enough", "no"}:
        words = words[1:]
    if not words:
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    if words[0].tag_ not in {"DT", "PRP$", "NNP", "NNPS", "CD", "POS"} and words[0].lower_ not in {"the", "your"}:
        text = f"the {text}"
    if head.tag_ not in {"NNP", "NNPS"} and text[:1].isupper():
        text = text[:1].lower() + text[1:]
    person = lemma in PERSON_NOUNS or head.tag_ in {"NNP", "NNPS"}
    return Topic(text, lemma, person, head.tag_ in {"NNS", "NNPS"})


def _read_advice(doc: Doc) -> Analysis:
    sentence = doc.text
    diagnosis = _DIAGNOSIS.search(sentence)
    if diagnosis:
        clause = _span_from(doc, diagnosis.start("x"))
        topics = tuple(topics_of(clause)) if clause is not None else ()
        transforms = tuple(f"What do you think is really going on with {t.text}?" for t in topics[:2])
        return Analysis("diagnosis", sentence, topics, None, frozenset(), frozenset(), transforms)
    for opening in _ADVICE_OPENINGS:
        match = re.fullmatch(_LEAD_IN + opening, sentence, re.IGNORECASE)
        if match is None:
            continue
        span = _span_from(doc, match.start("x"))
        if span is None:
            continue
        solution = _solution(span)
        if solution is not None:
            return solution
    root = doc[:].root
    if root.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children):
        imperative = _solution(doc[root.i :])  # "Honestly, just delegate the budget monitoring to Sipho."
        if imperative is not None:
            return imperative
    return Analysis("general", sentence, tuple(topics_of(doc)), None, frozenset(), content_lemmas(doc), ())


def _solution(span: Span) -> Analysis | None:
    """The solution that starts ``span``, without the presenter's situation inside it: a purpose clause ("to clear the
    backlog", kept as the ``goal``), a clause about the situation ("while your mum's ill"), and the definite things it
    acts on ("moving the meeting", "on the grievance"). People brought in ("the union", "a mediator") stay solution."""
    head = _head(span)
    if head is None or head.lower_ in PRONOUNS:
        return None
    goal_clause = next((t for t in head.subtree if t != head and _is_goal(t, head)), None)
    goal_tokens = list(goal_clause.subtree) if goal_clause is not None else []
    kept: list[Token] = list(goal_tokens)
    topics: list[Topic] = []
    for token in span:
        if token in kept:
            continue
        if token.dep_ == "advcl" and _about_situation(token):
            clause = list(token.subtree)
            kept.extend(clause)
            topics.extend(topics_of(span.doc[clause[0].i : clause[-1].i + 1]))
            continue
        chunk = _chunk_of(token) if _situational(token) else None
        generic_plural = (  # "for new prisoners"
            token.dep_ == "pobj"
            and token.tag_ == "NNS"
            and token.lemma_.lower() in PERSON_NOUNS
            and chunk is not None
            and chunk[0].pos_ != "DET"
        )
        topic = as_topic(chunk) if chunk is not None and (_definite(chunk) or generic_plural) else None
        if topic is None or chunk is None:
            continue
        if not (topic.person and _brought_in(token)):
            topics.append(topic)
            kept.extend(chunk)
    solution_tokens = [t for t in span if t not in kept]
    solution_lemmas = content_lemmas(solution_tokens)
    if not solution_lemmas:
        return None
    goal = _goal_text(goal_tokens)
    transforms: list[str] = []
    if goal is not None:
        topics.extend(topics_of(span.doc[goal_tokens[0].i : goal_tokens[-1].i + 1]))
        transforms = [f"What could help you {goal}?", f"What options do you see to {goal}?"]
    phrase = span.text
    if head.i == span.start and head.tag_ in {"VB", "VBP"}:  # "escalate it" -> "escalating it", as a noun phrase
        phrase = inflect(head.lemma_.lower(), "VBG") + span.doc[head.i : span.end].text[len(head.text) :]
    return Analysis(
        "suggestion",
        span.doc.text,
        _unique(topics),
        phrase,
        solution_lemmas,
        content_lemmas(kept),
        tuple(transforms),
        goal,
    )


def _acquiring(verb: Token) -> bool:
    """Whether ``verb`` gets, starts or consults something new (:data:`_ACQUIRING_VERBS`), rather than moving what the
    presenter has somewhere ("get the sickness pattern into his appraisal")."""
    objects = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # a parser may hang "into" on either
    moving = any(c.dep_ == "prep" and c.lower_ in {"into", "onto"} for word in objects for c in word.children)
    return verb.lemma_.lower() in _ACQUIRING_VERBS and not moving


def _about_situation(clause: Token) -> bool:
    """Whether an adverbial clause describes the presenter's situation ("while your mum's ill", "before you go into
    the villages"), rather than timing the solution by something else ("after the market closes")."""
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    if mark not in _SITUATION_MARKS:
        return False
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if mark == "as":  # "as you're new" is the situation; "as pump mechanics" is what the asker would make them
        return subject is not None
    return mark not in _TIMING_MARKS or subject is None or subject.lower_ in PRONOUNS


def _brought_in(token: Token) -> bool:
    """Whether a person in a piece of advice is part of the solution: the one to go to or bring in (the object of
    "ask", "get", "involve"..., the subject of what they are got to do, someone to work "with" or take something
    "from"), rather than people the advice acts on ("split the team") or is for ("for the call handlers")."""
    if token.dep_ in {"dobj", "dative"}:
        return token.head.lemma_.lower() in _CONTACT_VERBS
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return token.head.head.lemma_.lower() in _CONTACT_VERBS
    return token.dep_ == "pobj" and token.head.lower_ in {"with", "from", "in"}


def _situational(token: Token) -> bool:
    """Whether ``token`` heads a phrase that could be the presenter's situation inside a solution: what a verb acts on,
    the subject of a reported clause ("telling your director the workload isn't sustainable"), or the object of a
    preposition such as "for" or "on"; never the object of "to" (where to go, "to Monday")."""
    if token.dep_ in {"dobj", "attr", "dative"}:
        return token.head.pos_ in {"VERB", "AUX"} and not _acquiring(token.head)
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return token.head.dep_ in {"ccomp", "xcomp", "ocomp"}
    if token.dep_ == "pobj" and token.head.lower_ == "of":  # "delegating some of the reports"
        quantity = token.head.head
        return quantity.lower_ in _QUANTITIES and quantity.dep_ in {"dobj", "pobj"}
    if token.dep_ != "pobj" or token.lemma_.lower() in _DURATIONS:
        return False
    preposition, attached_to = token.head, token.head.head
    verb = attached_to.head if attached_to.dep_ == "dobj" else attached_to
    placing = (
        preposition.lower_ in _PLACING_PREPS
        and not _acquiring(verb)  # "get a flag on the checkout change": what it goes on is the situation
        and (
            any(c.dep_ == "dobj" for c in attached_to.children)
            or (attached_to.dep_ == "dobj" and preposition.lower_ in {"on", "onto", "into"})  # parsed onto the object
        )
    )
    return preposition.lower_ in _SITUATION_PREPS and not placing


def _definite(chunk: Span) -> bool:
    """A noun phrase the presenter already has ("the meeting", "your deputy", "Karen"), not a new thing ("a temp")."""
    first = chunk[0]
    return first.lower_ in {"the", "your", "this", "that", "these", "those"} or chunk.root.tag_ in {"NNP", "NNPS"}


def _read_closed(doc: Doc) -> Analysis:
    sentence = doc.text
    topics = tuple(topics_of(doc))
    situation = content_lemmas(doc)
    for kind, transforms in _closed_transforms(doc, topics):
        return Analysis(kind, sentence, topics, None, frozenset(), situation, tuple(transforms))
    lowered = sentence.lower()
    if re.search(r"\bor\b(?! not\b)", lowered):
        kind = "choice"
    elif re.match(
        r"(?:how (?:many|much|long|often|old|far|big)|when|where|which|who|whose|what time|what day)\b", lowered
    ):
        kind = "fact"
    else:
        kind = "check"
    return Analysis(kind, sentence, topics, None, frozenset(), situation, ())


def _closed_transforms(doc: Doc, topics: tuple[Topic, ...]) -> Iterator[tuple[str, list[str]]]:
    """The shape of a closed question and the open questions its structure gives; nothing for an unknown shape."""
    tokens = [t for t in doc if not t.is_punct]
    if not tokens:
        return
    first, lowered = tokens[0], doc.text.lower()
    root = doc[:].root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    counted = re.match(r"how (?:many|much) (?P<noun>\w+) (?P<rest>.+)", lowered)
    if counted and root.pos_ == "VERB":
        noun = counted.group("noun")
        relative = "who" if noun.rstrip("s") in PERSON_NOUNS or noun == "people" else "that"
        yield "count", [f"What can you tell us about the {noun} {relative} {counted.group('rest')}?"]
        return
    if first.lower_ not in _QUESTION_AUX:
        return
    aux = first.lower_
    if subject is not None and subject.lower_ == "there":
        yield "existential", list(_existential(doc, root))
        return
    negated = len(doc) > first.i + 1 and doc[first.i + 1].dep_ == "neg"
    if subject is None or subject.left_edge.i != first.i + 1 + negated:
        return
    rest = doc[subject.i + 1 :].text
    if subject.lower_ == "you":
        yield from _about_you(doc, aux, root, rest, topics)
        return
    chunk = _chunk_of(subject)
    topic = as_topic(chunk) if chunk is not None else None
    if topic is not None and root.pos_ == "VERB":
        does, stands = ("do", "stand") if topic.plural else ("does", "stands")
        yield (
            "someone",
            [f"How {does} {topic.text} see it?", f"What do you know about where {topic.text} {stands} on this?"],
        )
    elif topic is not None and root.pos_ in {"AUX", "VERB"} and aux in {"is", "are", "was", "were"}:
        yield "state", [f"What do you know about {topic.text} so far?", f"How do you see {topic.text}?"]


def _about_you(
    doc: Doc, aux: str, root: Token, rest: str, topics: tuple[Topic, ...]
) -> Iterator[tuple[str, list[str]]]:
    feeling = next(
        (t for t in doc if (t.lower_ in _FEELINGS and t.head == root) or (t == root and t.lower_ in _FEELINGS)), None
    )
    if aux in {"are", "were", "am"} and feeling is not None:
        about = next((c for c in feeling.children if c.dep_ == "prep"), None)
        what = doc[about.i + 1 :].text if about is not None and about.i + 1 < len(doc) else "it"
        questions = [f"How do you feel about {what}?"]
        verb = _FEELINGS[feeling.lower_]
        if verb is not None:
            questions.append(f"What {verb} you most about {what}?")
        yield "feeling", questions
        return
    if root.pos_ != "VERB":
        return
    lemma = root.lemma_.lower()
    after = doc[root.i + 1 :].text
    if aux in {"did", "didn't"}:
        questions = [f"What happened when you {inflect(lemma, 'VBD')} {after}".rstrip() + "?"]
        partner = _speech_partner(root) if lemma in _SPEECH_VERBS else None
        if partner is not None:
            questions.append(f"How did the conversation with {partner} go?")
        yield "done", questions
    elif aux in {"have", "has", "haven't"}:
        yield "done", [f"How have things gone with {t.text} so far?" for t in topics[:2]]
    elif aux in {"can", "could", "will", "would"} or (
        lemma in {"want", "plan", "intend", "hope", "mean", "need"} and any(c.dep_ == "xcomp" for c in root.children)
    ):
        action = (
            _infinitive(root)
            if lemma in {"want", "plan", "intend", "hope", "mean", "need"}
            else f"{lemma} {after}".strip()
        )
        yield "possible", [f"What would it take to {action}?", f"How do you feel about {_gerund_phrase(action)}?"]
    elif aux in {"do", "does"}:
        if lemma in {"think", "reckon", "believe", "feel", "know"}:
            clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
            inner = topics_of(doc[clause.left_edge.i : clause.right_edge.i + 1]) if clause is not None else []
            yield "opinion", [f"How do you see {t.text}?" for t in inner[:2]] or ["What do you make of it?"]
        else:
            objects = [t for t in topics if t.text in after]
            yield "stance", [f"How do you feel about {t.text}?" for t in objects[:2]]
    elif aux in {"are", "is"} and root.tag_ == "VBG":
        yield "possible", [f"What would it take to {root.lemma_} {after}".rstrip() + "?"]


def _existential(doc: Doc, root: Token) -> Iterator[str]:
    """Open questions for "Is there ...?": "anything you could do" -> "What could you do", "a budget" -> resources."""
    attr = next((c for c in root.children if c.dep_ in {"attr", "nsubj", "dobj"} and c.lower_ != "there"), None)
    if attr is None:
        return
    clause = next((c for c in attr.children if c.dep_ in {"relcl", "acl"}), None)
    if attr.lower_ in {"anything", "anyone", "anybody", "something", "someone"} and clause is not None:
        wh = "Who" if attr.lower_ in {"anyone", "anybody", "someone"} else "What"
        if any(child.lower_ == "else" for child in attr.children):
            wh += " else"
        yield f"{wh} {_clause_to_end(doc, clause)}?"
        return
    if attr.lower_ == "way" and clause is not None:
        yield f"How {_clause_to_end(doc, clause)}?"
        return
    chunk = _chunk_of(attr)
    topic = as_topic(chunk) if chunk is not None else None
    tail = doc[attr.i + 1 :].text
    if topic is None:
        return
    if topic.lemma in _RESOURCES:
        yield f"What resources can you draw on {tail}".rstrip() + "?"
    yield f"What do you know about {topic.text} {tail}".rstrip() + "?"


def _clause_to_end(doc: Doc, clause: Token) -> str:
    """A relative clause and what follows it, without its relative pronoun ("that you could do to shorten...")."""
    start = clause.left_edge.i
    while doc[start].lower_ in {"that", "which", "who", "else"}:
        start += 1
    words = [t.text for t in doc[start:]]
    if len(words) > 2 and words[0].lower() in _SUBJECTS and words[1].lower() in _MODALS:
        words[0], words[1] = words[1], words[0].lower() if words[0] != "I" else "I"
    return " ".join(words)


def _speech_partner(verb: Token) -> str | None:
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "with"}):
        for obj in prep.children:
            chunk = _chunk_of(obj)
            if chunk is not None:
                return chunk.text if obj.lower_ not in {"it", "that", "this"} else None
    direct = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
    chunk = _chunk_of(direct) if direct is not None else None
    return chunk.text if chunk is not None and chunk.root.pos_ in {"PROPN", "NOUN"} else None


def _infinitive(verb: Token) -> str:
    complement = next(c for c in verb.children if c.dep_ == "xcomp")
    return verb.doc[complement.i : complement.right_edge.i + 1].text


def _gerund_phrase(action: str) -> str:
    verb, _, rest = action.partition(" ")
    return f"{inflect(verb.lower(), 'VBG')} {rest}".strip()


def _head(span: Span) -> Token | None:
    """The token of ``span`` whose head lies outside it: the head of the solution phrase."""
    inside = set(range(span.start, span.end))
    for token in span:
        if token.head.i not in inside or token.head == token:
            return token if not token.is_punct else None
    return None


def _is_goal(token: Token, head: Token) -> bool:
    """A purpose clause ("to cover the backlog", "so that you can focus...") inside the solution, after its head."""
    if token.dep_ not in {"advcl", "xcomp", "relcl", "acl"} or token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _CONTROL_VERBS:
        return False
    opener = token.doc[token.left_edge.i]
    return opener.lower_ in {"to", "so", "in"} and token.left_edge.i > head.i + 1


def _goal_text(tokens: list[Token]) -> str | None:
    """The purpose clause from its verb on ("so that you can focus on the bids" -> "focus on the bids")."""
    start = next((i for i, t in enumerate(tokens) if t.tag_ == "VB"), None)
    if start is None or len(tokens) - start < 2:
        return None
    return " ".join(t.text for t in tokens[start:])


def _chunk_of(token: Token) -> Span | None:
    for chunk in token.doc.noun_chunks:
        if chunk.root == token:
            return chunk
    return None


def _span_from(doc: Doc, char: int) -> Span | None:
    span = doc.char_span(char, len(doc.text), alignment_mode="expand")
    return span if span is not None and len(span) else None


def _unique(topics: list[Topic]) -> tuple[Topic, ...]:
    seen: set[str] = set()
    kept = []
    for topic in topics:
        if topic.lemma not in seen:
            seen.add(topic.lemma)
            kept.append(topic)
    return tuple(kept)
