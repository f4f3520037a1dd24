-- Full-text search of questions for "similar questions" on PostgreSQL: titles weigh A, tags B and
-- bodies C, stemmed with the english configuration. (H2 keeps a Lucene index beside the database.)
ALTER TABLE inflow_question ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', title), 'A')
  || setweight(to_tsvector('english', replace(tags, ',', ' ')), 'B')
  || setweight(to_tsvector('english', body), 'C')) STORED;
CREATE INDEX inflow_question_search ON inflow_question USING GIN (search);
