-- The grants read model: one row per order, the latest version wins (ReplacingMergeTree),
-- ordered for the per-user history query. Read with FINAL.
CREATE TABLE IF NOT EXISTS grants
(
    tenant_id      LowCardinality(String),
    user_id        String,
    grant_time     DateTime64(3, 'UTC'),
    order_id       String,
    grant_id       String,
    source_type    LowCardinality(String),
    source_id      String,
    source_name    String,
    source_context String,
    item_id        String,
    item_name      String,
    reward_type    LowCardinality(String),
    payload        String,
    metadata       String,
    state          LowCardinality(String),
    version        UInt32,
    updated_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, user_id, grant_time, order_id)
SETTINGS non_replicated_deduplication_window = 10000
