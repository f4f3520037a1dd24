-- Tenants with the secrets that sign their users' tokens and the origins whose pages may embed
-- Inflow. Secrets are kept as issued: HS256 needs the secret itself to check a signature, so this
-- table is as sensitive as the secrets (back it up and grant it like a key store).
CREATE TABLE inflow_tenant (
  id          VARCHAR(63)  NOT NULL PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO inflow_tenant (id, name, created_at) VALUES ('default', 'Default', CURRENT_TIMESTAMP);

-- expires_at is null for the current secret; a rotation sets it on the secrets it replaces, so
-- tokens signed with them keep working until the overlap ends.
CREATE TABLE inflow_tenant_secret (
  tenant_id   VARCHAR(63)  NOT NULL,
  key_id      VARCHAR(16)  NOT NULL,
  secret      VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (tenant_id, key_id)
);

CREATE TABLE inflow_tenant_origin (
  tenant_id  VARCHAR(63)  NOT NULL,
  origin     VARCHAR(300) NOT NULL,
  PRIMARY KEY (tenant_id, origin)
);
CREATE INDEX inflow_tenant_origin_by_origin ON inflow_tenant_origin (origin);
