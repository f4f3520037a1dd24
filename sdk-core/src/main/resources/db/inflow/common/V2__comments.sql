CREATE SEQUENCE inflow_comment_seq START WITH 1 INCREMENT BY 1;

-- path orders a thread depth first: the zero-padded ids of the ancestors and the comment itself.
-- reply_count counts direct replies that are still shown, so a deleted comment is shown (as a
-- tombstone) exactly while reply_count > 0.
CREATE TABLE inflow_comment (
  tenant_id    VARCHAR(63)   NOT NULL,
  id           BIGINT        NOT NULL,
  target_key   VARCHAR(200)  NOT NULL,
  parent_id    BIGINT,
  root_id      BIGINT        NOT NULL,
  depth        INT           NOT NULL,
  path         VARCHAR(1024) NOT NULL,
  author_id    VARCHAR(128)  NOT NULL,
  body         VARCHAR(40000) NOT NULL,
  html         VARCHAR(200000) NOT NULL,
  mentions     VARCHAR(3000) NOT NULL,
  reactions    VARCHAR(400)  NOT NULL,
  score        INT           NOT NULL,
  reply_count  INT           NOT NULL,
  flag_count   INT           NOT NULL,
  status       VARCHAR(16)   NOT NULL,
  version      BIGINT        NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  edited_at    TIMESTAMP WITH TIME ZONE,
  deleted_at   TIMESTAMP WITH TIME ZONE,
  deleted_by   VARCHAR(128),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX inflow_comment_roots ON inflow_comment (tenant_id, target_key, depth, id);
CREATE INDEX inflow_comment_top ON inflow_comment (tenant_id, target_key, depth, score, id);
CREATE INDEX inflow_comment_thread ON inflow_comment (tenant_id, root_id, path);
CREATE INDEX inflow_comment_flagged ON inflow_comment (tenant_id, flag_count, id);

CREATE TABLE inflow_comment_reaction (
  tenant_id   VARCHAR(63)  NOT NULL,
  comment_id  BIGINT       NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  reaction    VARCHAR(16)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, comment_id, user_id, reaction)
);

-- Earlier versions of edited comments.
CREATE TABLE inflow_comment_revision (
  tenant_id   VARCHAR(63)   NOT NULL,
  comment_id  BIGINT        NOT NULL,
  version     BIGINT        NOT NULL,
  body        VARCHAR(40000) NOT NULL,
  html        VARCHAR(200000) NOT NULL,
  editor_id   VARCHAR(128)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, comment_id, version)
);

CREATE TABLE inflow_comment_flag (
  tenant_id    VARCHAR(63)  NOT NULL,
  comment_id   BIGINT       NOT NULL,
  user_id      VARCHAR(128) NOT NULL,
  reason       VARCHAR(16)  NOT NULL,
  note         VARCHAR(500),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  resolved_at  TIMESTAMP WITH TIME ZONE,
  resolution   VARCHAR(16),
  PRIMARY KEY (tenant_id, comment_id, user_id)
);
