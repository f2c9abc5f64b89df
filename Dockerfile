# The app as an image: Next's standalone server (no node_modules of the repository), run as the
# unprivileged `node` user, data in the /data volume (embedded PGlite, the auth secret) unless
# DATABASE_URL points at PostgreSQL. Stop it with SIGTERM (docker stop): requests in flight finish,
# background work records what it has in flight, then it exits 0 (scripts/start.mjs).
#   docker build -t bitfinex-checkout .
#   docker run -p 127.0.0.1:3000:3000 -v checkout-data:/data --env-file .env bitfinex-checkout
# No image is built by this project's CI (its machines have no Docker engine); CI builds and starts
# the same standalone folder from a folder of its own (e2e/reliability/standalone.spec.ts).
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# HOSTNAME: every interface of the container (Docker sets HOSTNAME to the container's name).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /src/.next/standalone ./
USER node
VOLUME /data
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "start.mjs"]
