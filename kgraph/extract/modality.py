"""How sure a fact is: modality (may, threatens to, reportedly) and negation by "no".

A fact is *modal* when its verb group or the words governing it say it is
possible, intended or hedged rather than that it happened; ``modality`` is then
the cue word's lemma (the table is data: ``ontology/modality_cues.csv``, loaded
into :attr:`kgraph.ontology.Ontology.modality_cues`):

- a modal auxiliary: may, might, could, would, should, must, can;
- a verb of intention, attempt, expectation, permission or request the fact's
  verb completes, at any depth of complements: "threatened to seize", "plans to
  deploy", "is expected to send", "refused to withdraw", "will allow developers
  to create", "we want to make sure that S", and of evidence or claim ("appears to
  be running", "claims to have seen"); the verb counts alike inside the fact's
  relation phrase ("is hoping to win" folded into one relation) and above it;
- a verb or adjective whose finite clause the fact is, after it: "he hopes Boje
  arrives", "McAfee recommends that users upgrade", "are confident they have the
  resources", "it is likely that S" (``content_verb`` and ``adjective`` cues; not
  what one is certain or sure of, not what one says: that is attribution);
- an obligation: "have to" in the present ("now have to ask for consent"; "had to
  walk" in the past is a fact);
- a noun of evidence, hope, fear or plan whose content the fact is: "amid
  indications that S", "fears that S", "the possibility of S", the subject of a
  copula the fact completes ("the aim was to destabilise Dagestan"), and a report
  or claim nobody owns ("reports say that S", "amid reports that S");
- a hedging adverb on the verb: possibly, likely, reportedly, allegedly;
- hearsay without a speaker: "is said to have captured", "it was reported
  that", "a man believed to have smuggled X" (the passive speech verb's lemma:
  say, report, allege);
- a condition: the fact is the clause of "if" or "unless", or its consequence,
  or anything said inside the condition ("if a mother sentenced to death is
  killed": the sentence is no fact either);
- a question: the fact's clause or sentence ends with "?", or the fact is inside
  a clause that is asked ("it was not disclosed whether X", "check if X"):
  ``?``, ``whether`` or ``if``;
- a purpose: the fact is inside an infinitive of purpose ("built a wall to stop
  X", "in an effort to interview X", not "the first man to walk on the moon")
  or a "so that" clause: ``to``, ``so``;
- a hedge on the fact's subject: "suspected militants killed two soldiers"
  (``suspected``, ``alleged``); a hedging adverb on any verb governing the fact
  ("was arrested for allegedly transporting X"), and hearsay above the fact's
  clause ("is alleged to have helped X develop Y", "it will be alleged that A
  and that B").

- a temporal clause in the present under a planned or possible clause ("a
  decision is likely to be made when Sharon returns": he has not returned yet)
  takes that clause's cue;
- the future, last of all: "will" or "shall" in the fact's verb group ("the
  first flight will take off": planned or projected, not happened) or on a verb
  whose complement the fact is ("will be used to help modernise the party"), and
  "is to" ("the minister is to visit Baku": ``be to``) and "is going to" (``be going
  to``), unless a stronger cue
  above says more ("Russia will defend Armenia if ...": ``if``).

A cue verb is matched by its lemma or, when the parser's lemma is wrong, by a
regular form of it ("hoping", lemmatised "hop": ``hope``). The implicative verbs
that entail their complement (manage, begin, continue, help) are no cues. The
nouns around a clause (whose content it is, who owns a report) are read by
:mod:`.hedges`.

A fact made from a participle on the predicate noun of a copula ("they're not
the underdogs going into the series", "there should be cricket played out")
takes that copula's negation and modality.

Negation comes from extraction (``not``, ``never``); this module adds the
negation carried by a determiner ("has no army", "no soldiers were killed") and
"no longer".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kgraph.extract.hedges import (
    clause_cue,
    content_subject,
    going_to,
    is_infinitive,
    lemma,
    marks,
    noun_content,
    noun_owner,
    obligation,
    own_subject,
    passive,
    unowned_according,
    unowned_reporter,
    verb_cue,
)
from kgraph.model import Mention, SurfaceTriple
from kgraph.ontology import ModalityCues

__all__ = ["fact_tokens", "head_token", "modality", "negated", "noun_owner"]

#: Determiners that negate the noun phrase they open ("no army", "neither side").
_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
#: Dependents of a verb whose determiner negates the fact.
_CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
#: Words that make "the X to do Y" a fact, not a purpose ("the first man to walk").
_DEFINITE_ONES = frozenset({"first", "last", "only", "next"})
#: Links a clause's modality passes down: its complements, adverbials and conjuncts.
_CLAUSE_CLIMB = frozenset(
    {"ccomp", "xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "csubj", "csubjpass", "acomp"}
)
#: Links a governing verb's modality passes down: not an adverbial clause, which is said on
#: its own ("the numbers are likely to swell as the hunt continues": the hunt continues).
_COMPLEMENT_CLIMB = _CLAUSE_CLIMB - {"advcl"}
#: Links a hedging adverb passes down ("reportedly said that X"; not to a conjunct).
_ADVERB_CLIMB = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "pobj", "prep"})
#: Links the future of a governing verb passes down ("will be used to help modernise X").
_FUTURE_CLIMB = frozenset({"xcomp", "ccomp"})
#: Subordinators of a clause that happens at the time of the clause it modifies: under a
#: plan or a possibility it is one too ("likely to be made when Sharon returns").
_TEMPORAL_MARKS = frozenset({"when", "once", "after", "before", "until", "till", "whenever"})
#: Present-tense tags: a temporal clause in the present under a future is itself future.
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
#: Tags of a finite verb, which takes no auxiliary of a verb it is coordinated with.
_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD"})
#: Infinitives after "is to" that make no future: "X is to blame" (X is responsible).
_NOT_FUTURE_INFINITIVES = frozenset({"blame"})
_QUOTES = frozenset({'"', "'", "”", "“", "’", "‘", "''", "``"})


def fact_tokens(doc: Doc, triple: SurfaceTriple) -> tuple[Token, list[Token]] | None:
    """The relation's tokens and its syntactic root (the highest of them), or None."""
    tokens = _tokens(doc, triple.relation.start, triple.relation.end)
    if not tokens:
        tokens = _tokens(doc, triple.subject.start, triple.subject.end)
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in ids or t.head == t]
    verbs = [t for t in tops if t.pos_ in {"VERB", "AUX"}]
    return (verbs or tops or tokens)[0], tokens


def modality(
    root: Token, tokens: list[Token], cues: ModalityCues, subject: Token | None = None
) -> str | None:
    """The modality cue of a fact with relation ``tokens``, root ``root`` and subject head
    ``subject``, or None."""
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"}]
    auxiliary = _auxiliary(root, verbs, cues.aux)
    if auxiliary is not None:
        return auxiliary
    for token in verbs:
        inner = [c for c in token.children if c.dep_ == "xcomp" and c in tokens]
        cue = verb_cue(token, cues.verb) if inner and token.pos_ == "VERB" else None
        cue = cue or next(filter(None, (obligation(token, c, cues) for c in inner)), None)
        cue = cue or next(filter(None, (content_subject(token, c, cues) for c in inner)), None)
        if cue is not None:
            return cue
    found = (
        _hearsay(root, verbs, cues)
        or _governing(root, cues)
        or _adverb(verbs, cues)
        or _condition(root, cues)
    )
    if found is not None or root.pos_ not in {"VERB", "AUX"}:
        return found  # an apposition or a title is not under the clause's modality
    return (
        _adverb(list(_scope(root, _ADVERB_CLIMB))[1:], cues)
        or _enclosing(root, cues)
        or _question(root, cues)
        or _modifier(subject, cues)
        or _copular_host(root, cues)
        or _when_planned(root, cues)
        or _future(root, verbs, cues)  # "will": a plan or a projection
    )


def _auxiliary(root: Token, verbs: list[Token], words: frozenset[str]) -> str | None:
    """The first auxiliary of ``words`` on the fact's verb group (or shared with it)."""
    # the auxiliaries of the group's words: "may" on "feel" of "may feel empowered by"
    own = [c for t in (root, *verbs) for c in t.children if c.dep_ == "aux"]
    for token in (*verbs, *own, *_shared_auxiliaries(root)):
        if token.dep_ == "aux" and lemma(token) in words:
            return lemma(token)
    return None


def _future(root: Token, verbs: list[Token], cues: ModalityCues) -> str | None:
    """ "will" or "shall" on the fact's verb group or on a verb whose complement it is ("will
    be used to help modernise the party"), or "is to" ("the minister is to visit Baku")."""
    inner = [c for c in root.children if c in verbs]  # "is to visit" as one relation
    if any(_is_to(root, c) for c in inner) and "be to" in cues.future:
        return "be to"
    if any(going_to(root, c) for c in inner) and "be going to" in cues.future:
        return "be going to"
    below: Token | None = None
    for clause in _scope(root, _FUTURE_CLIMB):
        if below is not None and below.dep_ not in _FUTURE_CLIMB:
            return None  # a purpose infinitive has its own time
        found = _auxiliary(clause, verbs if clause is root else [clause], cues.future)
        if found is not None:
            return found
        if below is not None and _is_to(clause, below) and "be to" in cues.future:
            return "be to"
        if below is not None and going_to(clause, below) and "be going to" in cues.future:
            return "be going to"
        below = clause
    return None


def _is_to(verb: Token, infinitive: Token) -> bool:
    """ "is to visit": "be" with an infinitive complement and nothing else to be (not "was
    the first to recommend", "was first to recommend": it did)."""
    if lemma(verb) != "be" or infinitive.dep_ != "xcomp" or not is_infinitive(infinitive):
        return False
    between = verb.doc[verb.i + 1 : infinitive.left_edge.i]
    if _has_dep(verb, "attr") or any(t.lower_ in _DEFINITE_ONES for t in between):
        return False
    return lemma(infinitive) not in _NOT_FUTURE_INFINITIVES


def _when_planned(root: Token, cues: ModalityCues) -> str | None:
    """A temporal clause in the present under a planned or possible clause is planned or
    possible too: "a decision is likely to be made when Sharon returns" (he has not yet)."""
    if root.dep_ != "advcl" or root.head == root:
        return None
    opening = (c for c in root.children if c.dep_ in {"mark", "advmod"} and c.i < root.i)
    if not any(c.lower_ in _TEMPORAL_MARKS for c in opening):  # "when" is an advmod
        return None
    group = [root, *(c for c in root.children if c.dep_ in {"aux", "auxpass"})]
    if not any(t.tag_ in _PRESENT_TAGS for t in group):
        return None
    head = root.head
    head_group = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass", "neg"})]
    return modality(head, sorted(head_group), cues)


def negated(doc: Doc, triple: SurfaceTriple, root: Token) -> bool:
    """Whether the fact is negated by a determiner or "no longer", besides ``not``/``never``."""
    if triple.negated:
        return True
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    heads: list[Token | None] = [_head(doc, m) for m in (triple.subject, triple.object)]
    heads += [c for c in root.children if c.dep_ in _CORE_DEPS]
    if any(h is not None and _negative_determiner(h) for h in heads):
        return True
    copula = _copula_of(root)
    if copula is not None and _has_dep(copula, "neg"):
        return True  # "they're not the underdogs going into the series"
    return any(c.lower_ == "longer" and _has_child(c, "no") for c in root.children)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def head_token(doc: Doc, mention: Mention) -> Token | None:
    """The syntactic head of a mention's key span."""
    return _head(doc, mention)


def _head(doc: Doc, mention: Mention) -> Token | None:
    key = mention.key_span
    span = doc.char_span(key.start, key.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _shared_auxiliaries(root: Token) -> list[Token]:
    """A coordinated verb without its own auxiliaries shares the first verb's, unless it is
    finite ("will hold a picket and says S": "says" takes no "will")."""
    if root.dep_ != "conj" or any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return []
    if root.tag_ in _FINITE_TAGS:
        return []
    return [c for c in root.head.children if c.dep_ == "aux"]


def _hearsay(root: Token, verbs: list[Token], cues: ModalityCues) -> str | None:
    """A passive speech verb without a speaker: "is said to have", "it was reported that"."""
    candidates = [v for v in verbs if any(c.dep_ == "xcomp" and c in verbs for c in v.children)]
    if root.dep_ == "ccomp" and _impersonal(root.head):
        candidates.append(root.head)
    for verb in candidates:
        if passive(verb) and lemma(verb) in cues.passive:
            return lemma(verb)
    return None


def _impersonal(verb: Token) -> bool:
    """A verb whose subject is a dummy "it" (or missing): "it was reported that"."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return all(s.lower_ in {"it", "there"} for s in subjects)


def _governing(root: Token, cues: ModalityCues) -> str | None:
    """A cue the fact's verb completes: "threatened to seize", "likely to attack", "allow
    developers to create" (an infinitive the parser made a ccomp)."""
    head = root.head
    if head == root or root.dep_ not in {"xcomp", "ccomp"}:
        return None
    if content_subject(head, root, cues) is not None:
        return content_subject(head, root, cues)
    if root.dep_ == "ccomp" and not is_infinitive(root):
        return clause_cue(root, cues)
    if head.pos_ == "VERB" and verb_cue(head, cues.verb) is not None:
        return verb_cue(head, cues.verb)
    if head.pos_ == "ADJ" and head.lower_ in cues.adjective:
        return head.lower_
    return obligation(head, root, cues)


def _adverb(verbs: list[Token], cues: ModalityCues) -> str | None:
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in cues.adverb:
                return child.lower_
    return None


def _condition(root: Token, cues: ModalityCues) -> str | None:
    """ "if"/"unless" when the fact is a condition or the consequence of one."""
    clause = root.head if root.dep_ == "conj" and root.head != root else root
    clauses = [c for c in clause.children if c.dep_ == "advcl"]
    clauses += [c for c in root.children if c.dep_ == "advcl" and c not in clauses]
    if clause.dep_ == "advcl":
        clauses.append(clause)
    for advcl in clauses:
        # the parser often hangs a fronted "If" on the main verb: take it when it opens the clause
        opening = advcl.left_edge.i - 1
        found_marks = [c for c in advcl.children if c.dep_ == "mark"]
        found_marks += [c for c in advcl.head.children if c.dep_ == "mark" and c.i == opening]
        found = next((m.lower_ for m in found_marks if m.lower_ in cues.condition), None)
        if found is not None:
            return found
    return None


def _scope(root: Token, climb: frozenset[str]) -> Iterator[Token]:
    """``root`` and the heads above it, climbing only ``climb`` links (and infinitives of
    purpose): a relative clause, participle or apposition is said on its own."""
    yield root
    token = root
    while token.head != token and (token.dep_ in climb or _purpose_infinitive(token)):
        token = token.head
        yield token


def _enclosing(root: Token, cues: ModalityCues) -> str | None:
    """A condition, asked clause or purpose the fact is said inside of."""
    governed = set(_scope(root, _COMPLEMENT_CLIMB))
    for clause in _scope(root, _CLAUSE_CLIMB):
        found = (
            noun_content(clause, cues)
            or unowned_reporter(clause, cues)
            or unowned_according(clause, cues)
        )
        if found is None and clause is not root and clause in governed:
            found = _governing(clause, cues)  # "we want to make sure that S"
        if found is not None:
            return found
        opening = marks(clause)
        if clause.dep_ == "advcl":
            found = next((m for m in opening if m in cues.condition or m in cues.purpose), None)
            if found is not None:
                return found
        if clause.dep_ in {"ccomp", "csubj", "csubjpass", "advcl"}:
            found = next((m for m in opening if m in cues.interrogative), None)
            if found is not None:
                return found
        if _purpose_infinitive(clause) and "to" in cues.purpose:
            return "to"
        if clause is not root and _passive_hearsay(clause, cues):
            return lemma(clause)  # "is alleged to have helped X develop Y"
    return None


def _passive_hearsay(verb: Token, cues: ModalityCues) -> bool:
    return passive(verb) and verb.pos_ == "VERB" and lemma(verb) in cues.passive


def _purpose_infinitive(clause: Token) -> bool:
    """ "(built a wall) to stop X", "(an effort) to stop X"; not "the first man to walk"."""
    if not is_infinitive(clause):
        return False
    head = clause.head
    if clause.dep_ == "advcl":
        return head.pos_ in {"VERB", "AUX"} and not own_subject(clause)
    if clause.dep_ != "acl" or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    return not any(c.tag_ in {"JJS", "RBS"} or c.lower_ in _DEFINITE_ONES for c in head.children)


def _question(root: Token, cues: ModalityCues) -> str | None:
    """ "?" when the fact's clause or its sentence ends with a question mark."""
    if "?" not in cues.interrogative:
        return None
    doc, sentence = root.doc, root.sent
    after = [t for t in doc[root.right_edge.i + 1 : sentence.end] if t.text not in _QUOTES]
    last = [t for t in sentence if not t.is_space and t.text not in _QUOTES]
    if (after and after[0].text == "?") or (last and last[-1].text == "?"):
        return "?"
    return None


def _modifier(subject: Token | None, cues: ModalityCues) -> str | None:
    """ "suspected militants killed ...": the doer is hedged."""
    if subject is None:
        return None
    found = (c.lower_ for c in subject.children if c.dep_ == "amod" and c.lower_ in cues.modifier)
    conditioned = (  # "If convicted, X faces ...": the parser hangs the condition on X
        m.lower_
        for c in subject.children
        if c.dep_ in {"amod", "acl"}
        for m in c.children
        if m.dep_ == "mark" and m.lower_ in cues.condition
    )
    return next(found, None) or next(conditioned, None)


def _copula_of(root: Token) -> Token | None:
    """The copula whose predicate noun ``root`` is a participle of ("the underdogs going")."""
    noun = root.head
    while noun.dep_ == "conj" and noun.head != noun:  # "one of them or a civilian caught in"
        noun = noun.head
    if root.dep_ != "acl" or noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    return noun.head


def _copular_host(root: Token, cues: ModalityCues) -> str | None:
    copula = _copula_of(root)
    return modality(copula, [copula], cues) if copula is not None else None


def _has_dep(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _negative_determiner(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in token.children)


def _has_child(token: Token, word: str) -> bool:
    return any(c.lower_ == word for c in token.children)
