-- 0007: the dead-letter store: every input the cloud refused or could not deliver, with the reason
-- (domain.md: never a crash, never a silent drop). Served to operators by GET /api/v1/ingest/dead-letters.

CREATE TABLE IF NOT EXISTS dead_letters (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at  timestamptz NOT NULL,
    stage        text        NOT NULL,
    reason       text        NOT NULL,
    meter_id     text        NULL,
    topic        text        NULL,
    -- The decoded reading as JSON, when decoding got that far.
    reading      jsonb       NULL,
    -- The raw input (or the offending element), truncated by the writer, when it did not decode.
    raw_payload  text        NULL,
    stored_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS dead_letters_received_at_idx ON dead_letters (received_at);
CREATE INDEX IF NOT EXISTS dead_letters_meter_idx ON dead_letters (meter_id, received_at) WHERE meter_id IS NOT NULL;
