"""The small data model that travels through every pipeline stage.

All offsets are character offsets into :attr:`Article.text`, so they survive
re-tokenising: ``article.text[span.start:span.end] == span.text`` always holds.

>>> a = Article.from_text("Baku is the capital of Azerbaijan.")
>>> s = Span.of(a.text, 0, 4)
>>> s.text, a.text[s.start:s.end]
('Baku', 'Baku')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "Article",
    "Attribution",
    "Entity",
    "LinkMethod",
    "LinkedFact",
    "Mention",
    "ModelInfo",
    "NameMention",
    "ParsedArticle",
    "Provenance",
    "Quantity",
    "Relation",
    "RelationMention",
    "Span",
    "SurfaceTriple",
    "TimeExpression",
    "article_identity",
    "content_hash",
    "make_article_id",
]


def content_hash(text: str) -> str:
    """The SHA-256 hex digest of ``text`` (UTF-8), used to recognise identical articles."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_identity(
    url: str | None = None,
    record_id: str | None = None,
    origin: str | None = None,
    text: str = "",
) -> str:
    """What makes two versions one article: its URL, else its id, else where it was read from.

    The one definition of an article's identity. Two articles with the same
    identity are versions of one article: a build replaces the stored one, and
    ``kgraph remove`` finds it by any of these keys. ``record_id`` is the id the
    input gave (a JSONL record's ``id``); ``origin`` the normalised origin made at
    ingest (``"news/2023/a.txt"``, never an absolute path). An article with none
    of them (built from a string) is known by its text.

    >>> article_identity(url=" https://example.com/a ", record_id="a1", origin="news/a.txt")
    'url:https://example.com/a'
    >>> article_identity(record_id="a1", origin="news/feed.jsonl:3")
    'id:a1'
    >>> article_identity(origin="news/a.txt", text="Some text.")
    'origin:news/a.txt'
    """
    if url and url.strip():
        return f"url:{url.strip()}"
    if record_id and record_id.strip():
        return f"id:{record_id.strip()}"
    if origin:
        return f"origin:{origin}"
    return f"text:{content_hash(text)}"


def make_article_id(
    url: str | None,
    text: str = "",
    *,
    record_id: str | None = None,
    origin: str | None = None,
) -> str:
    """A stable 16-hex-digit article id: a hash of the :func:`article_identity`.

    >>> url = "https://example.com/a"
    >>> make_article_id(url, "old text") == make_article_id(url, "new text")
    True
    >>> make_article_id(None, "old", origin="a.txt") == make_article_id(None, "new", origin="a.txt")
    True
    """
    basis = article_identity(url, record_id, origin, text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article after ingest: cleaned text and its metadata.

    ``text`` holds the body paragraphs separated by blank lines (``"\\n\\n"``);
    boilerplate is already gone. ``published`` is an ISO 8601 date, possibly
    partial (``"2023"``, ``"2023-09"``, ``"2023-09-19"``) or a full date-time.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "data/x.txt" or "data/feed.jsonl:3"
    record_id: str | None = None  # the id the input gave it (a JSONL record's "id")

    @property
    def sha256(self) -> str:
        """The content hash of the article text."""
        return content_hash(self.text)

    @classmethod
    def from_text(cls, text: str, **metadata: str | None) -> Article:
        """An article from ready text, its id from its :func:`article_identity`."""
        article_id = make_article_id(
            metadata.get("url"),
            text,
            record_id=metadata.get("record_id"),
            origin=metadata.get("origin"),
        )
        return cls(id=article_id, text=text, **metadata)


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(text[start:end], start, end)


@dataclass(frozen=True)
class Mention(Span):
    """A subject or object argument as it appears in the text.

    ``head`` is the span used for linking (a named entity or the noun phrase
    without determiners); ``ner`` is spaCy's entity label of the head, if any;
    ``literal`` marks values (dates, numbers) that become RDF literals.
    """

    head: Span | None = None
    ner: str | None = None
    literal: bool = False

    @property
    def key_span(self) -> Span:
        """The span to link: the head when known, else the whole mention."""
        return self.head or Span(self.text, self.start, self.end)


@dataclass(frozen=True)
class RelationMention(Span):
    """The relation phrase as written (``text``) and its normalised ``lemma``.

    ``lemma`` is the lookup key into the ontology's verb table: the verb lemma,
    its particle and preposition (``"call on"``), and for passives without an
    agent a leading ``"be"`` (``"be deploy to"``).
    """

    lemma: str = ""


@dataclass(frozen=True)
class Attribution:
    """Who says a fact: the speaker, the cue, and the quoted words of a direct quotation.

    ``cue`` is the lemma of the reporting word ("say", "claim", "deny", "accuse",
    "according to"); ``denial`` marks cues that reject the inner fact ("deny",
    "refute", "reject"), whose facts are then not asserted; ``relation`` is the
    ``kg:`` relation of the speech act itself ("states", "claims", "denies", ...).
    """

    speaker: Mention
    cue: str
    relation: str = "states"
    denial: bool = False
    quote: Span | None = None


@dataclass(frozen=True)
class TimeExpression(Span):
    """A time expression of a sentence and what it resolves to.

    ``value`` is an ISO 8601 date, year-month or year ("2023-09-19", "2023-09",
    "2023"), resolved against the publication date for relative expressions, or
    None when it cannot be resolved. A span of time ("from 2009 to 2011", "since 1994",
    "by 2020") also has its ends, ``span_start`` and ``span_end`` (ISO values as
    ``value``), one of them None when the span is open; an open span has no ``value``.
    """

    value: str | None = None
    span_start: str | None = None
    span_end: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A count: ``value`` things of ``kind`` (the counted noun is the triple's subject).

    ``kind`` is a normalised kind of count ("deaths", "injuries", "displaced",
    "troops", "people", or the counted noun's lemma); ``qualifier`` one of
    "at least", "about", "over", "up to", "at most", "exactly", "each" (one count for
    each of the clause's subjects: "X and Y each took three") or None; ``about``
    the event or place the count is about when the sentence says so.
    """

    value: int | float
    kind: str
    qualifier: str | None = None
    about: Mention | None = None


@dataclass(frozen=True)
class SurfaceTriple:
    """A subject-relation-object fact as extracted from one sentence.

    ``arguments`` are further arguments of an n-ary fact (prepositional, temporal
    and locative phrases, each with its preposition: "in July 1946"), their
    ``head`` the part to link. ``phrase`` is the relation as an Open IE phrase
    when it is not ``relation.text``: the relation words alone, without the words
    of arguments between them, or an implicit "is" of an apposition.
    """

    subject: Mention
    relation: RelationMention
    object: Mention
    sentence: Span
    rule: str
    confidence: float
    negated: bool = False
    arguments: tuple[Mention, ...] = ()
    phrase: str = ""
    attribution: Attribution | None = None
    modality: str | None = None
    time: TimeExpression | None = None
    quantity: Quantity | None = None

    @property
    def asserted(self) -> bool:
        """Whether the fact is stated as true: not negated, hedged, denied or a count.

        Only asserted facts become plain triples; the others exist only as
        provenance nodes, so a naive SPARQL query for the positive fact misses them.
        """
        denied = self.attribution is not None and self.attribution.denial
        return not (self.negated or self.modality or denied or self.quantity)


@dataclass(frozen=True)
class ParsedArticle:
    """An article with what extraction found in it.

    ``mentions`` are the article's names and noun chunks in text order, from which
    linking collects aliases, people and antecedents (linking reads no spaCy ``Doc``).
    """

    article: Article
    sentences: tuple[Span, ...]
    triples: tuple[SurfaceTriple, ...]
    mentions: tuple[NameMention, ...] = ()


@dataclass(frozen=True)
class NameMention:
    """A named entity or noun chunk of an article: the mention, plural or not, subject or not."""

    mention: Mention
    plural: bool
    subject: bool


class LinkMethod(str, Enum):
    """How a mention was resolved to an entity."""

    CATALOG = "catalog"  # a catalog label or alias
    FUZZY = "fuzzy"  # a catalog or gazetteer name, spelled differently
    GAZETTEER = "gazetteer"  # a country or city of the gazetteer (names, codes)
    TEXT_ALIAS = "text-alias"  # an alias the article introduced: "X (Y)", "X, known as Y"
    SHORT_NAME = "short-name"  # a person's surname after their full name
    METONYMY = "metonymy"  # a capital used as an actor: its country's government
    DEMONYM = "demonym"  # "Azerbaijani forces", "Armenians"
    COREFERENCE = "coreference"  # a pronoun or definite description
    NER = "ner"  # a named entity spaCy recognised
    NEW = "new"  # any other noun phrase
    LITERAL = "literal"


@dataclass(frozen=True)
class Entity:
    """A real-world thing: a node of the graph.

    ``key`` is unique in a graph and becomes the IRI's local part; ``cls`` is
    an ontology class local name such as ``"Country"``.
    """

    key: str
    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    affiliation: str | None = None  # key of the country a force or authority belongs to


@dataclass(frozen=True)
class Relation:
    """A relation property: canonical (in the ontology) or open (its verb phrase)."""

    key: str
    label: str
    canonical: bool


@dataclass(frozen=True)
class ModelInfo:
    """Which spaCy model parsed the text, for the build run's provenance."""

    name: str
    version: str
    spacy_version: str


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from. Every fact has one; it is never optional."""

    article_id: str
    sentence: Span
    extractor: str
    confidence: float  # P(fact is right), kgraph.link.trust; else the extractor's score
    extraction_confidence: float | None = None  # the extractor's own score, once calibrated


@dataclass(frozen=True)
class LinkedFact:
    """A fact whose arguments are entities (or a literal object) and whose relation is an IRI."""

    subject: Entity
    relation: Relation
    object: Entity | str
    surface: SurfaceTriple
    provenance: Provenance
    subject_method: LinkMethod = LinkMethod.NEW
    object_method: LinkMethod = LinkMethod.NEW
    surface_forms: tuple[tuple[Entity, str], ...] = field(default=())
    subject_score: float = 1.0
    object_score: float = 1.0
    speaker: Entity | None = None  # the entity of surface.attribution.speaker
    about: Entity | None = None  # the entity of surface.quantity.about
    #: one of the facts of a mention of several ("the two countries"): one fact per entity
    split: bool = False
    #: an asserted fact under the build's --min-confidence: a provenance node, no plain triple
    held_back: bool = False
