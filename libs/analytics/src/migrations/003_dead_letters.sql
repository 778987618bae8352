-- Order events grants-analytics could not ingest, where there is no dead-letter topic to send
-- them to (standalone: the in-process bus). One row per message, as it arrived, with the reason.
CREATE TABLE IF NOT EXISTS dead_letters
(
    dead_at     DateTime64(3, 'UTC') DEFAULT now64(3),
    topic       String,
    message_key String,
    event_id    String,
    reason      LowCardinality(String),
    error       String,
    value       String,
    headers     String
)
ENGINE = MergeTree
ORDER BY dead_at
SETTINGS non_replicated_deduplication_window = 1000
