"""The store's schema as an ordered list of migrations; the version lives in the database."""
from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles and the per-article layers, keyed by doc_id; local entity keys map to corpus ids in entity_map.
    """
    CREATE TABLE articles (
        doc_id VARCHAR PRIMARY KEY, content_id VARCHAR NOT NULL, title VARCHAR, published VARCHAR,
        published_precision VARCHAR, author VARCHAR, outlet VARCHAR, language VARCHAR, url VARCHAR,
        source VARCHAR, body VARCHAR NOT NULL, record JSON NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE mentions (doc_id VARCHAR, local_key VARCHAR, text VARCHAR, start_char INTEGER,
        end_char INTEGER, type VARCHAR, kind VARCHAR);
    CREATE TABLE events (doc_id VARCHAR, idx INTEGER, type VARCHAR, source_key VARCHAR, target_key VARCHAR,
        location VARCHAR, date VARCHAR, date_precision VARCHAR, modality VARCHAR, evidence VARCHAR,
        start_char INTEGER, end_char INTEGER, trigger VARCHAR, confidence DOUBLE);
    CREATE TABLE quotes (doc_id VARCHAR, idx INTEGER, speaker_key VARCHAR, speaker_text VARCHAR, cue VARCHAR,
        content VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR);
    CREATE TABLE timex (doc_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
        value VARCHAR, type VARCHAR, anchor VARCHAR);
    CREATE TABLE entities (id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, iso VARCHAR, lat DOUBLE,
        lon DOUBLE, n_docs INTEGER);
    CREATE TABLE entity_aliases (entity_id VARCHAR, alias VARCHAR);
    CREATE TABLE entity_map (doc_id VARCHAR, local_key VARCHAR, entity_id VARCHAR);
    """,
    # 2: corpus-level layers, rebuilt after each build from the stored records.
    """
    CREATE TABLE story_events (id VARCHAR PRIMARY KEY, type VARCHAR, source_id VARCHAR, target_id VARCHAR,
        date VARCHAR, date_precision VARCHAR, location VARCHAR, n_sources INTEGER, first_doc VARCHAR,
        data JSON);
    CREATE TABLE story_event_mentions (story_id VARCHAR, doc_id VARCHAR, event_idx INTEGER);
    CREATE TABLE claims (id VARCHAR PRIMARY KEY, text VARCHAR, speaker VARCHAR, n_sources INTEGER, data JSON);
    CREATE TABLE contradictions (idx INTEGER, kind VARCHAR, a_doc VARCHAR, b_doc VARCHAR, data JSON);
    CREATE TABLE source_profiles (doc_id VARCHAR PRIMARY KEY, trust DOUBLE, machine_translation BOOLEAN,
        content_farm BOOLEAN, independent_group VARCHAR, data JSON);
    """,
    # 3: which evidence gave an article's publication date (front matter, dateline, URL ...).
    """
    ALTER TABLE articles ADD COLUMN published_source VARCHAR;
    """,
    # 4: the mention a quote's speaker was resolved from ({text, start, end} as JSON; NULL when unknown).
    """
    ALTER TABLE quotes ADD COLUMN speaker_mention JSON;
    """,
    # 5: the mentions an event's actors were read from ({text, start, end} as JSON; NULL when none).
    """
    ALTER TABLE events ADD COLUMN source_mention JSON;
    ALTER TABLE events ADD COLUMN target_mention JSON;
    """,
    # 6: corpus-layer block results kept between builds (resolve.blocks; pickled), keyed by layer and input hash.
    """
    CREATE TABLE block_cache (layer VARCHAR, key VARCHAR, value BLOB, PRIMARY KEY (layer, key));
    """,
    # 7: the digest of the raw input each article was last read from (ingest.input_digest) and the content id that
    # reading gave: a build skips an input with that digest while the stored article has that content id.
    """
    CREATE TABLE input_digests (doc_id VARCHAR PRIMARY KEY, digest VARCHAR NOT NULL, content_id VARCHAR NOT NULL);
    """,
]

PER_ARTICLE_TABLES = ("mentions", "events", "quotes", "timex")
CORPUS_TABLES = ("entities", "entity_aliases", "entity_map", "story_events", "story_event_mentions",
                 "claims", "contradictions", "source_profiles")
