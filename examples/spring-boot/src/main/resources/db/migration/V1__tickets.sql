-- The help desk's own table, migrated by Spring Boot's Flyway (history in flyway_schema_history).
-- Inflow's tables (inflow_*) live in the same schema with their own history table.
CREATE TABLE ticket (
  id          INT          NOT NULL PRIMARY KEY,
  title       VARCHAR(200) NOT NULL,
  description VARCHAR(4000) NOT NULL,
  status      VARCHAR(20)  NOT NULL,
  requester   VARCHAR(100) NOT NULL
);
INSERT INTO ticket (id, title, description, status, requester) VALUES
  (101, 'VPN drops every 20 minutes', 'Since Monday the VPN disconnects about every 20 minutes when I work from home.', 'open', 'ana'),
  (102, 'New laptop for Dev', 'Dev starts on the 1st and needs a laptop with the developer image.', 'in progress', 'erin'),
  (103, 'Printer on floor 3 jams', 'The printer next to the kitchen jams on double-sided jobs.', 'open', 'ben'),
  (104, 'Access to the finance share', 'Carla needs read access to the Q3 finance share for the audit.', 'done', 'carla');
