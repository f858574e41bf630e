-- 0009: commands to devices (POST /api/v1/meters/{meterId}/commands). An API silo adds a command as 'pending' with
-- the message already formatted for the device's family; a gateway silo claims it, marks it 'sent' and publishes it;
-- the device's reply (matched by reply_key) makes it 'acknowledged' or 'failed'.

CREATE SEQUENCE IF NOT EXISTS device_command_rpc_ids;

CREATE TABLE IF NOT EXISTS device_commands (
    id            text        PRIMARY KEY,
    meter_id      text        NOT NULL,
    device_id     text        NOT NULL,
    family        text        NOT NULL,
    name          text        NOT NULL,
    args          jsonb       NOT NULL,
    topic         text        NOT NULL,
    payload       text        NOT NULL,
    reply_key     text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('pending', 'sent', 'acknowledged', 'failed')),
    reason        text        NULL,
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz NULL,
    completed_at  timestamptz NULL
);

CREATE INDEX IF NOT EXISTS device_commands_pending_idx ON device_commands (created_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS device_commands_sent_idx ON device_commands (reply_key) WHERE status = 'sent';
