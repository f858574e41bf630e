-- 0018: interval energy as one row per (sub-)meter and UTC day holding the day's intervals as two arrays, instead of one
-- row per interval (0014). PostgreSQL's cost of an import is per row (heap tuple, key entry, WAL record); a 2,880-row
-- import (30 days × 24 hours × 4 channels) becomes 120 rows, and its backend CPU drops from about 20 to 3 ms
-- (bench/README.md, "Store path"). interval_energy stays, as a view with the same columns, for its readers.
--
-- offsets: each interval's start in microseconds after day_start (PostgreSQL's precision, so fractions of a second in a
-- CSV stay distinct), ascending; energy_wh: its energy, same position. The first stored copy of an interval stands, as
-- in 0014: the importer (PostgresImportStore) merges in only the intervals a row lacks, and last_added says how many the
-- row's last write added, which the importer reads back for its stored/duplicate counts. imported_at: when the day last
-- gained an interval (per-interval import times are not kept).
CREATE TABLE IF NOT EXISTS interval_energy_days (
    meter_id     text               NOT NULL,
    day_start    timestamptz        NOT NULL,
    offsets      bigint[]           NOT NULL,
    energy_wh    double precision[] NOT NULL,
    last_added   integer            NOT NULL,
    imported_at  timestamptz        NOT NULL DEFAULT now(),
    CONSTRAINT interval_energy_days_meter_id_check CHECK (length(meter_id) BETWEEN 1 AND 64),
    CONSTRAINT interval_energy_days_day_start_check CHECK (day_start = date_bin('1 day', day_start, timestamptz '2000-01-01 00:00:00+00')),
    CONSTRAINT interval_energy_days_offsets_check CHECK (
        cardinality(offsets) >= 1 AND cardinality(offsets) = cardinality(energy_wh)
        AND 0 <= ALL (offsets) AND 86400000000 > ALL (offsets)),
    -- Finite and not negative (NaN sorts above Infinity in PostgreSQL, so this excludes it too).
    CONSTRAINT interval_energy_days_energy_check CHECK (0 <= ALL (energy_wh) AND 'Infinity' > ALL (energy_wh)),
    CONSTRAINT interval_energy_days_pkey PRIMARY KEY (meter_id, day_start)
);

-- Existing intervals move into day rows; the analyst view that reads the table goes first and comes back below.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('public.interval_energy') AND relkind = 'r') THEN
        INSERT INTO interval_energy_days (meter_id, day_start, offsets, energy_wh, last_added, imported_at)
        SELECT meter_id, day_start,
               array_agg(offset_us ORDER BY offset_us), array_agg(energy_wh ORDER BY offset_us), count(*), max(imported_at)
        FROM (SELECT meter_id, energy_wh, imported_at, day_start,
                     (extract(epoch FROM interval_start - day_start) * 1000000)::bigint AS offset_us
              FROM (SELECT e.*, date_bin('1 day', e.interval_start, timestamptz '2000-01-01 00:00:00+00') AS day_start
                    FROM public.interval_energy e) AS dated) AS intervals
        GROUP BY meter_id, day_start;
        DROP VIEW IF EXISTS analyst.interval_energy;
        DROP TABLE public.interval_energy;
    END IF;
END
$$;

CREATE OR REPLACE VIEW interval_energy AS
SELECT d.meter_id, d.day_start + i.offset_us * interval '1 microsecond' AS interval_start, i.energy_wh, d.imported_at
FROM interval_energy_days d CROSS JOIN LATERAL unnest(d.offsets, d.energy_wh) AS i(offset_us, energy_wh);

-- As in 0017.
CREATE OR REPLACE VIEW analyst.interval_energy AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, e.meter_id) AS meter, e.interval_start, e.energy_wh
FROM interval_energy e CROSS JOIN analyst_pseudonym_key k;

-- The schema's default privileges cover views made by the role that ran 0017; a database migrated by another role, or
-- granted by an administrator, still gets the view back where analysts had the schema.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'metergrains_analyst')
       AND has_schema_privilege('metergrains_analyst', 'analyst', 'USAGE') THEN
        GRANT SELECT ON analyst.interval_energy TO metergrains_analyst;
    END IF;
END
$$;
