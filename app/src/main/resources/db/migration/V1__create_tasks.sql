-- One row per finished agent task. A row is written once, complete, in a single INSERT,
-- so an outage can never leave a half-written task behind.
CREATE TABLE tasks (
    id               uuid        PRIMARY KEY,
    client_id        text        NOT NULL,
    idempotency_key  text,
    request_hash     text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('succeeded', 'failed')),
    prompt           text        NOT NULL,
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    answer           text,
    error            text,
    model            text        NOT NULL,
    cached           boolean     NOT NULL,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz NOT NULL,
    model_ms         integer     NOT NULL,
    total_ms         integer     NOT NULL
);

-- A retried request with the same Idempotency-Key from the same client finds the first task.
CREATE UNIQUE INDEX tasks_client_idempotency_key
    ON tasks (client_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE INDEX tasks_created_at ON tasks (created_at);
