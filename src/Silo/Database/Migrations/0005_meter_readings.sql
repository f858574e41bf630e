-- 0005: raw meter readings (daily range partitions) and quarter-hour buckets.
-- Idempotent: the migrator runs each file in a transaction, and running it twice changes nothing.

-- ingest_id orders a meter's readings by arrival, so a meter grain can replay everything stored
-- after the ingest_id its snapshot recorded. No CACHE: per-session caches would hand a second
-- silo a lower range than the first, breaking "after my snapshot" when a meter moves silos.
CREATE SEQUENCE IF NOT EXISTS meter_readings_ingest_id_seq AS bigint;

CREATE TABLE IF NOT EXISTS meter_readings (
    meter_id            text             NOT NULL,
    ts                  timestamptz      NOT NULL,
    import_power_w      double precision,
    export_power_w      double precision,
    import_register_wh  double precision,
    export_register_wh  double precision,
    voltage_v           double precision,
    current_a           double precision,
    power_factor        double precision,
    frequency_hz        double precision,
    late                boolean          NOT NULL DEFAULT false,
    ingest_id           bigint           NOT NULL DEFAULT nextval('meter_readings_ingest_id_seq'),
    received_at         timestamptz      NOT NULL DEFAULT now(),
    -- Same rule as MeterIds (domain.md): 1-64 characters of [A-Za-z0-9._:-].
    CONSTRAINT meter_readings_meter_id_check CHECK (meter_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
    -- Values are finite numbers or absent. In PostgreSQL NaN sorts above +Infinity, so the
    -- open interval (-Infinity, Infinity) excludes NaN and both infinities.
    CONSTRAINT meter_readings_values_finite_check CHECK (
            (import_power_w     IS NULL OR (import_power_w     > '-Infinity' AND import_power_w     < 'Infinity'))
        AND (export_power_w     IS NULL OR (export_power_w     > '-Infinity' AND export_power_w     < 'Infinity'))
        AND (import_register_wh IS NULL OR (import_register_wh > '-Infinity' AND import_register_wh < 'Infinity'))
        AND (export_register_wh IS NULL OR (export_register_wh > '-Infinity' AND export_register_wh < 'Infinity'))
        AND (voltage_v          IS NULL OR (voltage_v          > '-Infinity' AND voltage_v          < 'Infinity'))
        AND (current_a          IS NULL OR (current_a          > '-Infinity' AND current_a          < 'Infinity'))
        AND (power_factor       IS NULL OR (power_factor       > '-Infinity' AND power_factor       < 'Infinity'))
        AND (frequency_hz       IS NULL OR (frequency_hz       > '-Infinity' AND frequency_hz       < 'Infinity'))),
    -- Idempotent storage: the first copy of (meter, ts) stands.
    CONSTRAINT meter_readings_pkey PRIMARY KEY (meter_id, ts)
) PARTITION BY RANGE (ts);

ALTER SEQUENCE meter_readings_ingest_id_seq OWNED BY meter_readings.ingest_id;

-- Crash-recovery replay: WHERE meter_id = $1 AND ingest_id > $2 ORDER BY ingest_id.
CREATE INDEX IF NOT EXISTS meter_readings_replay_idx ON meter_readings (meter_id, ingest_id);

-- Creates the missing daily partitions meter_readings_pYYYYMMDD for the UTC days
-- from_day..to_day (both included). Safe when several silos create the same partition at once:
-- the loser of the race waits for the winner's commit, gets duplicate_table (or a unique
-- violation in the catalog) and treats the partition as created.
CREATE OR REPLACE FUNCTION ensure_meter_reading_partitions(from_day date, to_day date)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    parent_schema text;
    day           date;
    part_name     text;
    created       integer := 0;
BEGIN
    IF from_day IS NULL OR to_day IS NULL OR to_day < from_day THEN
        RAISE EXCEPTION 'ensure_meter_reading_partitions: invalid range % .. %', from_day, to_day
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- A guard against a wild timestamp creating thousands of tables in one call.
    IF to_day - from_day > 366 THEN
        RAISE EXCEPTION 'ensure_meter_reading_partitions: range % .. % is longer than 366 days', from_day, to_day
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SELECT n.nspname INTO parent_schema
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = 'meter_readings'::regclass;

    day := from_day;
    WHILE day <= to_day LOOP
        part_name := 'meter_readings_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(format('%I.%I', parent_schema, part_name)) IS NULL THEN
            BEGIN
                EXECUTE format(
                    'CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.meter_readings FOR VALUES FROM (%L) TO (%L)',
                    parent_schema, part_name, parent_schema,
                    to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00',
                    to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
                created := created + 1;
            EXCEPTION WHEN duplicate_table OR unique_violation THEN
                NULL; -- another session created it first
            END;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END;
$$;

-- Quarter-hour buckets of one meter, rewritten (upsert) whenever the meter corrects them.
CREATE TABLE IF NOT EXISTS meter_buckets (
    meter_id            text             NOT NULL,
    bucket_start        timestamptz      NOT NULL,
    import_wh           double precision NOT NULL,
    export_wh           double precision NOT NULL,
    register_import_wh  double precision,
    register_export_wh  double precision,
    complete            boolean          NOT NULL,
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    -- Buckets are aligned to UTC :00, :15, :30, :45 (domain.md).
    CONSTRAINT meter_buckets_aligned_check
        CHECK (bucket_start = date_bin('15 minutes', bucket_start, timestamptz '2000-01-01 00:00:00+00')),
    CONSTRAINT meter_buckets_pkey PRIMARY KEY (meter_id, bucket_start)
);
