"""The names of an article that linking reads in context: its named entities and noun chunks.

Linking collects aliases, people and antecedents from these (:mod:`kgraph.link.context`);
they travel on :attr:`~kgraph.model.ParsedArticle.mentions`, so linking needs no spaCy
``Doc``. Each comes with whether it is plural and whether it is a subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgraph.extract.lexicon import DEICTIC_TIME_WORDS, LITERAL_LABELS
from kgraph.model import Mention, NameMention

__all__ = ["name_mentions"]

#: spaCy entity labels whose spans name something the discourse should remember.
_NAMED_LABELS = frozenset(
    {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def name_mentions(doc: Doc) -> tuple[NameMention, ...]:
    """The doc's named entities and noun chunks, by start (longer first at the same start)."""
    return tuple(sorted(_mentions(doc), key=lambda m: (m.mention.start, -m.mention.end)))


def _mentions(doc: Doc) -> Iterator[NameMention]:
    for ent in doc.ents:
        if ent.label_ == "NORP" and ent.root.dep_ in _MODIFIER_DEPS:
            continue  # "Armenian" in "Armenian forces" names no one by itself
        if ent.label_ in _NAMED_LABELS:
            plural = _plural(ent.root) or _plural_group(ent)
            subject = ent.root.dep_ in _SUBJECT_DEPS
            yield NameMention(_as_mention(ent, ent.label_), plural, subject)
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ == "PRON" or _is_value(root):
            continue  # "Thursday", "11:55am" are values: no antecedent of "it"
        mention = _as_mention(chunk, root.ent_type_ or None)
        yield NameMention(mention, _plural(root), root.dep_ in _SUBJECT_DEPS)


def _as_mention(span: SpacySpan, label: str | None) -> Mention:
    if len(span) > 1 and span[0].lower_ in DEICTIC_TIME_WORDS:
        span = span[1:]  # "Today Apple released ...": the name is Apple
    return Mention(span.text, span.start_char, span.end_char, ner=label)


def _is_value(root: Token) -> bool:
    """A noun chunk that names a date, time or number, not a thing."""
    return root.ent_type_ in LITERAL_LABELS or root.lower_ in DEICTIC_TIME_WORDS or root.like_num


def _plural(token: Token) -> bool:
    return token.tag_ in _PLURAL_TAGS


def _plural_group(ent: SpacySpan) -> bool:
    """ "the Houthis", "the Kurds": a people or movement the small model calls a PERSON."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    the = ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")
    word = ent.root.text
    return ent.label_ in ("PERSON", "NORP") and the and word.endswith("s") and word[-2:] != "ss"
