"""The dictionary ruler: finds dictionary actors before the statistical NER runs, so they get the right type.

It sits between the parser and "ner" (the parse is ready, the entities are not): a PhraseMatcher on ORTH
over every dictionary string, longest match wins, a few context checks, then the matches are preset as
entities (PERSON, GPE, ORG, NORP), which "ner" keeps and labels around. The matches themselves, with the
entry they name, are kept in ``doc.user_data`` for the actors component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsevents.actors.dictionary import LABELS, Dictionary, load_dictionary

MATCHES_KEY = "newsevents_actor_matches"
NORP = "NORP"
BLOCS = frozenset({"region", "religion", "ethnic"})
# A matched country or capital right after one of these starts a person's name or a title instead
# ("George Washington", "Michael Jordan"); these words are not first names.
NOT_FIRST_NAMES = frozenset(
    [
        "In",
        "At",
        "From",
        "To",
        "The",
        "A",
        "An",
        "And",
        "Or",
        "But",
        "Of",
        "For",
        "On",
        "With",
        "By",
        "As",
        "Both",
        "Then",
        "New",
        "North",
        "South",
        "East",
        "West",
    ]
)


class ActorRuler:
    def __init__(self, nlp: Language, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}  # match id -> (entry id, mention kind)
        by_key: dict[str, list[str]] = {}
        for pattern in dictionary.patterns.values():
            by_key.setdefault(f"{pattern.entry}\t{pattern.mention}", []).append(pattern.text)
        texts = [t for ts in by_key.values() for t in ts]
        docs = iter(nlp.tokenizer.pipe(texts))
        for key, ts in by_key.items():
            match_id = nlp.vocab.strings.add(key)
            entry, mention = key.split("\t")
            self.keys[match_id] = (entry, mention)
            self.matcher.add(key, [next(docs) for _ in ts])

    def find(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start, end, entry id, mention kind) of the dictionary names in doc, longest first-come."""
        # Before the longest match is chosen: "the West" must not hide "West Bank".
        found = [(s, e, m) for m, s, e in self.matcher(doc) if self._free_word(doc, s, e, m)]
        out = []
        for start, end, match_id in longest_first(found):
            entry_id, mention = self.keys[match_id]
            if not self._plausible(doc, start, entry_id, mention):
                continue
            out.append((start, end, entry_id, mention))
        return out

    def _free_word(self, doc: Doc, start: int, end: int, match_id: int) -> bool:
        """A region, religion or ethnic word inside a longer name is part of that name, not the bloc:
        "Western Union", "Arab Spring", "Christian Lindner", "Western-backed", "AOL Europe", "Louise Christian"
        (a country word before it is no name: "British Muslims")."""
        entry_id, _ = self.keys[match_id]
        if self.dictionary.entries[entry_id].kind not in BLOCS:
            return True
        if end < len(doc):
            nxt = doc[end]
            if nxt.text in {"-", "–"} or (nxt.is_title and nxt.tag_ in {"NNP", "NNPS"}):
                return False
        if start > 0:
            prev = doc[start - 1]
            if (
                (prev.is_title or prev.is_upper)
                and prev.tag_ == "NNP"
                and prev.text not in NOT_FIRST_NAMES
                and prev.text not in self.dictionary.patterns
            ):
                return False
        return True

    def _plausible(self, doc: Doc, start: int, entry_id: str, mention: str) -> bool:
        entry = self.dictionary.entries[entry_id]
        if entry.kind == "state" and mention != "adjective" and start > 0:
            prev = doc[start - 1]
            # "George Washington", "Mr Jordan": a place name after a proper name is a surname.
            if prev.tag_ == "NNP" and prev.is_title and prev.text not in NOT_FIRST_NAMES:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        matches = self.find(doc)
        doc.user_data[MATCHES_KEY] = matches
        spans = []
        for start, end, entry_id, mention in matches:
            kind = self.dictionary.entries[entry_id].kind
            label = NORP if mention == "adjective" else LABELS.get(kind, "ORG")
            spans.append(Span(doc, start, end, label=label))
        # "unmodified": the tokens we did not label stay open for the statistical NER.
        doc.set_ents(filter_spans(spans), default="unmodified")
        return doc


def longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spacy.util.filter_spans on (start, end, match id) triples, without building a Span per match: the
    longest (then first) of overlapping matches, the kept ones in text order."""
    ranked = sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for start, end, match_id in ranked:
        if start not in seen and end - 1 not in seen:
            kept.append((start, end, match_id))
            seen.update(range(start, end))
    return sorted(kept, key=lambda m: m[0])


@Language.factory(
    "newsevents_actor_ruler",
    default_config={"dictionaries": []},
    assigns=["doc.ents"],
)
def make_actor_ruler(nlp: Language, name: str, dictionaries: list[str]) -> ActorRuler:
    return ActorRuler(nlp, load_dictionary(tuple(dictionaries)))
