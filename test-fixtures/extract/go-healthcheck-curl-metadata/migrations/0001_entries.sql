CREATE TABLE entries (id bigserial PRIMARY KEY, amount_cents bigint NOT NULL);
