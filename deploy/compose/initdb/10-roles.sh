#!/bin/sh
# The postgres image runs this once, on an empty data directory, before 20-provision.sql:
# a login role per service with the password from the environment (deploy/.env).
set -eu
for role in membership rebate competition; do
  var="$(echo "$role" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$var")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="$role" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SQL
done
