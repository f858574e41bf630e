-- 0010: results of processing apps (POST /api/v1/analytics/results, gRPC PublishResults): an anomaly, a forecast, a
-- maintenance hint... about a meter or household, always stored under its real id (processing apps post pseudonyms,
-- which the API maps back before storing).

CREATE TABLE IF NOT EXISTS analytics_results (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text        NOT NULL,
    subject       text        NOT NULL,
    subject_kind  text        NOT NULL CHECK (subject_kind IN ('meter', 'household')),
    period_from   timestamptz NOT NULL,
    period_to     timestamptz NOT NULL,
    payload       jsonb       NOT NULL,
    severity      text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    source        text        NOT NULL,
    received_at   timestamptz NOT NULL,
    CONSTRAINT analytics_results_period_check CHECK (period_from < period_to)
);

CREATE INDEX IF NOT EXISTS analytics_results_subject_idx ON analytics_results (subject, period_from);
CREATE INDEX IF NOT EXISTS analytics_results_period_idx ON analytics_results (period_from);
