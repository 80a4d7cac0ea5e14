"""Quantities and times of facts: counts as xsd numerics, resolved dates.

On the fact node (an ``rdf:Statement``, see :mod:`kgraph.graph.rdf`):

- a count is also ``a kg:Quantity`` with ``kg:count`` (``xsd:integer``, or
  ``xsd:decimal`` for a fraction), ``kg:quantityKind``, ``kg:qualifier`` when the
  text gives one, and ``kg:about`` the entity of the event or place it is about;
- a fact with a time expression has ``kg:timeText`` (as written) and, when it
  resolves, ``kg:time`` typed ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``;
  a span of time ("from 2009 to 2011", "since 1994", "by 2020") also has
  ``kg:timeStart`` and ``kg:timeEnd``, typed the same, without the open end.

>>> count_literal(192).value, count_literal(1.5).datatype.value.rsplit("#")[1]
('192', 'decimal')
>>> time_literal("2023-09").datatype.value.rsplit("#")[1]
'gYearMonth'
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD

from kgraph.model import LinkedFact
from kgraph.vocab import KG, Iris

__all__ = ["count_literal", "measure_triples", "time_literal"]

_XSD = {
    name: ox.NamedNode(str(XSD[name]))
    for name in ("integer", "decimal", "gYear", "gYearMonth", "date")
}
_BY_LENGTH = {4: _XSD["gYear"], 7: _XSD["gYearMonth"], 10: _XSD["date"]}
_TYPE = ox.NamedNode(str(RDF.type))
_QUANTITY = ox.NamedNode(str(KG.Quantity))
_COUNT = ox.NamedNode(str(KG.count))
_KIND = ox.NamedNode(str(KG.quantityKind))
_QUALIFIER = ox.NamedNode(str(KG.qualifier))
_ABOUT = ox.NamedNode(str(KG.about))
_TIME = ox.NamedNode(str(KG.time))
_TIME_TEXT = ox.NamedNode(str(KG.timeText))
_TIME_START = ox.NamedNode(str(KG.timeStart))
_TIME_END = ox.NamedNode(str(KG.timeEnd))


def count_literal(value: int | float) -> ox.Literal:
    """A count as ``xsd:integer``, or ``xsd:decimal`` when it has a fraction."""
    if isinstance(value, int) or float(value).is_integer():
        return ox.Literal(str(int(value)), datatype=_XSD["integer"])
    return ox.Literal(str(Decimal(repr(value))), datatype=_XSD["decimal"])


def time_literal(value: str) -> ox.Literal | None:
    """An ISO year, year-month or date as its XSD type; None for anything else."""
    datatype = _BY_LENGTH.get(len(value))
    return ox.Literal(value, datatype=datatype) if datatype is not None else None


def measure_triples(
    iris: Iris, node: ox.NamedNode, fact: LinkedFact
) -> Iterator[tuple[Any, Any, Any]]:
    """The fact node's quantity and time triples (pyoxigraph terms)."""
    surface = fact.surface
    quantity = surface.quantity
    if quantity is not None:
        yield node, _TYPE, _QUANTITY
        yield node, _COUNT, count_literal(quantity.value)
        yield node, _KIND, ox.Literal(quantity.kind)
        if quantity.qualifier:
            yield node, _QUALIFIER, ox.Literal(quantity.qualifier)
        if fact.about is not None:
            yield node, _ABOUT, ox.NamedNode(str(iris.entity(fact.about.key)))
    time = surface.time
    if time is not None:
        yield node, _TIME_TEXT, ox.Literal(time.text)
        ends = ((_TIME, time.value), (_TIME_START, time.span_start), (_TIME_END, time.span_end))
        for predicate, iso in ends:
            value = time_literal(iso) if iso else None
            if value is not None:
                yield node, predicate, value
