"""What the words around a clause say of it: the noun whose content it is, who owns a
statement or report, and hearsay nobody owns (:mod:`.modality` reads these).

- a noun of evidence, hope, fear or plan whose content the clause is: "amid
  indications that S", "the possibility of S", "time for X to do Y";
- a report nobody owns: "reports said that S", "according to documents" (a
  report in the plural, or one "according to" cites, without an owner);
- the owner of a noun: "Azerbaijan's statement", "a claim by Baku", "the
  Azerbaijani statement", "a report in Ars Technica", "documents collected by X";
- the word a clause is the content of: a verb that hopes or demands it, an
  adjective of likelihood on a copula, the noun subject of a copula ("the aim was
  to X"); "have to", "be going to" and a passive, without or with an auxiliary;
- small shared tests of a clause: its lemma, infinitive, own subject and
  subordinators.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgraph.ontology import ModalityCues

__all__ = [
    "INFINITIVE_CONTENT_DEPS",
    "clause_cue",
    "content_subject",
    "going_to",
    "is_infinitive",
    "lemma",
    "marks",
    "noun_content",
    "noun_owner",
    "obligation",
    "own_subject",
    "passive",
    "unowned_according",
    "unowned_reporter",
    "verb_cue",
]

#: How a content clause hangs on its noun ("indications that S").
_CONTENT_DEPS = frozenset({"acl", "ccomp"})
#: How else a noun's infinitive content hangs on it (besides an acl) in the parser's trees.
INFINITIVE_CONTENT_DEPS = frozenset({"relcl", "advcl"})
#: Prepositions that open a noun's content ("the possibility of S"; "concerns about the
#: practices being followed" are about things that are).
_CONTENT_PREPS = frozenset({"of"})
#: Prepositions that name the owner of a noun ("a claim by Baku").
_AGENT_PREPS = frozenset({"by", "from"})
#: Entity labels of an adjective naming a noun's owner ("the Azerbaijani statement").
_ACTOR_ADJ = frozenset({"NORP", "GPE", "ORG"})
#: Entity labels of a name after "in" that is no publication ("a report in March").
_NOT_PUBLISHERS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "NORP"})
#: Regular verb endings and what a lemma ends with instead (as the rule lemmatizer's table
#: has them): a cue verb is found when the parser's lemma is wrong ("hoping" -> "hop").
_VERB_ENDINGS = (("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""))
#: Verbs an adjective of likelihood or confidence is said with ("is confident he will").
_COPULAS = frozenset({"be", "feel", "remain", "become"})
#: Adjectives of the speaker's certainty: what they are sure of is said, not hedged.
_COMMITTED = frozenset({"certain", "sure"})


def lemma(token: Token) -> str:
    """The token's lowercase lemma (its lowercase text when the parser gave none)."""
    return token.lemma_.lower() or token.lower_


def noun_content(clause: Token, cues: ModalityCues) -> str | None:
    """The noun whose content ``clause`` is, when it hedges it: "indications that S", "the
    possibility of S", "reports that S" (a report nobody owns), "routes resulting from X"
    after "the possibility of"."""
    noun = clause.head
    if clause.dep_ == "prep" and clause.lower_ in _CONTENT_PREPS:
        return _hedging_noun(noun, cues)
    # "time for X to do Y", "the need for X to do Y": the parser makes them relcl or advcl
    relative_infinitive = clause.dep_ in INFINITIVE_CONTENT_DEPS and is_infinitive(clause)
    if (clause.dep_ not in _CONTENT_DEPS and not relative_infinitive) or noun.pos_ != "NOUN":
        return None
    if is_infinitive(clause) or own_subject(clause) or "that" in marks(clause):
        return _hedging_noun(noun, cues)
    prep = noun.head  # a participle on the content of "the possibility of routes resulting"
    if clause.dep_ == "acl" and noun.dep_ == "pobj" and prep.lower_ in _CONTENT_PREPS:
        return _hedging_noun(prep.head, cues)
    return None


def _hedging_noun(noun: Token, cues: ModalityCues) -> str | None:
    if noun.pos_ != "NOUN":
        return None
    word = lemma(noun)
    if word in cues.noun or (word in cues.passive and noun_owner(noun) is None):
        return word
    return None


def unowned_reporter(clause: Token, cues: ModalityCues) -> str | None:
    """ "reports said that S", "claims suggest S": reports nobody owns report the clause (one
    report is a document that speaks: "a new report has revealed S")."""
    if clause.dep_ not in {"ccomp", "parataxis"} or clause.head == clause:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ != "NNS" or lemma(subject) not in cues.passive:
        return None
    if noun_owner(subject) is not None or _according(clause.sent):
        return None  # "Baku's reports", "reports say S, according to state media"
    return lemma(subject)


def unowned_according(clause: Token, cues: ModalityCues) -> str | None:
    """ "according to documents" (or reports) nobody owns: hearsay without a source."""
    according = (c for c in clause.children if c.lower_ == "according")
    nouns = (t for a in according for t in a.subtree if t.dep_ == "pobj")
    noun = next(nouns, None)
    return _hedging_noun(noun, cues) if noun is not None else None


def _according(sentence: Span) -> bool:
    """The sentence names its source with "according to": the reports are that source's."""
    return any(
        t.lower_ == "according" and t.i + 1 < sentence.end and t.nbor().lower_ == "to"
        for t in sentence
    )


def noun_owner(noun: Token) -> Token | None:
    """Whose a noun (a statement, a report) is: "Azerbaijan's statement", "a claim by Baku",
    "the Azerbaijani statement", "a report in Ars Technica"; None when the sentence names no one."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    participles = (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")
    agents = (a for p in participles for a in p.children if a.dep_ == "agent")
    owner = next((t for a in agents for t in a.children if t.dep_ == "pobj"), None)
    if owner is not None:  # "documents collected by the National Security Archive"
        return owner
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.lower_ in _AGENT_PREPS or (prep.lower_ == "in" and _publication(pobj)):
            return pobj
    return next((c for c in noun.lefts if c.dep_ == "amod" and c.ent_type_ in _ACTOR_ADJ), None)


def _publication(token: Token | None) -> bool:
    """A name that publishes: "a report in Ars Technica", not "a statement in March" or "a
    report in Britain"."""
    if token is None or token.ent_type_ in _NOT_PUBLISHERS:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in {"ORG", "WORK_OF_ART"}


def is_infinitive(clause: Token) -> bool:
    """Whether the clause is a to-infinitive."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def marks(clause: Token) -> list[str]:
    """The clause's subordinators; one the parser hung on its subject ("if lightning has
    sparked") counts; a bare "so" is a purpose only with "that" or a modal ("so they can")."""
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    marks = [c for t in (clause, *subjects) for c in t.children if c.dep_ == "mark"]
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    return [m.lower_ for m in marks if m.lower_ != "so" or modal or _next_is(m, "that")]


def _next_is(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == word


def own_subject(clause: Token) -> bool:
    """Whether the clause has a subject of its own."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children)


def verb_cue(verb: Token, words: frozenset[str]) -> str | None:
    """The cue of ``words`` that ``verb`` is a form of: its lemma, or a regular form of it
    the parser lemmatised wrongly ("hoping" -> "hop": "hope")."""
    word = lemma(verb)
    if word in words:
        return word
    lower = verb.lower_
    stems = (lower[: -len(end)] + stem for end, stem in _VERB_ENDINGS if lower.endswith(end))
    return next((s for s in stems if s in words), None)


def clause_cue(clause: Token, cues: ModalityCues) -> str | None:
    """The cue a finite clause is the content of: a verb that hopes, demands or only seems it
    ("I hope he wins", "it appears that S") or an adjective of likelihood or confidence on a
    copula ("is confident he will have a buyer", "it is likely that S"); not "made sure that S"
    (it is done), nor a clause before the verb ("Pakistan stands for peace, Pakistan wants
    peace": two sentences), nor what one is certain of (it is said, not hedged)."""
    head = clause.head
    if clause.i < head.i:
        return None
    if head.pos_ == "VERB" and verb_cue(head, cues.content_verb) is not None:
        return verb_cue(head, cues.content_verb)
    adjectives = [head] if head.pos_ == "ADJ" else []
    if lemma(head) in _COPULAS:  # "it is likely that S": the clause hangs on "is"
        adjectives += [c for c in head.children if c.dep_ == "acomp"]
    for adjective in adjectives:
        sure = adjective.lower_ in _COMMITTED
        if adjective.lower_ in cues.adjective and lemma(adjective.head) in _COPULAS and not sure:
            return adjective.lower_
    return None


def content_subject(copula: Token, complement: Token, cues: ModalityCues) -> str | None:
    """ "the aim was to destabilise Dagestan", "the hope is that S": the complement of a
    copula whose subject is a noun of intention or belief is that noun's content."""
    if lemma(copula) != "be" or complement.dep_ not in {"xcomp", "ccomp"}:
        return None
    subjects = (c for c in copula.children if c.dep_ == "nsubj" and c.pos_ == "NOUN")
    return next((lemma(c) for c in subjects if lemma(c) in cues.noun), None)


def obligation(verb: Token, infinitive: Token, cues: ModalityCues) -> str | None:
    """ "have to" in the present ("hospitals now have to ask for consent"): an obligation, not
    a fact; "had to walk" in the past is one (they walked)."""
    if "have to" not in cues.aux or lemma(verb) != "have" or infinitive.dep_ != "xcomp":
        return None
    if not is_infinitive(infinitive) or verb.tag_ in {"VBD", "VBN"}:
        return None
    return "have to"


def going_to(verb: Token, infinitive: Token) -> bool:
    """ "is going to reinvent the phone": a plan (not "is going to Paris": no infinitive)."""
    if lemma(verb) != "go" or verb.tag_ != "VBG" or infinitive.dep_ != "xcomp":
        return False
    return is_infinitive(infinitive) and any(lemma(c) == "be" for c in verb.children)


def passive(verb: Token) -> bool:
    """A passive verb: with its auxiliary ("is believed to") or a participle on a noun ("two
    men believed to have trained with X")."""
    subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    reduced = verb.tag_ in {"VBN", "VBD"} and verb.dep_ == "acl" and not subject
    return reduced or any(c.dep_ == "auxpass" for c in verb.children)
