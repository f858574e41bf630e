-- 0014: interval energy from CSV imports (POST /api/v1/imports/csv): energy per interval of a meter or of a
-- sub-meter <meterId>:<channel> (an appliance or circuit). Idempotent storage: the first copy of (meter, interval
-- start) stands, so importing the same file twice changes nothing.
CREATE TABLE IF NOT EXISTS interval_energy (
    meter_id        text             NOT NULL,
    interval_start  timestamptz      NOT NULL,
    energy_wh       double precision NOT NULL,
    imported_at     timestamptz      NOT NULL DEFAULT now(),
    -- The full meter id rule ([A-Za-z0-9._:-]) is checked by the importer (MeterIds), the only writer: as a regex CHECK
    -- it doubled PostgreSQL's cost of inserting a 2,880-row import (EXPLAIN ANALYZE, see bench/README.md).
    CONSTRAINT interval_energy_meter_id_check CHECK (length(meter_id) BETWEEN 1 AND 64),
    -- Finite and not negative (NaN sorts above Infinity in PostgreSQL, so this excludes it too).
    CONSTRAINT interval_energy_energy_check CHECK (energy_wh >= 0 AND energy_wh < 'Infinity'),
    CONSTRAINT interval_energy_pkey PRIMARY KEY (meter_id, interval_start)
);
