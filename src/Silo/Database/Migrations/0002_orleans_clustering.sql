-- Membership for Microsoft.Orleans.Clustering.AdoNet 10.4.2.
-- The provider passes ClusterOptions.ClusterId as @DeploymentId. Optimistic concurrency is on
-- one table version per cluster: inserts and updates check @Version (the version the caller
-- last read) and bump it in the same transaction as the row change; heartbeats and defunct
-- cleanup do not touch it.

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid text        PRIMARY KEY,
    modifiedon   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid text        NOT NULL REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE,
    -- text, not inet: the provider casts the value to string.
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- The version is bumped first, so concurrent membership writers of one cluster queue on the
-- version row; if the row write then fails, the EXCEPTION block rolls the bump back and the
-- provider sees 0 (a failed optimistic write) rather than an error.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE orleansmembershipversiontable
       SET version = version + 1, modifiedon = now()
     WHERE deploymentid = p_deploymentid
       AND version = p_version
       AND version < 2147483647;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname, p_status, p_proxyport, p_starttime, p_iamalivetime);
    RETURN 1;
EXCEPTION
    WHEN unique_violation THEN
        RETURN 0;
END
$$;

CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE orleansmembershipversiontable
       SET version = version + 1, modifiedon = now()
     WHERE deploymentid = p_deploymentid
       AND version = p_version
       AND version < 2147483647;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleansmembershiptable
       SET status = p_status, suspecttimes = p_suspecttimes, iamalivetime = p_iamalivetime
     WHERE deploymentid = p_deploymentid
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found';
    END IF;
    RETURN 1;
EXCEPTION
    WHEN no_data_found THEN
        RETURN 0;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid)
    VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable
   SET iamalivetime = @IAmAliveTime
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation;
$q$),

-- Both reads start from the version row, so an unknown silo or an empty cluster still yields
-- one row carrying the table version (member columns NULL).
('MembershipReadRowKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable v
  LEFT JOIN orleansmembershiptable m
         ON m.deploymentid = v.deploymentid
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable v
  LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
 WHERE v.deploymentid = @DeploymentId;
$q$),

-- A proxy port of 0 means "no gateway"; it would become an unusable gateway URI.
('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
  FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND status = @Status
   AND proxyport > 0;
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershipversiontable
 WHERE deploymentid = @DeploymentId;
$q$),

-- Used by the provider only when CleanupDefunctSiloEntryKey is missing. @IAmAliveTime is the
-- cut-off. Conservative: only Dead rows with no activity and no suspicion at all.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND status = 6
   AND iamalivetime < @IAmAliveTime
   AND starttime < @IAmAliveTime
   AND coalesce(suspecttimes, '') = '';
$q$),

-- The provider picks the rows from a ReadAll and passes back the values it read; the row is
-- deleted only if it has not changed since (NULL and empty suspect lists compare equal).
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND starttime = @StartTime
   AND iamalivetime = @IAmAliveTime
   AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
