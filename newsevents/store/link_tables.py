"""Migration 2: the tables the link stage fills (cross-article happenings and their disagreements).

Plain DDL so the store does not import the link stage (a stage never imports a later one); the link
stage (``newsevents.link.storage``) writes these tables and ``events.cluster_id``.
"""

from __future__ import annotations

import duckdb

from newsevents.store.tables import Column

LINK_MEMBERS_COLUMNS = (
    Column("article_id", "VARCHAR", "events.article_id of the member event."),
    Column("event_id", "VARCHAR", "events.id of the member event."),
    Column("block", "VARCHAR", "Linking block: canonical source actor | kind of happening."),
    Column(
        "cluster_id", "VARCHAR", "The report (cluster inside the block); events.cluster_id is its happening."
    ),
)
EVENT_CLUSTERS_COLUMNS = (
    Column(
        "cluster_id", "VARCHAR", "The happening; derived from content (smallest member), not arrival order."
    ),
    Column("block", "VARCHAR", "The representative report's block (members may span blocks)."),
    Column("event_group", "VARCHAR", "Kind of happening: CAMEO roots grouped (force = 18, 19, 20...)."),
    Column("source_key", "VARCHAR", "Canonical source actor: ISO3 country, else actor code, else ~name."),
    Column("target_key", "VARCHAR"),
    Column("source_name", "VARCHAR"),
    Column("target_name", "VARCHAR"),
    Column("cameo_code", "VARCHAR", "Most common CAMEO code among the members."),
    Column("plover_type", "VARCHAR"),
    Column("num_mentions", "BIGINT", "As GDELT NumMentions: member events (an article may report twice)."),
    Column("num_articles", "BIGINT", "As GDELT NumArticles: distinct articles."),
    Column("num_sources", "BIGINT", "As GDELT NumSources: distinct outlets."),
    Column("first_reported", "DATE", "Earliest publication date among the members."),
    Column("last_reported", "DATE"),
    Column("date_value", "VARCHAR", "The date most members give, at the level most state."),
    Column("date_granularity", "VARCHAR", "year, month or day."),
    Column("place_name", "VARCHAR"),
    Column("place_country", "VARCHAR"),
    Column("representative_article", "VARCHAR"),
    Column("representative_event", "VARCHAR"),
    Column("representative_sentence", "VARCHAR"),
    Column("sources", "VARCHAR", "JSON list of outlets."),
    Column("members", "VARCHAR", "JSON list of [article_id, event_id]."),
)
DISAGREEMENTS_COLUMNS = (
    Column("disagreement_id", "VARCHAR"),
    Column("cluster_id", "VARCHAR", "The happening (for date_majority: the majority's cluster)."),
    Column("block", "VARCHAR"),
    Column("kind", "VARCHAR", "date, place, count or date_majority."),
    Column("field", "VARCHAR", "Date level (year/month/day), country/place, or the unit of a count."),
    Column("sides", "VARCHAR", "JSON: [{value, articles, sources, events, texts}], majority first."),
    Column("claim_cluster_id", "VARCHAR", "date_majority: the cluster of the contradicting claim."),
    Column("majority_value", "VARCHAR"),
    Column("majority_articles", "BIGINT"),
    Column("majority_sources", "VARCHAR", "JSON list of outlets."),
    Column("description", "VARCHAR", "One line for people."),
)
LINKED_ARTICLES_COLUMNS = (
    Column("article_id", "VARCHAR", "An article whose events the link stage has taken in."),
    Column("content_hash", "VARCHAR", "Its content hash then: a changed article is linked again."),
)
LINK_TABLES = {
    "linked_articles": LINKED_ARTICLES_COLUMNS,
    "link_members": LINK_MEMBERS_COLUMNS,
    "event_clusters": EVENT_CLUSTERS_COLUMNS,
    "disagreements": DISAGREEMENTS_COLUMNS,
}


def create_link_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name, columns in LINK_TABLES.items():
        cols = ",\n  ".join(f'"{c.name}" {c.type}' for c in columns)
        con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" (\n  {cols}\n)')
