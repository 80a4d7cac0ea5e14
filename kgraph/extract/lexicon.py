"""Word and label lists the extraction rules read (named sets, one place)."""

from __future__ import annotations

#: Children left out of an argument's span: other conjuncts, clauses and appositions
#: give facts of their own.
CLAUSE_DEPS = frozenset({"acl", "advcl", "appos", "cc", "conj", "parataxis", "preconj", "relcl"})
#: Left modifiers that belong to the noun phrase used as a head.
NP_DEPS = frozenset({"amod", "case", "compound", "nmod", "npadvmod", "nummod", "poss", "quantmod"})
#: Verbs of seeing and witnessing: their "-ing" complement needs an object before it ("saw
#: them leaving"), so a bare "-ing" word after them modifies a noun ("has seen rising prices").
PERCEPTION_VERBS = frozenset({"see", "witness", "watch", "observe", "notice"})
#: Words dropped from the front of a head noun phrase.
QUANTIFIERS = frozenset(
    {
        "all",
        "another",
        "any",
        "both",
        "each",
        "either",
        "every",
        "few",
        "many",
        "more",
        "most",
        "much",
        "neither",
        "no",
        "other",
        "several",
        "some",
        "such",
    }
)
#: Nouns that only count or group what their "of" phrase names: "a set of new sanctions"
#: is about the sanctions, so the argument's head is the "of" object.
CONTAINER_NOUNS = frozenset(
    {
        "amount",
        "array",
        "batch",
        "bunch",
        "couple",
        "dozen",
        "group",
        "handful",
        "host",
        "kind",
        "lot",
        "majority",
        "number",
        "pair",
        "part",
        "percentage",
        "proportion",
        "range",
        "rest",
        "series",
        "set",
        "sort",
        "spate",
        "string",
        "total",
        "type",
        "variety",
        "wave",
    }
)
#: Head nouns of a percentage the model may leave untagged ("40 per cent"): a value.
PERCENT_WORDS = frozenset({"cent", "percent", "percentage", "%"})
#: Container nouns that, made definite, measure or pick out a thing of their own: "a drop in
#: the number of people", "the part of Hamlet".
MEASURE_NOUNS = frozenset({"amount", "number", "part", "percentage", "proportion", "total"})
#: Currency nouns of an amount the model may leave untagged ("6 billion dollars"): a value.
CURRENCY_WORDS = frozenset(
    {"dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "rupees", "francs"}
)
#: Nouns that a following "of" name only names: "the town of Hill Top" is Hill Top.
PLACE_NOUNS = frozenset(
    {
        "city",
        "county",
        "district",
        "island",
        "municipality",
        "province",
        "region",
        "state",
        "suburb",
        "town",
        "village",
    }
)
#: Time words that open a telegraphic noun phrase ("Today Apple released"): never a name's part.
DEICTIC_TIME_WORDS = frozenset(
    {
        "today",
        "tonight",
        "tomorrow",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
#: Nouns that name a stretch or point of time: a phrase they head ("for decades", "at the
#: time", "over the past two years") is when or how long, never a thing a fact is about.
TIME_NOUNS = frozenset(
    {"time", "moment", "period", "while", "century", "decade", "year", "month", "week"}
    | {"weekend", "day", "night", "overnight", "hour", "minute", "second", "morning"}
    | {"afternoon", "evening", "season", "spring", "summer", "autumn", "winter"}
)
#: Argument heads must be nouns or numbers; everything else is refused.
ARGUMENT_POS = frozenset({"NOUN", "NUM", "PROPN"})
PRONOUNS = frozenset(
    {
        "all",
        "both",
        "each",
        "he",
        "her",
        "herself",
        "him",
        "himself",
        "i",
        "it",
        "itself",
        "me",
        "one",
        "ones",
        "other",
        "others",
        "she",
        "that",
        "them",
        "themselves",
        "these",
        "they",
        "this",
        "those",
        "us",
        "we",
        "what",
        "which",
        "who",
        "whom",
        "you",
    }
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Entity labels of a name parsed as an apposition that is really the clause's subject.
ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
RELATIVEPRONOUNS = frozenset({"that", "which", "who", "whom"})
#: Personal pronouns that may stand as graph arguments: the linker resolves them
#: to an earlier entity (coreference) or drops the fact.
COREFERABLE = frozenset({"he", "him", "she", "her", "it", "they", "them"})
#: Entity labels whose arguments become RDF literals.
LITERAL_LABELS = frozenset({"CARDINAL", "DATE", "MONEY", "ORDINAL", "PERCENT", "QUANTITY", "TIME"})
#: Words that make a noun phrase a title or office ("Prime Minister", "President").
TITLE_NOUNS = frozenset(
    {
        "ambassador",
        "chairman",
        "chairwoman",
        "chancellor",
        "chief",
        "commander",
        "director",
        "envoy",
        "executive",
        "general",
        "governor",
        "head",
        "king",
        "leader",
        "mayor",
        "minister",
        "officer",
        "ombudsman",
        "premier",
        "president",
        "prince",
        "queen",
        "secretary",
        "senator",
        "speaker",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    }
)
#: Title words that may open a PERSON entity ("President Ilham Aliyev").
TITLE_WORDS = TITLE_NOUNS | {"prime", "foreign", "defense", "defence", "deputy", "vice", "acting"}
HYPHENS = frozenset({"-", "‐", "–"})
OPENING_QUOTES = frozenset({"``", '"', "‘", "“"})
CLOSING_QUOTES = frozenset({"''", '"', "’", "”"})
#: Modal auxiliaries ("will extend ... and strengthen" share "will").
MODALS = frozenset(
    {"can", "could", "may", "might", "must", "shall", "should", "will", "would", "'ll"}
)
#: Adverbs that, right after their verb, are its particle: the parser often tags them
#: advmod, yet "pushed back the launch" is no "push", nor "look forward to" a "look to".
PARTICLE_ADVERBS = frozenset(
    {"ahead", "along", "apart", "around", "aside", "away", "back", "down", "forward",
     "off", "out", "over", "through", "together", "up"}
)  # fmt: skip
#: Verbs of having whose place phrase is part of what is had: "Russia has military bases
#: in Armenia" has "military bases in Armenia", not just "military bases".
HOLDING_VERBS = frozenset({"have", "hold", "keep", "maintain", "own", "retain"})
#: Prepositions of that place phrase.
HELD_PLACE_PREPS = frozenset(
    {"across", "around", "at", "in", "inside", "near", "on", "over", "throughout"}
)
#: Entity labels of a place or body a thing had is in: "bases in Armenia", "a share in Aer Lingus".
HELD_PLACE_LABELS = frozenset({"FAC", "GPE", "LOC", "ORG"})
#: Verbs of naming: "known as Stepanakert by Armenians" names; its agent only says who calls it so.
NAMING_VERBS = frozenset({"call", "dub", "know", "label", "name", "nickname", "refer", "term"})
