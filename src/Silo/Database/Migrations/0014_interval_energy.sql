-- 0014: interval energy from CSV imports (POST /api/v1/imports/csv): energy per interval of a meter or of a
-- sub-meter <meterId>:<channel> (an appliance or circuit). Idempotent storage: the first copy of (meter, interval
-- start) stands, so importing the same file twice changes nothing.
CREATE TABLE IF NOT EXISTS interval_energy (
    meter_id        text             NOT NULL,
    interval_start  timestamptz      NOT NULL,
    energy_wh       double precision NOT NULL,
    imported_at     timestamptz      NOT NULL DEFAULT now(),
    -- Same rule as MeterIds (domain.md).
    CONSTRAINT interval_energy_meter_id_check CHECK (meter_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
    -- Finite and not negative (NaN sorts above Infinity in PostgreSQL, so this excludes it too).
    CONSTRAINT interval_energy_energy_check CHECK (energy_wh >= 0 AND energy_wh < 'Infinity'),
    CONSTRAINT interval_energy_pkey PRIMARY KEY (meter_id, interval_start)
);
