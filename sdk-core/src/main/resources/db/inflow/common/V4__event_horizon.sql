-- The highest event sequence number deleted by retention: a client resuming from an older
-- sequence number has missed events that are gone, so it is told to reload instead.
CREATE TABLE inflow_event_horizon (
  id              INT    NOT NULL PRIMARY KEY,
  purged_through  BIGINT NOT NULL
);
INSERT INTO inflow_event_horizon (id, purged_through) VALUES (1, 0);
CREATE INDEX inflow_event_created ON inflow_event (created_at);
CREATE INDEX inflow_event_topic ON inflow_event (tenant_id, topic, seq);
