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
