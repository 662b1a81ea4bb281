# The API image: build with the dev dependencies, run with the production ones only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=4000
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000
# Liveness only: /readyz (database reachable, not draining) is what a load balancer should route by.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM starts a graceful drain of up to SHUTDOWN_GRACE_MS; give the container longer than that to stop.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
