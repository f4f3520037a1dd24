-- Ask an expert: questions, answers, votes, routing, tags and expertise.
CREATE SEQUENCE inflow_question_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE inflow_answer_seq START WITH 1 INCREMENT BY 1;
-- Drawn again on every change of a question that search sees (text, tags, status, deletion), so
-- that a search index can tell whether it reflects the table (see the H2 similar-question index).
CREATE SEQUENCE inflow_question_search_seq START WITH 1 INCREMENT BY 1;

-- tags repeats inflow_question_tag as 'a,b,c' so that a question is read in one row.
-- routing_step: 0 after the first routing at ask, then one more per escalation step that ran.
CREATE TABLE inflow_question (
  tenant_id           VARCHAR(63)    NOT NULL,
  id                  BIGINT         NOT NULL,
  title               VARCHAR(300)   NOT NULL,
  body                VARCHAR(40000) NOT NULL,
  html                VARCHAR(200000) NOT NULL,
  mentions            VARCHAR(3000)  NOT NULL,
  tags                VARCHAR(300)   NOT NULL,
  target_key          VARCHAR(200),
  anonymous           BOOLEAN        NOT NULL,
  author_id           VARCHAR(128)   NOT NULL,
  status              VARCHAR(16)    NOT NULL,
  answer_count        INT            NOT NULL,
  accepted_answer_id  BIGINT,
  duplicate_of        BIGINT,
  routing_step        INT            NOT NULL,
  escalated_at        TIMESTAMP WITH TIME ZONE,
  first_answer_at     TIMESTAMP WITH TIME ZONE,
  accepted_at         TIMESTAMP WITH TIME ZONE,
  closed_by           VARCHAR(128),
  closed_at           TIMESTAMP WITH TIME ZONE,
  version             BIGINT         NOT NULL,
  search_seq          BIGINT         NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  edited_at           TIMESTAMP WITH TIME ZONE,
  deleted_at          TIMESTAMP WITH TIME ZONE,
  deleted_by          VARCHAR(128),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX inflow_question_target ON inflow_question (tenant_id, target_key, id);
CREATE INDEX inflow_question_author ON inflow_question (tenant_id, author_id, id);
CREATE INDEX inflow_question_status ON inflow_question (tenant_id, status, id);
CREATE INDEX inflow_question_created ON inflow_question (tenant_id, created_at);

CREATE TABLE inflow_question_tag (
  tenant_id    VARCHAR(63)  NOT NULL,
  question_id  BIGINT       NOT NULL,
  tag          VARCHAR(50)  NOT NULL,
  PRIMARY KEY (tenant_id, question_id, tag)
);
CREATE INDEX inflow_question_tag_by_tag ON inflow_question_tag (tenant_id, tag, question_id);

CREATE TABLE inflow_question_revision (
  tenant_id    VARCHAR(63)    NOT NULL,
  question_id  BIGINT         NOT NULL,
  version      BIGINT         NOT NULL,
  title        VARCHAR(300)   NOT NULL,
  body         VARCHAR(40000) NOT NULL,
  html         VARCHAR(200000) NOT NULL,
  tags         VARCHAR(300)   NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, question_id, version)
);

CREATE TABLE inflow_answer (
  tenant_id    VARCHAR(63)    NOT NULL,
  id           BIGINT         NOT NULL,
  question_id  BIGINT         NOT NULL,
  author_id    VARCHAR(128)   NOT NULL,
  body         VARCHAR(40000) NOT NULL,
  html         VARCHAR(200000) NOT NULL,
  mentions     VARCHAR(3000)  NOT NULL,
  score        INT            NOT NULL,
  up_votes     INT            NOT NULL,
  accepted     BOOLEAN        NOT NULL,
  accepted_at  TIMESTAMP WITH TIME ZONE,
  verified_by  VARCHAR(128),
  verified_at  TIMESTAMP WITH TIME ZONE,
  version      BIGINT         NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  edited_at    TIMESTAMP WITH TIME ZONE,
  deleted_at   TIMESTAMP WITH TIME ZONE,
  deleted_by   VARCHAR(128),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX inflow_answer_question ON inflow_answer (tenant_id, question_id);
CREATE INDEX inflow_answer_author ON inflow_answer (tenant_id, author_id, created_at);
CREATE INDEX inflow_answer_created ON inflow_answer (tenant_id, created_at);

CREATE TABLE inflow_answer_vote (
  tenant_id   VARCHAR(63)  NOT NULL,
  answer_id   BIGINT       NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  vote        INT          NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, answer_id, user_id)
);

CREATE TABLE inflow_answer_revision (
  tenant_id   VARCHAR(63)    NOT NULL,
  answer_id   BIGINT         NOT NULL,
  version     BIGINT         NOT NULL,
  body        VARCHAR(40000) NOT NULL,
  html        VARCHAR(200000) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, answer_id, version)
);

-- Who a question was routed to, at which step and why (expert, escalated, community-manager).
CREATE TABLE inflow_question_routing (
  tenant_id    VARCHAR(63)  NOT NULL,
  question_id  BIGINT       NOT NULL,
  user_id      VARCHAR(128) NOT NULL,
  step         INT          NOT NULL,
  reason       VARCHAR(20)  NOT NULL,
  routed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, question_id, user_id)
);
CREATE INDEX inflow_question_routing_user ON inflow_question_routing (tenant_id, user_id, question_id);

-- The tenant's tag list. deadline_minutes NULL means the configured default;
-- community_managers is 'id1,id2'.
CREATE TABLE inflow_tag (
  tenant_id           VARCHAR(63)   NOT NULL,
  tag                 VARCHAR(50)   NOT NULL,
  description         VARCHAR(500)  NOT NULL,
  deadline_minutes    INT,
  community_managers  VARCHAR(2000) NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, tag)
);

-- Expertise declared by administrators (profiles and the host's directory declare it too).
CREATE TABLE inflow_expertise (
  tenant_id   VARCHAR(63)  NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  tag         VARCHAR(50)  NOT NULL,
  set_by      VARCHAR(128) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, user_id, tag)
);
CREATE INDEX inflow_expertise_tag ON inflow_expertise (tenant_id, tag);

CREATE TABLE inflow_expert_status (
  tenant_id   VARCHAR(63)  NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  away        BOOLEAN      NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
