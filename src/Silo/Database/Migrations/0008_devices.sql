-- 0008: the device registry: devices that may connect to the embedded MQTT broker, with the salted hash of their
-- password (never the password), and the meters a generic device may publish for. POST /api/v1/devices writes it;
-- the gateway reads it when a device connects.

CREATE TABLE IF NOT EXISTS devices (
    device_id              text        PRIMARY KEY,
    family                 text        NOT NULL CHECK (family IN ('generic', 'shelly-gen1', 'shelly-gen2')),
    -- PBKDF2-HMAC-SHA256: per-device salt, derived key, iteration count.
    password_salt          bytea       NOT NULL,
    password_hash          bytea       NOT NULL,
    password_iterations    integer     NOT NULL CHECK (password_iterations > 0),
    created_at             timestamptz NOT NULL,
    credentials_issued_at  timestamptz NOT NULL
);

-- A meter belongs to at most one device, so that no device can feed another's meter.
CREATE TABLE IF NOT EXISTS device_meters (
    meter_id   text PRIMARY KEY,
    device_id  text NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS device_meters_device_idx ON device_meters (device_id);
