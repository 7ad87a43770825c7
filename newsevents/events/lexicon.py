"""The trigger lexicon (data/events/lexicon.yaml), compiled once into lookup tables.

Coding is compositional: a trigger word gives a code directly ("praised" -> 051), or a family
(appeal, intent, demand, reject, threaten) whose code depends on the topic of its complement
("agreed to send troops": intent x military aid -> 0332). Topics are keyword sets over lemmas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from newsevents.resources import load_data


@dataclass(frozen=True, slots=True)
class Alternative:
    """One reading of a trigger word, with the conditions under which it applies."""

    lemma: str
    pos: str  # "verb", "noun", "adjective"
    code: str | None = None
    family: str | None = None
    topics: dict[str, str] = field(default_factory=dict)
    default_topic: str | None = None
    fallback: str | None = None
    require_topic: bool = False
    block: bool = False
    weak: bool = False
    governs: bool = False
    prep: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    dobj: frozenset[str] = frozenset()
    xcomp: bool = False
    ccomp: bool = False
    modal: frozenset[str] = frozenset()
    require_light: frozenset[str] = frozenset()
    index: int = 0

    @property
    def name(self) -> str:
        """A stable name for Event.rule: pos:lemma#n."""
        return f"{self.pos}:{self.lemma}#{self.index}"


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    any: frozenset[str]
    all: tuple[frozenset[str], ...]

    def matches(self, lemmas: set[str]) -> bool:
        if self.any and not self.any.isdisjoint(lemmas):
            return True
        return bool(self.all) and all(not g.isdisjoint(lemmas) for g in self.all)


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    default: str
    codes: dict[str, str]


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, tuple[Alternative, ...]]
    nouns: dict[str, tuple[Alternative, ...]]
    adjectives: dict[str, tuple[Alternative, ...]]
    families: dict[str, Family]
    topics: tuple[Topic, ...]
    code_topics: dict[str, str]
    sports_words: frozenset[str] = frozenset()
    sports_weak: frozenset[str] = frozenset()
    # Every lemma a lookup can start from: the entries, and the head word of "hunger_strike" style
    # noun keys (any suffix after a "_"). A word outside it is no trigger, whatever its parse.
    trigger_lemmas: frozenset[str] = field(init=False)
    # topic_of's allowed topics in file order, by the id of the allowed collection (kept, so the id is
    # never reused): callers pass the lexicon's own code tables, a few dozen of them.
    _allowed: dict[int, tuple[object, tuple[Topic, ...]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        heads = {key[i + 1 :] for key in self.nouns for i, ch in enumerate(key) if ch == "_"}
        self.trigger_lemmas = (
            frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives) | heads
        )

    def topic_of(self, lemmas: set[str], allowed: Iterable[str]) -> str | None:
        """The first topic (in file order) that is allowed here and whose keywords occur."""
        for topic in self._allowed_topics(allowed):
            if topic.matches(lemmas):
                return topic.name
        return None

    def _allowed_topics(self, allowed: Iterable[str]) -> tuple[Topic, ...]:
        known = self._allowed.get(id(allowed))
        if known is not None and known[0] is allowed:
            return known[1]
        names = set(allowed)
        topics = tuple(t for t in self.topics if t.name in names)
        if len(self._allowed) < 1024:  # bounded: a caller passing fresh collections is only not sped up
            self._allowed[id(allowed)] = (allowed, topics)
        return topics

    def code_topic(self, code: str) -> str | None:
        """The topic a complement action's code stands for (longest matching prefix)."""
        for n in range(len(code), 1, -1):
            topic = self.code_topics.get(code[:n])
            if topic:
                return topic
        return None

    def family_code(self, family: str, topic: str | None) -> str:
        fam = self.families[family]
        return fam.codes.get(topic or "", fam.default)


# YAML 1.1 reads a bare `on` / `off` as a boolean: in word lists they are the particles.
_BOOL_WORDS = {True: "on", False: "off"}


def _words(values: object) -> frozenset[str]:
    return frozenset(_BOOL_WORDS[v] if isinstance(v, bool) else str(v) for v in values or ())


def _alternatives(lemma: str, pos: str, spec: object) -> tuple[Alternative, ...]:
    specs = spec if isinstance(spec, list) else [spec]
    out = []
    for i, s in enumerate(specs):
        if isinstance(s, str):
            s = {"code": s}
        assert isinstance(s, dict), (lemma, s)
        out.append(
            Alternative(
                lemma=lemma,
                pos=pos,
                code=s.get("code"),
                family=s.get("family"),
                topics=dict(s.get("topics") or {}),
                default_topic=s.get("default_topic"),
                fallback=s.get("fallback"),
                require_topic=bool(s.get("require_topic")),
                block=bool(s.get("block")),
                weak=bool(s.get("weak")),
                governs=bool(s.get("governs")),
                prep=_words(s.get("prep")),
                obj=_words(s.get("obj")),
                dobj=_words(s.get("dobj")),
                xcomp=bool(s.get("xcomp")),
                ccomp=bool(s.get("ccomp")),
                modal=_words(s.get("modal")),
                require_light=_words(s.get("require_light")),
                index=i,
            )
        )
    return tuple(out)


def _topic(spec: dict) -> Topic:
    return Topic(
        name=spec["name"],
        any=_words(spec.get("any")),
        all=tuple(_words(g) for g in spec.get("all") or ()),
    )


@cache
def lexicon() -> Lexicon:
    data = load_data("events", "lexicon.yaml")
    families = {
        name: Family(name, str(f["default"]), {k: str(v) for k, v in f["codes"].items()})
        for name, f in data["families"].items()
    }
    topics = tuple(_topic(t) for t in data["topics"]) + tuple(_topic(t) for t in data.get("refinements", []))
    return Lexicon(
        verbs={k: _alternatives(k, "verb", v) for k, v in data["verbs"].items()},
        nouns={k: _alternatives(k, "noun", v) for k, v in data["nouns"].items()},
        adjectives={k: _alternatives(k, "adjective", v) for k, v in data["adjectives"].items()},
        families=families,
        topics=topics,
        code_topics={str(k): v for k, v in data["code_topics"].items()},
        sports_words=frozenset(data.get("sports_words") or ()),
        sports_weak=frozenset(data.get("sports_weak") or ()),
    )
