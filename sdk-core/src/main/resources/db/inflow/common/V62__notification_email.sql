-- Notifications about comments (replies, mentions) and where to look at them.
ALTER TABLE inflow_notification ADD COLUMN comment_id BIGINT;
ALTER TABLE inflow_notification ADD COLUMN url VARCHAR(2000);

-- How each user wants notifications by e-mail: instant, daily (a digest) or off, and where to.
-- last_digest_at is the end of the period the last digest covered.
CREATE TABLE inflow_notification_preference (
  tenant_id       VARCHAR(63)  NOT NULL,
  user_id         VARCHAR(128) NOT NULL,
  email           VARCHAR(10)  NOT NULL,
  address         VARCHAR(320),
  last_digest_at  TIMESTAMP WITH TIME ZONE,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
