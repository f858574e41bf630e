-- Reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.2.
-- GrainHash and the range bounds are the uint ring hash cast to a signed int32, so they are
-- stored and compared as signed integers.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    -- Milliseconds. Periods over ~24.8 days do not fit an integer.
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS orleansreminderstable_grainhash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId
   AND remindername = @ReminderName;
$q$),

-- Used when BeginHash < EndHash: the range (BeginHash, EndHash].
('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainhash > @BeginHash
   AND grainhash <= @EndHash;
$q$),

-- Used otherwise: the range wraps around the ring (or, with Begin = End, is the whole ring).
('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- Unconditional by contract: a new reminder starts at version 0, a re-registration bumps it.
('UpsertReminderRowKey', $q$
INSERT INTO orleansreminderstable AS r
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
   SET starttime = excluded.starttime,
       period = excluded.period,
       grainhash = excluded.grainhash,
       version = r.version + 1
RETURNING r.version;
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleansreminderstable
 WHERE serviceid = @ServiceId;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
