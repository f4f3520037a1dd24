-- Single-use tickets that let a browser on another origin open the live channel without putting
-- its long-lived credentials in a URL. Stored hashed; redeemed (deleted) on first use.
CREATE TABLE inflow_live_ticket (
  ticket_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
  tenant_id    VARCHAR(63)   NOT NULL,
  user_json    VARCHAR(8000) NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inflow_live_ticket_expiry ON inflow_live_ticket (expires_at);
