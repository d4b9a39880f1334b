-- What localrun.provision does for `make run`, for a cluster whose service roles exist already
-- (CloudNativePG's managed roles in Kubernetes; deploy/compose/initdb/10-roles.sh in Compose).
-- Runs as the superuser in the suite's database; running it again changes nothing.
-- Each service role owns its schema and has no rights anywhere else.

-- CloudNativePG runs this at bootstrap, before it reconciles the managed roles: create them
-- here without login, and the operator then gives them LOGIN and their passwords.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['membership', 'rebate', 'competition'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I', role_name);
    END IF;
  END LOOP;
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO membership, rebate, competition',
                 current_database());
END
$$;

CREATE SCHEMA IF NOT EXISTS membership AUTHORIZATION membership;
CREATE SCHEMA IF NOT EXISTS rebate AUTHORIZATION rebate;
CREATE SCHEMA IF NOT EXISTS competition AUTHORIZATION competition;
-- An extension lives in one schema per database: membership's ltree in membership's.
CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA membership;

-- Session settings on the roles, never in connection start-up parameters, which PgBouncer
-- refuses: the service's schema first on the search path, and no JIT for short statements.
ALTER ROLE membership SET search_path TO membership;
ALTER ROLE rebate SET search_path TO rebate;
ALTER ROLE competition SET search_path TO competition;
ALTER ROLE membership SET jit TO off;
ALTER ROLE rebate SET jit TO off;
ALTER ROLE competition SET jit TO off;
