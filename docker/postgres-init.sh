#!/usr/bin/env bash
# Run once by the postgres image when its volume is first initialised (/docker-entrypoint-initdb.d), as the
# superuser. Creates the roles docker/compose.yaml connects as, so that no Accord or Temporal process is a superuser
# and the api/worker do not own the tables they write (docs/deploy.md, "Database roles"; issue 12, items 3 and 8):
#   accord      owns the `accord` database and its tables; only the one-shot `migrate` service logs in as it
#   accord_app  NOLOGIN group role: what the api and worker may do (granted by migration 1764000001400:
#               read/write on every table, SELECT and INSERT only on audit_event)
#   accord_api  the api's and workers' login, a member of accord_app
#   temporal    Temporal's persistence; CREATEDB, so auto-setup can create `temporal` and `temporal_visibility`
# An existing volume is not re-initialised: create these roles by hand there (the same statements).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$ACCORD_OWNER_PASSWORD" -v app_password="$ACCORD_APP_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE accord LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE accord_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE accord_api LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password' IN ROLE accord_app;
CREATE ROLE temporal LOGIN NOSUPERUSER CREATEDB NOCREATEROLE PASSWORD :'temporal_password';
CREATE DATABASE accord OWNER accord;
REVOKE ALL ON DATABASE accord FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE accord TO accord_app;
SQL
