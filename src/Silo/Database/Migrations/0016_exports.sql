-- 0016: the record of daily exports (src/Exports) and an index to read one day of quarter-hour buckets.
-- Idempotent: the migrator runs each file in a transaction, and running it twice changes nothing.

-- One row per exported file: which kind of data of which UTC day, in which format, how many rows, where (relative to
-- Export:Directory), its size and SHA-256, and when and by which host. Retention reads it: a raw daily partition is
-- dropped only after both kinds of its day are recorded here and the readings' row count equals the partition's.
CREATE TABLE IF NOT EXISTS exports (
    kind         text        NOT NULL,
    day          date        NOT NULL,
    format       text        NOT NULL,
    row_count    bigint      NOT NULL,
    path         text        NOT NULL,
    bytes        bigint      NOT NULL,
    sha256       text        NOT NULL,
    exported_at  timestamptz NOT NULL DEFAULT now(),
    exported_by  text        NOT NULL,
    CONSTRAINT exports_kind_check CHECK (kind IN ('readings', 'buckets')),
    CONSTRAINT exports_format_check CHECK (format IN ('parquet', 'jsonl')),
    CONSTRAINT exports_row_count_check CHECK (row_count >= 0),
    CONSTRAINT exports_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT exports_pkey PRIMARY KEY (kind, day, format)
);

-- The export reads one UTC day of buckets of every meter; the primary key (meter_id, bucket_start) cannot serve a
-- range on bucket_start alone, so without this index each day's export would scan every bucket ever stored.
-- bucket_start never changes in an upsert, so bucket rewrites stay HOT-eligible.
CREATE INDEX IF NOT EXISTS meter_buckets_start_idx ON meter_buckets (bucket_start);
