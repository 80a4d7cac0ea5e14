"""Who says a fact, and how sure: attribution (X said that S) and modality (may, could).

A fact is *attributed* when a reporting word governs the clause it comes from
(the cue table is data: ``ontology/speech_cues.csv``, loaded into
:attr:`kgraph.ontology.Ontology.speech_cues`, with the ``kg:`` relation of each
speech act and whether it denies its content):

- a speech verb whose complement the fact is: "X said (that) S", "S, X said",
  "X denied that S", '"S," X said' (then the quoted words are kept);
- a speech verb inside the fact's own verb group: "X claimed to have seized Y";
- "according to X" on the fact's clause;
- a speech noun whose content the fact is: "X's statement: 'S'", "a statement
  saying S" issued by X, "X rejected claims that S" (a denial by X);
- a direct quotation spanning several sentences, closed by '," X said';
- the object of a speech verb that is what is said (not whom it is told): what
  the fact is part of is the speaker's framing ("emphasizing the need for
  Armenia to cease actions that obstruct the process": the ministry's).

Walking up from the fact's verb, the first (innermost) reporting word wins. A
pronoun speaker "he"/"she" that closes a quotation stands for whoever spoke just
before the quotation when that is the same pronoun or a person in the sentence
before (a speaker names others inside their quote: 'She says Kieren Perkins was
behind her victory. "I swam with Kieren ...," she said' is Elka Graham's, named
earlier); otherwise for the last person named before it or its quotation (not a
name that only modifies a thing, "their Mac apps"; a person named again by
surname counts, however the parser tagged it); an "it" that speaks ('"S," it
said'), or a statement or report nobody owns ("the statement said"), for the
last organisation, country or group named before what it says (the quotation,
or the reporting clause), never for a name inside the quotation. A passive
speech verb's subject is what was said, never who said it ("improvements were
announced"); of two subjects the parser gave a speech verb, the one next to it
speaks. The
fact's modality and negation by determiners come from :mod:`.modality`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgraph.extract.arguments import loose_mention, mention
from kgraph.extract.hedges import INFINITIVE_CONTENT_DEPS, is_infinitive
from kgraph.extract.index import entities, entity_before
from kgraph.extract.lexicon import PRONOUNS
from kgraph.extract.modality import fact_tokens, head_token, modality, negated, noun_owner
from kgraph.extract.quotes import quotation_around, quotations, quote_span
from kgraph.extract.subjects import subjects
from kgraph.model import Attribution, Mention, Span, SurfaceTriple
from kgraph.ontology import Ontology, SpeechCue

__all__ = ["SpeechCue", "SpeechCues", "attribute"]

#: The reporting words by (lemma, kind): :attr:`kgraph.ontology.Ontology.speech_cues`.
SpeechCues = Mapping[tuple[str, str], SpeechCue]
#: How a fact's clause hangs on a speech verb that reports it.
_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
#: How a fact's clause hangs on a speech noun that reports it.
_NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "appos", "parataxis"})
#: Nominal dependents of a clause that may carry its "according to".
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
#: Subjects of "it was reported that": no speaker.
_DUMMY_SUBJECTS = frozenset({"it", "there"})
#: Pronouns that stand for the last person named.
_PERSON_PRONOUNS = frozenset({"he", "she"})
#: A speaking "it" stands for the last authority named: these entity labels.
_THING_PRONOUNS = frozenset({"it"})
_AUTHORITY_LABELS = ("ORG", "GPE", "NORP")
#: How a name modifies a common noun ("Mac apps", "the Obama administration").
_ATTRIBUTIVE_DEPS = frozenset({"compound", "amod", "nmod"})
#: How far back (characters) a pronoun speaker's antecedent may be.
_ANTECEDENT_WINDOW = 600
#: How many tokens after a closing quotation mark its speech verb may come.
_QUOTE_TAIL = 6


def attribute(doc: Doc, triple: SurfaceTriple, ontology: Ontology) -> SurfaceTriple:
    """The triple with its attribution and modality set when its sentence gives them.

    The cue words are the ontology's (:attr:`~kgraph.ontology.Ontology.speech_cues`,
    :attr:`~kgraph.ontology.Ontology.modality_cues`). Also marks as negated a fact
    negated by a determiner ("has no army").
    """
    cues = ontology.speech_cues
    found = fact_tokens(doc, triple)
    if found is None:
        return triple
    root, tokens = found
    return replace(
        triple,
        attribution=triple.attribution or _attribution(doc, triple, root, tokens, cues),
        modality=triple.modality
        or modality(root, tokens, ontology.modality_cues, head_token(doc, triple.subject)),
        negated=negated(doc, triple, root),
    )


def _attribution(
    doc: Doc, triple: SurfaceTriple, root: Token, tokens: list[Token], cues: SpeechCues
) -> Attribution | None:
    own = _own_cue(triple, tokens, cues)
    if own is not None:
        return own
    for child, head in _path(root):
        found = _reported_by(child, head, cues, root) if child is not head else None
        found = found or _according_to(head, cues, root) or _parenthetical(head, cues)
        if found is not None:
            attribution, speech = found
            return replace(attribution, quote=_quote(doc, root, speech))
    return _closing_quote_speaker(doc, root, cues)


def _path(root: Token) -> Iterator[tuple[Token, Token]]:
    """(child, head) pairs from the fact's root up to the sentence root, (root, root) first."""
    yield root, root
    child = root
    while child.head != child:
        yield child, child.head
        child = child.head


def _verb_cue(token: Token, cues: SpeechCues) -> SpeechCue | None:
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    return cues.get((token.lemma_.lower(), "verb"))


def _noun_cue(token: Token, cues: SpeechCues) -> SpeechCue | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return cues.get((token.lemma_.lower(), "noun"))


def _make(cue: SpeechCue, speaker: Mention | None) -> Attribution | None:
    if speaker is None:
        return None
    return Attribution(speaker, cue.lemma, cue.relation, cue.denial)


def _own_cue(triple: SurfaceTriple, tokens: list[Token], cues: SpeechCues) -> Attribution | None:
    """A reporting verb in the fact's own verb group: "claimed to have seized"."""
    for token in tokens:
        cue = _verb_cue(token, cues)
        passive = any(c.dep_ == "auxpass" for c in token.children)  # "is said to": hearsay
        if cue and not passive and any(c.dep_ == "xcomp" and c in tokens for c in token.children):
            return _make(cue, triple.subject)
    return None


def _reported_by(
    child: Token, head: Token, cues: SpeechCues, root: Token
) -> tuple[Attribution, Token] | None:
    """``head`` reports the clause of ``child``: a speech verb or noun and its speaker."""
    cue = _verb_cue(head, cues)
    if cue is not None and (child.dep_ in _COMPLEMENT_DEPS or _said_thing(child, head, cue, root)):
        found = _make(cue, _verb_speaker(head, cues))
        return (found, head) if found is not None else None
    noun = _noun_cue(head, cues)
    described = _participle(child)  # "documents collected by X" are no content of theirs
    if noun is not None and child.dep_ in _NOUN_CONTENT_DEPS and not described:
        found = _noun_attribution(head, noun, cues)
        return (found, head) if found is not None else None
    return None


def _participle(clause: Token) -> bool:
    """A past participle that describes its noun: no subject, no auxiliary of its own."""
    own = ("nsubj", "nsubjpass", "aux", "auxpass")
    return (
        clause.dep_ == "acl" and clause.tag_ == "VBN" and not any(_has_dep(clause, d) for d in own)
    )


def _has_dep(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _said_thing(child: Token, verb: Token, cue: SpeechCue, root: Token) -> bool:
    """The fact is inside the content of a speech verb's object, the speaker's framing
    ("emphasizing the need for Armenia to cease actions that obstruct the process"); not a
    relative clause or participle on the object, which the article says ("announced the
    update that was released as a beta", "would not reveal the agreement reached"), nor
    what is rejected or whom accused ("rejected a call by Arafat" is Arafat's call)."""
    if child.dep_ != "dobj" or child.pos_ not in {"NOUN", "PROPN"}:
        return False
    if cue.denial or cue.relation == "accuses" or _has_dep(verb, "neg"):
        return False
    deps = _NOUN_CONTENT_DEPS | INFINITIVE_CONTENT_DEPS
    contents = (c for c in child.children if c.dep_ in deps and is_infinitive(c))
    return any(c == root or c.is_ancestor(root) for c in contents)


def _according_to(head: Token, cues: SpeechCues, root: Token) -> tuple[Attribution, Token] | None:
    """An "according to X" on the clause of ``head`` or on one of its nominal dependents;
    X's owner speaks for it ("according to figures released by NPD Group": NPD Group). A
    fact inside the phrase is not said by it ("NPD Group released the figures")."""
    carriers = [head, *(c for c in head.children if c.dep_ in _NOMINAL_DEPS)]
    for carrier in carriers:
        for child in carrier.children:
            if child.lower_ != "according" or child == root or child.is_ancestor(root):
                continue
            pobj = next((t for t in child.subtree if t.dep_ == "pobj"), None)
            cue = cues.get(("according to", "phrase"))
            speaker = (noun_owner(pobj) or pobj) if pobj is not None else None
            found = _make(cue, _speaker_mention(speaker, cues)) if speaker and cue else None
            if found is not None:
                return found, child
    return None


def _parenthetical(head: Token, cues: SpeechCues) -> tuple[Attribution, Token] | None:
    """A speech verb hung on the clause as a parenthesis: "S, X said" parsed as parataxis."""
    for child in head.children:
        cue = _verb_cue(child, cues)
        if cue is None or child.dep_ != "parataxis" or child.i < head.i:
            continue
        if not any(c.dep_ in {"ccomp", "dobj"} for c in child.children):
            found = _make(cue, _verb_speaker(child, cues))
            if found is not None:
                return found, child
    return None


def _noun_attribution(noun: Token, cue: SpeechCue, cues: SpeechCues) -> Attribution | None:
    """The speaker of a speech noun: its owner, or the subject of the verb it is object of."""
    owner = noun_owner(noun)
    if owner is not None:
        return _make(cue, _speaker_mention(owner, cues))
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    outer = _verb_cue(verb, cues)
    return _make(outer if outer is not None else cue, _verb_speaker(verb, cues))


def _verb_speaker(verb: Token, cues: SpeechCues) -> Mention | None:
    """Who speaks: the verb's subject, or for "a statement saying", the statement's owner."""
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"} and not _own_subject(verb):
        noun = verb.head
        cue = _noun_cue(noun, cues) or SpeechCue(noun.lemma_.lower(), "noun", "states", False)
        owned = _noun_attribution(noun, cue, cues)
        return owned.speaker if owned is not None else None
    if any(c.dep_ == "auxpass" for c in verb.children):  # "improvements were announced"
        agent = _passive_agent(verb)
        return _speaker_mention(agent, cues) if agent is not None else None
    found = subjects(verb)
    if not found:
        return None
    speaker = _nearest_subject(verb) or found[0][0]
    if _stands_for_authority(speaker, cues):
        authority = _last_authority(verb, cues)
        if authority is not None and authority.lower_ not in _THING_PRONOUNS:
            return _speaker_mention(authority, cues)  # a statement that spoke: its owner
    return _speaker_mention(speaker, cues)


def _stands_for_authority(speaker: Token, cues: SpeechCues) -> bool:
    """A speaking "it", or a statement or report nobody owns ("the statement said")."""
    if speaker.dep_ != "nsubj":
        return False
    unowned = _noun_cue(speaker, cues) is not None and noun_owner(speaker) is None
    return speaker.lower_ in _THING_PRONOUNS or unowned


def _passive_agent(verb: Token) -> Token | None:
    """Who does a passive verb: the object of its "by"."""
    agents = (c for c in verb.children if c.dep_ == "agent")
    return next((t for a in agents for t in a.children if t.dep_ == "pobj"), None)


def _nearest_subject(verb: Token) -> Token | None:
    """Of several subjects the parser gave a verb ("As well as new routes to the US, Mannion
    stated"), the one right before it; None when it has one or none."""
    own = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return own[-1] if len(own) > 1 else None


def _last_authority(verb: Token, cues: SpeechCues) -> Token | None:
    """Who a speaking "it" is: the last non-person that spoke before what ``verb`` reports
    ("the ministry issued a statement"), else the last organisation, country or group named."""
    start = verb.left_edge
    pairs, _ = quotations(verb.doc)
    for opening, closing in reversed(pairs):
        if closing.i < verb.i and verb.i - closing.i <= _QUOTE_TAIL:
            start = min(start, opening, key=lambda t: t.i)
            break
        if closing.i < verb.i - _QUOTE_TAIL:
            break
    speaker = _previous_speaker(start, cues)
    if speaker is not None:
        return speaker
    found = [entity_before(start, label, _ANTECEDENT_WINDOW) for label in _AUTHORITY_LABELS]
    ents = [e for e in found if e is not None]
    return max(ents, key=lambda e: e.end).root if ents else None


def _previous_speaker(start: Token, cues: SpeechCues) -> Token | None:
    """The subject of the last speech act before ``start`` that is no person or pronoun."""
    doc = start.doc
    for token in reversed(doc[: start.i]):
        if start.idx - token.idx > _ANTECEDENT_WINDOW:
            return None
        verb = token if _verb_cue(token, cues) else None
        if verb is None and _noun_cue(token, cues) and token.dep_ == "dobj":
            verb = token.head  # "issued a statement"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
        if subject is not None and subject.lower_ not in PRONOUNS and subject.ent_type_ != "PERSON":
            return subject
    return None


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _speaker_mention(token: Token, cues: SpeechCues) -> Mention | None:
    """The speaker's mention; "he"/"she" stand for the last person named before them.

    A speech noun stands for its owner ("a statement from the ministry"); the
    "it" of "it was reported" names no one.
    """
    if token.lower_ in _DUMMY_SUBJECTS and token.dep_ in {"nsubjpass", "expl"}:
        return None
    if _noun_cue(token, cues) is not None:  # "initial reports said": no one named
        owner = noun_owner(token)
        if owner is None and not _has_dep(token, "compound"):
            return None
        token = owner if owner is not None else token  # "court documents" name their kind
    if token.lower_ in _PERSON_PRONOUNS:
        antecedent = _pronoun_speaker(token, cues)
        if antecedent is not None:
            return mention(antecedent) or loose_mention(antecedent)
    return mention(token) or loose_mention(token)


def _pronoun_speaker(pronoun: Token, cues: SpeechCues) -> Token | None:
    """Who a speaking "he" or "she" is: whoever spoke last before what the pronoun says
    (before the quotation its verb closes: a speaker names others inside their quote) when
    that is a person or the same pronoun ('She says Kieren Perkins was behind her victory.
    "I swam with Kieren ..." she said': Elka Graham, named before), else the last person."""
    start = _quotation_closed_by(pronoun)
    previous = _previous_subject(start, cues)
    if previous is not None and previous.lower_ == pronoun.lower_:
        return _pronoun_speaker(previous, cues)
    if previous is not None and previous.ent_type_ == "PERSON" and _adjacent(previous, start):
        return previous
    return _last_person(start)


def _adjacent(earlier: Token, token: Token) -> bool:
    """Whether ``earlier`` is in the sentence of ``token`` or the one right before it."""
    sentence = token.sent
    return sentence.start == 0 or earlier.i >= token.doc[sentence.start - 1].sent.start


def _quotation_closed_by(token: Token) -> Token:
    """The opening mark of a quotation closed just before ``token`` ('"S," she said'), else
    ``token``."""
    pairs, _ = quotations(token.doc)
    for opening, closing in reversed(pairs):
        if closing.i < token.i:
            return opening if token.i - closing.i <= _QUOTE_TAIL else token
    return token


def _previous_subject(start: Token, cues: SpeechCues) -> Token | None:
    """The subject of the last speech verb before ``start``, within the antecedent window."""
    for token in reversed(start.doc[: start.i]):
        if start.idx - token.idx > _ANTECEDENT_WINDOW:
            return None
        if _verb_cue(token, cues) is not None:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


def _last_person(token: Token) -> Token | None:
    """The last person named before ``token``, skipping a name that only modifies a thing
    ("their Mac apps": the parser's person "Mac" is no one "he" can be)."""
    person = entity_before(token, "PERSON", _ANTECEDENT_WINDOW)
    while person is not None and _attributive(person):
        window = _ANTECEDENT_WINDOW - (token.idx - person.start_char)
        person = entity_before(person[0], "PERSON", window)
    since = person.end if person is not None else 0
    return _surname_before(token, since) or (person.root if person is not None else None)


def _surname_before(token: Token, since: int) -> Token | None:
    """A person named again by surname after token ``since`` ("Steve Jobs ... Jobs, aged
    55, has taken leave"), whatever the parser tagged the bare surname."""
    doc = token.doc
    ents, _ = entities(doc)
    surnames = {e[-1].text: e.start for e in ents if e.label_ == "PERSON" and len(e) > 1}
    for candidate in reversed(doc[since : token.i]):
        if token.idx - candidate.idx > _ANTECEDENT_WINDOW:
            return None
        first = surnames.get(candidate.text, candidate.i)
        if candidate.pos_ == "PROPN" and first < candidate.i - 1 and not _modifies(candidate):
            return candidate
    return None


def _attributive(name: SpacySpan) -> bool:
    return _modifies(name.root)


def _modifies(token: Token) -> bool:
    """A name that modifies a common noun ("their Mac apps")."""
    return token.dep_ in _ATTRIBUTIVE_DEPS and token.head.pos_ == "NOUN"


def _quote(doc: Doc, root: Token, speech: Token) -> Span | None:
    """The quoted words around the fact when the speech cue is outside them."""
    around = quotation_around(doc, root)
    if around is None or around[0].i < speech.i < around[1].i:
        return None
    return quote_span(doc, *around)


def _closing_quote_speaker(doc: Doc, root: Token, cues: SpeechCues) -> Attribution | None:
    """A quotation over several sentences whose speech verb follows its closing mark."""
    around = quotation_around(doc, root)
    if around is None or around[1].sent == root.sent:
        return None
    opening, closing = around
    tail = doc[closing.i + 1 : min(closing.i + 1 + _QUOTE_TAIL, closing.sent.end)]
    for token in tail:
        cue = _verb_cue(token, cues)
        found = _make(cue, _verb_speaker(token, cues)) if cue is not None else None
        if found is not None:
            return replace(found, quote=quote_span(doc, opening, closing))
    return None
