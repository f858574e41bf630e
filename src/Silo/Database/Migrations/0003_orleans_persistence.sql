-- Grain state for Microsoft.Orleans.Persistence.AdoNet 10.4.2.
-- The ETag is the integer version. Hashes are computed by the client (and depend on its hasher
-- configuration), so rows are always found by the full natural key; the hashes are stored only
-- for diagnostics and to keep the provider's shape.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    -- The state name, e.g. "state" for [PersistentState("state", ...)].
    graintypestring        text        NOT NULL,
    -- The string key, or the key extension; NULL for plain integer and Guid keys.
    grainidextensionstring text        NULL,
    serviceid              text        NOT NULL,
    payloadbinary          bytea       NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL
);

-- One row per grain state. NULLS NOT DISTINCT (PostgreSQL 15+) makes a NULL extension a real key
-- value, so two concurrent first writes of an integer-keyed grain cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_natural_key
    ON orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring) NULLS NOT DISTINCT;

-- A NULL version means the grain read "no row": insert version 1 unless a row exists.
-- Otherwise update only if the stored version still equals the caller's ETag.
-- Returning no row is a version conflict to the provider.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer,
    p_payloadbinary          bytea)
    RETURNS TABLE (newgrainstateversion integer)
    LANGUAGE plpgsql
AS $$
BEGIN
    IF p_grainstateversion IS NULL THEN
        RETURN QUERY
        INSERT INTO orleansstorage AS s
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
             p_grainidextensionstring, p_serviceid, p_payloadbinary, 1)
        ON CONFLICT (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring) DO NOTHING
        RETURNING s.version;
    ELSE
        RETURN QUERY
        UPDATE orleansstorage AS s
           SET payloadbinary = p_payloadbinary,
               version = s.version + 1,
               modifiedon = now(),
               grainidhash = p_grainidhash,
               graintypehash = p_graintypehash
         WHERE s.serviceid = p_serviceid
           AND s.graintypestring = p_graintypestring
           AND s.grainidn0 = p_grainidn0
           AND s.grainidn1 = p_grainidn1
           AND (s.grainidextensionstring = p_grainidextensionstring
                OR (s.grainidextensionstring IS NULL AND p_grainidextensionstring IS NULL))
           AND s.version = p_grainstateversion
        RETURNING s.version;
    END IF;
END
$$;

-- The extension test is spelled out (not IS NOT DISTINCT FROM) so the natural-key index is usable.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
  FROM orleansstorage
 WHERE serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND (grainidextensionstring = @GrainIdExtensionString
        OR (grainidextensionstring IS NULL AND @GrainIdExtensionString IS NULL));
$q$),

('WriteToStorageKey', $q$
SELECT newgrainstateversion
  FROM orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

-- Clear keeps the row (payload NULL) and bumps the version, so a later write continues the
-- version sequence; the provider reads the first column as the new ETag.
('ClearStorageKey', $q$
UPDATE orleansstorage
   SET payloadbinary = NULL,
       version = version + 1,
       modifiedon = now()
 WHERE serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND (grainidextensionstring = @GrainIdExtensionString
        OR (grainidextensionstring IS NULL AND @GrainIdExtensionString IS NULL))
   AND version = @GrainStateVersion
RETURNING version;
$q$),

-- Used when DeleteStateOnClear = true. The returned value only has to differ from the ETag sent.
('DeleteStorageKey', $q$
DELETE FROM orleansstorage
 WHERE serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND (grainidextensionstring = @GrainIdExtensionString
        OR (grainidextensionstring IS NULL AND @GrainIdExtensionString IS NULL))
   AND version = @GrainStateVersion
RETURNING version + 1;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
