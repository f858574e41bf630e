-- 0006: alerts raised by grains (a meter going offline and coming back, ...), kept for operators and dashboards.

CREATE TABLE IF NOT EXISTS alerts (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts          timestamptz NOT NULL,
    kind        text        NOT NULL,
    subject     text        NOT NULL,
    severity    text        NOT NULL,
    message     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alerts_severity_check CHECK (severity IN ('info', 'warning', 'critical')),
    -- An alert's ts is derived from the readings (offline at last reading + offlineAfter), so a grain that
    -- raises it again after a crash or a retry hits this key and stores nothing twice.
    CONSTRAINT alerts_subject_kind_ts_key UNIQUE (subject, kind, ts)
);

CREATE INDEX IF NOT EXISTS alerts_ts_idx ON alerts (ts);
