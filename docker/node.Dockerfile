# One multi-stage, non-root image for the api (which also serves the built web app) and the worker: same code,
# two commands. Build from the repository root:
#   docker build -f docker/node.Dockerfile -t accord .
# (docker/node.Dockerfile.dockerignore keeps node_modules, .tools, .data and build output out of the context.)

# 1. Dependencies, with the lockfile only, so this layer is cached until package-lock.json changes.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build: server TypeScript to dist/, the prebuilt workflow bundle (dist/workflow-bundle.js), the web app (apps/web/dist);
#    then drop the dev dependencies.
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# 3. Runtime: production node_modules and build output only, owned by and run as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    ATTACHMENT_DIR=/app/.data/attachments \
    AUDIT_CHECKPOINT_DIR=/app/.data/audit-checkpoints \
    PORT=3000 \
    WORKER_METRICS_PORT=9464
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/apps/web/dist ./apps/web/dist
# Attachment storage (mount a volume shared by every api replica here) and the audit checkpoints (a volume shared by
# the workers, which write them, and the api, which reads them) must be writable by `node`.
RUN mkdir -p /app/.data/attachments /app/.data/audit-checkpoints && chown -R node:node /app/.data
USER node
# 3000: api + web app (/health, /metrics); 9464: the worker's /metrics.
EXPOSE 3000 9464
# The api's health check; the worker overrides it (compose.yaml) with its metrics endpoint.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node flags of the api: scripts/node-flags.js (the worker's are in compose.yaml's worker command).
CMD ["node", "--max-semi-space-size=32", "dist/apps/api/src/main.js"]
