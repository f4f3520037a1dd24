-- Declared expertise from users' own profiles (token or login), one row per user and tag, so that
-- routing finds a tag's experts through an index instead of reading every user of the tenant.
-- inflow_user.expertise stays the profile as given; UserStore keeps both in step.
CREATE TABLE inflow_user_expertise (
  tenant_id  VARCHAR(63)  NOT NULL,
  tag        VARCHAR(50)  NOT NULL,
  user_id    VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant_id, tag, user_id)
);
CREATE INDEX inflow_user_expertise_user ON inflow_user_expertise (tenant_id, user_id);

-- The profiles remembered so far, split at their commas.
INSERT INTO inflow_user_expertise (tenant_id, tag, user_id)
WITH RECURSIVE split (tenant_id, user_id, tag, rest) AS (
  SELECT tenant_id, id, CAST('' AS VARCHAR(4000)), CAST(expertise || ',' AS VARCHAR(4000)) FROM inflow_user WHERE expertise <> ''
  UNION ALL
  SELECT tenant_id, user_id, CAST(SUBSTRING(rest FROM 1 FOR POSITION(',' IN rest) - 1) AS VARCHAR(4000)),
    CAST(SUBSTRING(rest FROM POSITION(',' IN rest) + 1) AS VARCHAR(4000))
  FROM split WHERE rest <> ''
)
SELECT DISTINCT tenant_id, tag, user_id FROM split WHERE tag <> '' AND CHAR_LENGTH(tag) <= 50;
