-- Activities: "actor verb object [target]". actor_id is NULL when nobody may be named (the author
-- of an anonymous question); actor_name is the name at the time, shown when Inflow has no profile
-- of the actor (a host may publish for people who never signed in). target_key is the target shown and indexed for the target feed;
-- access_key is the key whose access rules decide who may see the activity (NULL: every signed-in
-- user of the tenant). withdrawn hides the activity while what it is about is deleted or hidden.
CREATE SEQUENCE inflow_activity_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE inflow_activity (
  tenant_id     VARCHAR(63)   NOT NULL,
  id            BIGINT        NOT NULL,
  actor_id      VARCHAR(128),
  actor_name    VARCHAR(200),
  verb          VARCHAR(300)  NOT NULL,
  object_id     VARCHAR(300)  NOT NULL,
  object_type   VARCHAR(60)   NOT NULL,
  object_name   VARCHAR(300)  NOT NULL,
  object_url    VARCHAR(2000),
  target_key    VARCHAR(200),
  access_key    VARCHAR(200),
  group_key     VARCHAR(600)  NOT NULL,
  tags          VARCHAR(600)  NOT NULL,
  withdrawn     BOOLEAN       NOT NULL,
  published     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX inflow_activity_actor ON inflow_activity (tenant_id, actor_id, id);
CREATE INDEX inflow_activity_target ON inflow_activity (tenant_id, target_key, id);
CREATE INDEX inflow_activity_object ON inflow_activity (tenant_id, object_id);

-- The topic feed: activities per tag, newest first by id.
CREATE TABLE inflow_activity_tag (
  tenant_id    VARCHAR(63)  NOT NULL,
  tag          VARCHAR(50)  NOT NULL,
  activity_id  BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, tag, activity_id)
);

-- Home feeds, fanned out on write (docs/feeds.md explains why): one row per reader and activity,
-- so a page of the home feed is one range scan of the reader's own rows. Trimmed to the newest
-- entries per reader by maintenance.
CREATE TABLE inflow_feed_entry (
  tenant_id    VARCHAR(63)  NOT NULL,
  user_id      VARCHAR(128) NOT NULL,
  activity_id  BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, user_id, activity_id)
);

-- Who follows what: kind is user, topic or target. auto marks follows Inflow made because the
-- user commented, asked or answered there.
CREATE TABLE inflow_follow (
  tenant_id   VARCHAR(63)  NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  kind        VARCHAR(8)   NOT NULL,
  followed    VARCHAR(200) NOT NULL,
  auto        BOOLEAN      NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, user_id, kind, followed)
);
CREATE INDEX inflow_follow_followed ON inflow_follow (tenant_id, kind, followed, user_id);

-- Targets a user muted: nothing about them reaches the user's home feed, and commenting there no
-- longer follows them.
CREATE TABLE inflow_mute (
  tenant_id   VARCHAR(63)  NOT NULL,
  user_id     VARCHAR(128) NOT NULL,
  target_key  VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, user_id, target_key)
);
