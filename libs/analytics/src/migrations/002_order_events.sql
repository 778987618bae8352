-- Every order event ever ingested (append-only history for stats and audits); a redelivered
-- event has the same event_id and collapses into one row.
CREATE TABLE IF NOT EXISTS order_events
(
    tenant_id   LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    event_id    String,
    event_type  LowCardinality(String),
    order_id    String,
    user_id     String,
    reward_id   String,
    source_type LowCardinality(String),
    state       LowCardinality(String),
    version     UInt32,
    data        String
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 10000
