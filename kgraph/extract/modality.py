"""How sure a fact is: modality (may, threatens to, reportedly) and negation by "no".

A fact is *modal* when its verb group or the words governing it say it is
possible, intended or hedged rather than that it happened; ``modality`` is then
the cue word's lemma (the table is data: ``ontology/modality_cues.csv``, loaded
into :attr:`kgraph.ontology.Ontology.modality_cues`):

- a modal auxiliary: may, might, could, would, should, must, can ("will" and
  "shall" mark the future and are not modal);
- a verb of intention, attempt or expectation the fact's verb completes:
  "threatened to seize", "plans to deploy", "is expected to send", "refused to
  withdraw";
- a hedging adverb on the verb: possibly, likely, reportedly, allegedly;
- hearsay without a speaker: "is said to have captured", "it was reported
  that" (the passive speech verb's lemma: say, report, allege);
- a condition: the fact is the clause of "if" or "unless".

Negation comes from extraction (``not``, ``never``); this module adds the
negation carried by a determiner ("has no army", "no soldiers were killed") and
"no longer".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kgraph.model import Mention, SurfaceTriple
from kgraph.ontology import ModalityCues

__all__ = ["fact_tokens", "modality", "negated"]

#: Determiners that negate the noun phrase they open ("no army", "neither side").
_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
#: Dependents of a verb whose determiner negates the fact.
_CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})


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


def modality(root: Token, tokens: list[Token], cues: ModalityCues) -> str | None:
    """The modality cue of a fact with relation ``tokens`` and root ``root``, or None."""
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"}]
    for token in (*verbs, *_shared_auxiliaries(root)):
        if token.dep_ == "aux" and _lemma(token) in cues.aux:
            return _lemma(token)
    for token in verbs:
        governs = any(c.dep_ == "xcomp" and c in tokens for c in token.children)
        if governs and token.pos_ == "VERB" and _lemma(token) in cues.verb:
            return _lemma(token)
    return (
        _hearsay(root, verbs, cues)
        or _governing(root, cues)
        or _adverb(verbs, cues)
        or _condition(root, cues)
    )


def negated(doc: Doc, triple: SurfaceTriple, root: Token) -> bool:
    """Whether the fact is negated by a determiner or "no longer", besides ``not``/``never``."""
    if triple.negated:
        return True
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    heads = [_head(doc, m) for m in (triple.subject, triple.object)]
    heads += [c for c in root.children if c.dep_ in _CORE_DEPS]
    if any(h is not None and _negative_determiner(h) for h in heads):
        return True
    return any(c.lower_ == "longer" and _has_child(c, "no") for c in root.children)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _head(doc: Doc, mention: Mention) -> Token | None:
    key = mention.key_span
    span = doc.char_span(key.start, key.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _lemma(token: Token) -> str:
    return token.lemma_.lower() or token.lower_


def _shared_auxiliaries(root: Token) -> list[Token]:
    """A coordinated verb without its own auxiliaries shares the first verb's."""
    if root.dep_ != "conj" or any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return []
    return [c for c in root.head.children if c.dep_ == "aux"]


def _hearsay(root: Token, verbs: list[Token], cues: ModalityCues) -> str | None:
    """A passive speech verb without a speaker: "is said to have", "it was reported that"."""
    candidates = [v for v in verbs if any(c.dep_ == "xcomp" and c in verbs for c in v.children)]
    if root.dep_ == "ccomp" and _impersonal(root.head):
        candidates.append(root.head)
    for verb in candidates:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if passive and _lemma(verb) in cues.passive:
            return _lemma(verb)
    return None


def _impersonal(verb: Token) -> bool:
    """A verb whose subject is a dummy "it" (or missing): "it was reported that"."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return all(s.lower_ in {"it", "there"} for s in subjects)


def _governing(root: Token, cues: ModalityCues) -> str | None:
    """A cue the fact's verb completes: "threatened to seize", "likely to attack"."""
    head = root.head
    if root.dep_ != "xcomp" or head == root:
        return None
    if head.pos_ == "VERB" and _lemma(head) in cues.verb:
        return _lemma(head)
    if head.pos_ == "ADJ" and head.lower_ in cues.adjective:
        return head.lower_
    return None


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
    if clause.dep_ == "advcl":
        clauses.append(clause)
    for advcl in clauses:
        # the parser often hangs a fronted "If" on the main verb: take it when it opens the clause
        opening = advcl.left_edge.i - 1
        marks = [c for c in advcl.children if c.dep_ == "mark"]
        marks += [c for c in advcl.head.children if c.dep_ == "mark" and c.i == opening]
        found = next((m.lower_ for m in marks if m.lower_ in cues.condition), None)
        if found is not None:
            return found
    return None


def _negative_determiner(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in token.children)


def _has_child(token: Token, word: str) -> bool:
    return any(c.lower_ == word for c in token.children)
