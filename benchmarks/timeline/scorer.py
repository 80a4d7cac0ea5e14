"""The TimeLine task's score: temporal awareness over the relations a timeline implies.

What this follows (SemEval-2015 Task 4, Minard et al. 2015, doi 10.18653/v1/s15-2132, and the
task's evaluation page, alt.qcri.org/semeval2015/task4 "Tools"): each timeline becomes a graph of
temporal relations, then the TempEval-3 measure of temporal awareness (UzZaman and Allen 2011)
scores the system's graph against the gold one, micro-averaged over the target entities.

The graph of a timeline (the evaluation page's transformation "ordering and time anchors"):

- every time anchor (a line's ``DATE``) is a node, as a TIMEX3 is; every event is related to its
  line's anchor by SIMULTANEOUS;
- events at the same position (the same ``ORDER``) are SIMULTANEOUS, pairwise;
- an event at one position is BEFORE each event of the next position (the later positions follow
  by closure, so they are not listed);
- position 0 is the events that cannot be placed: each is SIMULTANEOUS with the unknown anchor
  ``XXXX-XX-XX``, and related to nothing else.

An event's anchor relation holds in the other graph when the event has the same anchor there. It
is not carried through the closure: "undated" is no single time, and one coarse date may hold
several positions (``1985`` at positions 3 and 4 of the gold timeline of Steve Jobs), so joining
the events of one anchor into one class would contradict the gold timelines themselves.

The measure (UzZaman and Allen 2011; TempEval-3 task paper, section 4): precision is the share of
the system's relations that the gold graph's temporal closure verifies,
``|Sys ∩ closure(Gold)| / |Sys|``, recall the share of the gold relations that the system's
closure verifies, ``|Gold ∩ closure(Sys)| / |Gold|``, and F1 their harmonic mean. The closure is
that of point algebra restricted to these two relations: SIMULTANEOUS is an equivalence (the
classes of equal time), BEFORE is transitive over the classes. As in the TempEval-3 scorer, a
relation the other graph states explicitly is verified before the closure is asked; a relation
the closure contradicts (a BEFORE inside one class: the gold timelines list a few words twice,
"1173-4-deal" at two positions, since ``DOCID-SENTENCE-WORD`` cannot tell two "deal" of one
sentence apart) verifies nothing otherwise.
TempEval-3 also removes redundant relations (the "reduced graph") before counting; this scorer
counts the explicit relations listed above instead (the toolkit's ``acl11`` method), since the
reduced graph of a timeline is not unique and the choice would change the score.

Events match by their ``DOCID-SENTENCE-WORD`` text, case-insensitively.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
UNDATED = "XXXX-XX-XX"

#: A relation: (node, node, BEFORE | SIMULTANEOUS). Events are "e:..." and anchors "t:...".
Relation = tuple[str, str, str]


@dataclass(frozen=True)
class Line:
    """One point of a timeline: its position, its date and its events (simultaneous)."""

    order: int
    date: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    """A target entity's timeline in the task's format."""

    entity: str
    lines: tuple[Line, ...]

    def events(self) -> set[str]:
        """Every event of the timeline, as matched (case-folded)."""
        return {_event(e) for line in self.lines for e in line.events}


@dataclass(frozen=True)
class Score:
    """The counts of one comparison, and precision, recall and F1 from them."""

    system: int  # relations of the system's graph
    gold: int  # relations of the gold graph
    verified_system: int  # system relations the gold closure verifies
    verified_gold: int  # gold relations the system closure verifies

    @property
    def precision(self) -> float:
        return self.verified_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.verified_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.system + other.system,
            self.gold + other.gold,
            self.verified_system + other.verified_system,
            self.verified_gold + other.verified_gold,
        )


def relations(timeline: Timeline) -> list[Relation]:
    """The explicit relations of a timeline's graph (module docstring), without repeats.

    >>> t = read_timeline("X\\n1\\t2005-01-18\\td-1-a\\n2\\t2005-04\\td-2-b\\td-3-c\\n")
    >>> [r for r in relations(t) if r[0].startswith("e:d-1")]
    [('e:d-1-a', 't:2005-01-18', 'SIMULTANEOUS'), ('e:d-1-a', 'e:d-2-b', 'BEFORE'), \
('e:d-1-a', 'e:d-3-c', 'BEFORE')]
    """
    positions: dict[int, list[str]] = {}
    found: dict[Relation, None] = {}
    for line in timeline.lines:
        date = UNDATED if line.order == 0 else line.date
        for event in line.events:
            node = "e:" + _event(event)
            found[(node, "t:" + date, SIMULTANEOUS)] = None
            positions.setdefault(line.order, []).append(node)
    placed = sorted(order for order in positions if order > 0)
    for order in placed:
        events = list(dict.fromkeys(positions[order]))
        for i, a in enumerate(events):
            for b in events[i + 1 :]:
                found[(a, b, SIMULTANEOUS)] = None
    for earlier, later in itertools.pairwise(placed):
        for a in dict.fromkeys(positions[earlier]):
            for b in dict.fromkeys(positions[later]):
                found[(a, b, BEFORE)] = None
    return [r for r in found if r[0] != r[1]]


class Closure:
    """The temporal closure of a graph of BEFORE and SIMULTANEOUS relations."""

    def __init__(self, graph: Iterable[Relation]) -> None:
        graph = list(graph)
        self._explicit = set(graph)
        self._parent: dict[str, str] = {}
        self._anchors: dict[str, set[str]] = {}
        for a, b, rel in graph:
            if b.startswith("t:"):
                self._anchors.setdefault(a, set()).add(b)
            elif rel == SIMULTANEOUS:
                self._union(a, b)
            else:
                self._find(a), self._find(b)
        self._later: dict[str, set[str]] = {}
        for a, b, rel in graph:
            if rel == BEFORE and self._find(a) != self._find(b):
                self._later.setdefault(self._find(a), set()).add(self._find(b))
        self._reach: dict[str, frozenset[str]] = {}

    def holds(self, relation: Relation) -> bool:
        """Whether the graph states the relation or its closure verifies it."""
        a, b, rel = relation
        if relation in self._explicit or (rel == SIMULTANEOUS and (b, a, rel) in self._explicit):
            return True
        if b.startswith("t:"):
            return b in self._anchors.get(a, ())
        if a not in self._parent or b not in self._parent:
            return False
        x, y = self._find(a), self._find(b)
        if rel == SIMULTANEOUS:
            return x == y
        return x != y and y in self._reachable(x) and x not in self._reachable(y)

    def _find(self, node: str) -> str:
        parent = self._parent.setdefault(node, node)
        while parent != self._parent[parent]:
            parent = self._parent[parent]
        self._parent[node] = parent
        return parent

    def _union(self, a: str, b: str) -> None:
        self._parent[self._find(a)] = self._find(b)

    def _reachable(self, start: str) -> frozenset[str]:
        if start not in self._reach:
            seen: set[str] = set()
            todo = list(self._later.get(start, ()))
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(self._later.get(node, ()))
            self._reach[start] = frozenset(seen)
        return self._reach[start]


def score(system: Timeline, gold: Timeline) -> Score:
    """Temporal awareness of one system timeline against its gold timeline.

    >>> gold = read_timeline("X\\n1\\t2005\\td-1-a\\n2\\t2006\\td-2-b\\n")
    >>> score(gold, gold).f1
    1.0
    """
    sys_graph, gold_graph = relations(system), relations(gold)
    sys_closure, gold_closure = Closure(sys_graph), Closure(gold_graph)
    return Score(
        len(sys_graph),
        len(gold_graph),
        sum(gold_closure.holds(r) for r in sys_graph),
        sum(sys_closure.holds(r) for r in gold_graph),
    )


def micro(scores: Iterable[Score]) -> Score:
    """The micro average: the counts of all target entities summed."""
    total = Score(0, 0, 0, 0)
    for one in scores:
        total = total + one
    return total


def read_timeline(text: str) -> Timeline:
    """A timeline in the task's format: the entity, then ``ORDER<TAB>DATE<TAB>EVENT...`` lines.

    Raises:
        ValueError: a line has no order, date and event, or its order is no number.
    """
    rows = [row for row in text.splitlines() if row.strip()]
    if not rows:
        raise ValueError("an empty timeline: its first line is the target entity")
    lines = []
    for number, row in enumerate(rows[1:], 2):
        cells = row.rstrip("\n").split("\t")
        if len(cells) < 3 or not cells[0].strip().isdigit():
            raise ValueError(f"line {number} {row!r} is not ORDER<TAB>DATE<TAB>EVENT[<TAB>...]")
        events = tuple(c.strip() for c in cells[2:] if c.strip())
        lines.append(Line(int(cells[0]), cells[1].strip(), events))
    return Timeline(rows[0].strip(), tuple(lines))


def format_timeline(timeline: Timeline) -> str:
    """The timeline in the task's format (what :func:`read_timeline` reads)."""
    body = (f"{line.order}\t{line.date}\t" + "\t".join(line.events) for line in timeline.lines)
    return "\n".join([timeline.entity, *body]) + "\n"


def ordered(entity: str, dated: Iterable[tuple[str, tuple[str, ...]]]) -> Timeline:
    """A timeline from (date, events) points: undated ones at position 0, the rest by date.

    A date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or ``XX`` for unknown parts, ``""`` for
    none); a coarser date comes before the finer ones inside it (2005-01 before 2005-01-18), as in
    the gold timelines.

    >>> t = ordered("X", [("2005-01-18", ("d-2-b",)), ("", ("d-3-c",)), ("2005-01", ("d-1-a",))])
    >>> print(format_timeline(t).replace("\\t", " "), end="")
    X
    0 XXXX-XX-XX d-3-c
    1 2005-01-XX d-1-a
    2 2005-01-18 d-2-b
    """
    points = [(_task_date(date), events) for date, events in dated]
    dates = sorted({d for d, _ in points if d != UNDATED}, key=lambda d: d.replace("XX", "00"))
    position = {d: i for i, d in enumerate(dates, 1)}
    lines = [Line(position.get(d, 0), d, events) for d, events in points]
    return Timeline(entity, tuple(sorted(lines, key=lambda line: (line.order, line.events))))


def _task_date(date: str) -> str:
    parts = [p for p in date[:10].split("-") if p]
    if not parts or not parts[0].isdigit():
        return UNDATED
    return "-".join([*parts, "XX", "XX"][:3])


def _event(event: str) -> str:
    return event.strip().casefold()


def iter_events(timeline: Timeline) -> Iterator[str]:
    """The events as written, in timeline order."""
    for line in timeline.lines:
        yield from line.events
