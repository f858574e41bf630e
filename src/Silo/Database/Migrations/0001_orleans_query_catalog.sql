-- The catalog the Orleans ADO.NET providers read at start-up.
-- They select QueryKey/QueryText from OrleansQuery unquoted, which PostgreSQL folds to
-- lowercase, so the table and its columns must be lowercase to be found.
-- Providers cache the texts when they start: changed rows take effect on the next silo restart.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
