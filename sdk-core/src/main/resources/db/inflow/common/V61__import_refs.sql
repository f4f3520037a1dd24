-- Which comment an imported Disqus post or WordPress comment became, so that running the same
-- import again adds only what is new.
CREATE TABLE inflow_import_ref (
  tenant_id    VARCHAR(63)  NOT NULL,
  source       VARCHAR(20)  NOT NULL,
  source_id    VARCHAR(200) NOT NULL,
  comment_id   BIGINT       NOT NULL,
  imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, source, source_id)
);
