-- 0011: the pseudonyms shown to processing apps (HMAC-SHA256(secret, id), first 16 bytes in hex), recorded when one is
-- issued so that a pseudonym a processing app names maps back to the meter or household id. A pseudonym cannot be
-- computed back; the API also checks a row against the current secret, so rows issued under an old secret are inert.

CREATE TABLE IF NOT EXISTS pseudonyms (
    pseudonym  text        PRIMARY KEY,
    id         text        NOT NULL,
    issued_at  timestamptz NOT NULL DEFAULT now()
);
