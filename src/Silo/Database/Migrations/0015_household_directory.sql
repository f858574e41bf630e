-- 0015: the household directory, the SQL side of the household grains' metadata that cohorts group by.
-- The household grain upserts its row on every PUT (its JSON state in the Orleans storage table stays the truth);
-- personal fields never come here. Idempotent: running it twice changes nothing.
CREATE TABLE IF NOT EXISTS household_directory (
    household_id          text        NOT NULL PRIMARY KEY,
    type                  text        NOT NULL,
    occupants             integer     NOT NULL CHECK (occupants >= 1),
    time_zone             text        NOT NULL,
    -- The meters cohorts read: grid meters give import and export, production meters production (domain.md).
    grid_meter_ids        text[]      NOT NULL DEFAULT '{}',
    production_meter_ids  text[]      NOT NULL DEFAULT '{}',
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Cohorts filter by type and occupants.
CREATE INDEX IF NOT EXISTS household_directory_cohort_idx ON household_directory (type, occupants);

-- Daily (UTC) sums of each meter's quarter-hours, kept by a trigger on meter_buckets, so that a cohort of 10,000
-- households over 30 days reads 300,000 day rows instead of 28.8 million quarter-hours. A rewritten quarter-hour
-- adds its difference.
CREATE TABLE IF NOT EXISTS meter_daily_energy (
    meter_id      text             NOT NULL,
    bucket_start  timestamptz      NOT NULL,
    import_wh     double precision NOT NULL,
    export_wh     double precision NOT NULL,
    CONSTRAINT meter_daily_energy_aligned_check
        CHECK (bucket_start = date_bin('1 day', bucket_start, timestamptz '2000-01-01 00:00:00+00')),
    CONSTRAINT meter_daily_energy_pkey PRIMARY KEY (meter_id, bucket_start)
);

CREATE OR REPLACE FUNCTION meter_daily_energy_apply()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    import_delta double precision := NEW.import_wh;
    export_delta double precision := NEW.export_wh;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        import_delta := NEW.import_wh - OLD.import_wh;
        export_delta := NEW.export_wh - OLD.export_wh;
    END IF;
    INSERT INTO meter_daily_energy AS d (meter_id, bucket_start, import_wh, export_wh)
    VALUES (NEW.meter_id, date_bin('1 day', NEW.bucket_start, timestamptz '2000-01-01 00:00:00+00'), import_delta, export_delta)
    ON CONFLICT (meter_id, bucket_start) DO UPDATE
        SET import_wh = d.import_wh + EXCLUDED.import_wh, export_wh = d.export_wh + EXCLUDED.export_wh;
    RETURN NULL;
END
$$;

-- Quarter-hours stored before this migration: summed once, while the rollup is still empty.
INSERT INTO meter_daily_energy (meter_id, bucket_start, import_wh, export_wh)
SELECT meter_id, date_bin('1 day', bucket_start, timestamptz '2000-01-01 00:00:00+00'), sum(import_wh), sum(export_wh)
FROM meter_buckets
WHERE NOT EXISTS (SELECT 1 FROM meter_daily_energy)
GROUP BY 1, 2;

DROP TRIGGER IF EXISTS meter_buckets_daily_energy ON meter_buckets;
CREATE TRIGGER meter_buckets_daily_energy
    AFTER INSERT OR UPDATE OF import_wh, export_wh ON meter_buckets
    FOR EACH ROW EXECUTE FUNCTION meter_daily_energy_apply();
