-- 0017: read-only SQL for analysts. Schema analyst holds views of readings, buckets, daily and interval energy and
-- households in which every meter and household id is a pseudonym; the NOLOGIN role metergrains_analyst may read
-- that schema and nothing else (logins are made members of it: README "Read-only SQL for analysts").
--
-- Pseudonyms here are HMAC-SHA256(key, id), the first 16 bytes in hex, like the processing apps' (domain.md), but with
-- a key of their own made here at random and kept in analyst_pseudonym_key, which analysts cannot read: the app's
-- Privacy:PseudonymSecret never reaches the database, and a key an analyst could use would let them hash guessed ids.
-- The views read that table with their owner's rights (views are not security_invoker), so an analyst sees each
-- pseudonym only for ids that are stored. PostgreSQL has sha256() but no HMAC without pgcrypto, so the key is kept as
-- its two HMAC pads (RFC 2104: the key zero-padded to the 64-byte block, XOR 0x36 and XOR 0x5c).

CREATE TABLE IF NOT EXISTS analyst_pseudonym_key (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    inner_pad   bytea       NOT NULL CHECK (length(inner_pad) = 64),
    outer_pad   bytea       NOT NULL CHECK (length(outer_pad) = 64),
    created_at  timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    -- gen_random_uuid() draws from the server's strong random source: three give 366 random bits for a 256-bit key.
    key   bytea := sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))
                   || '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    ipad  bytea := key;
    opad  bytea := key;
BEGIN
    IF EXISTS (SELECT 1 FROM analyst_pseudonym_key) THEN
        RETURN;
    END IF;
    FOR i IN 0..63 LOOP
        ipad := set_byte(ipad, i, get_byte(key, i) # 54);
        opad := set_byte(opad, i, get_byte(key, i) # 92);
    END LOOP;
    INSERT INTO analyst_pseudonym_key (inner_pad, outer_pad) VALUES (ipad, opad);
END
$$;

-- Pure: it hashes what it is given, so analysts may run it; only the views hand it the key.
CREATE OR REPLACE FUNCTION analyst_pseudonym(inner_pad bytea, outer_pad bytea, id text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN encode(substring(sha256(outer_pad || sha256(inner_pad || convert_to(id, 'UTF8'))) FROM 1 FOR 16), 'hex');

CREATE SCHEMA IF NOT EXISTS analyst;

CREATE OR REPLACE VIEW analyst.meter_readings AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, r.meter_id) AS meter,
       r.ts, r.import_power_w, r.export_power_w, r.import_register_wh, r.export_register_wh,
       r.voltage_v, r.current_a, r.power_factor, r.frequency_hz, r.late
FROM meter_readings r CROSS JOIN analyst_pseudonym_key k;

CREATE OR REPLACE VIEW analyst.meter_buckets AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, b.meter_id) AS meter,
       b.bucket_start, b.import_wh, b.export_wh, b.register_import_wh, b.register_export_wh, b.complete
FROM meter_buckets b CROSS JOIN analyst_pseudonym_key k;

CREATE OR REPLACE VIEW analyst.meter_daily_energy AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, d.meter_id) AS meter,
       d.bucket_start AS day_start, d.import_wh, d.export_wh
FROM meter_daily_energy d CROSS JOIN analyst_pseudonym_key k;

-- A sub-meter <meterId>:<channel> is pseudonymized whole: meter ids may hold ':' themselves, so the split is not sure.
CREATE OR REPLACE VIEW analyst.interval_energy AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, e.meter_id) AS meter, e.interval_start, e.energy_wh
FROM interval_energy e CROSS JOIN analyst_pseudonym_key k;

-- The household directory holds no personal fields (those stay encrypted in the household grain's state).
CREATE OR REPLACE VIEW analyst.households AS
SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, h.household_id) AS household,
       h.type, h.occupants, h.time_zone,
       ARRAY(SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, m) FROM unnest(h.grid_meter_ids) AS m) AS grid_meters,
       ARRAY(SELECT analyst_pseudonym(k.inner_pad, k.outer_pad, m) FROM unnest(h.production_meter_ids) AS m) AS production_meters
FROM household_directory h CROSS JOIN analyst_pseudonym_key k;

-- Creates the role when missing and this user may (CREATEROLE), then grants it the analyst schema. Roles belong to the
-- whole PostgreSQL cluster, so another database's migration may have made it already. Without CREATEROLE the migration
-- still succeeds and warns; an administrator then runs CREATE ROLE metergrains_analyst NOLOGIN and, as the database
-- owner, SELECT grant_analyst_access(). scripts/restore.sh calls it too (a restore leaves grants out).
CREATE OR REPLACE FUNCTION grant_analyst_access()
RETURNS text
LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'metergrains_analyst') THEN
        BEGIN
            CREATE ROLE metergrains_analyst NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration created it at the same moment
            WHEN insufficient_privilege THEN
                RAISE WARNING 'Role metergrains_analyst does not exist and % may not create roles, so analysts have no access yet. '
                    'An administrator runs: CREATE ROLE metergrains_analyst NOLOGIN; then the database owner runs: SELECT grant_analyst_access();',
                    current_user;
                RETURN 'role metergrains_analyst missing';
        END;
    END IF;
    GRANT USAGE ON SCHEMA analyst TO metergrains_analyst;
    GRANT SELECT ON ALL TABLES IN SCHEMA analyst TO metergrains_analyst;
    -- Views later migrations add to the schema are readable too.
    ALTER DEFAULT PRIVILEGES IN SCHEMA analyst GRANT SELECT ON TABLES TO metergrains_analyst;
    RETURN 'granted';
END
$$;

REVOKE ALL ON FUNCTION grant_analyst_access() FROM PUBLIC;

SELECT grant_analyst_access();
