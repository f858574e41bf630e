-- 0012: the audit log of the API: every write and every refusal (401, 403, 413, 429), who, what, outcome and when.
-- Written in batches by the API's audit writer; served to operators by GET /api/v1/audit.

CREATE TABLE IF NOT EXISTS audit_log (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    -- ApiKey:<key name> or Bearer:<token subject>; null when the caller was not authenticated.
    actor      text        NULL,
    role       text        NULL,
    client_ip  text        NOT NULL,
    method     text        NOT NULL,
    -- The path without the query string (which may carry an access token).
    path       text        NOT NULL,
    status     integer     NOT NULL,
    -- Why credentials were refused, when they were.
    note       text        NULL
);

CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at);
