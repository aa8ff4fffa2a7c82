# Tracewell app image. The database is a separate PostgreSQL service (see docker-compose.yml):
# with DATABASE_URL set, the app never starts its embedded server.
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json* prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm install --no-audit --no-fund
COPY . .
RUN npx next build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
# A deployment, not the demo: no demo accounts, sign-up closed, and no start without the
# operator's AUTH_SECRET and initial admin (see docker-compose.yml). All interfaces inside the
# container; which of them the host exposes is the `ports:` mapping's business.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    TRACEWELL_DATA_DIR=/data \
    TRACEWELL_DEMO=0 \
    TRACEWELL_SIGNUP=closed \
    TRACEWELL_REQUIRE_SECRETS=1
COPY --from=build --chown=node:node /app ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://localhost:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `serve` waits for the database, applies pending migrations as the owner, sets up the app's role,
# creates the initial admin on an empty instance, then starts Next.js as the app's role.
CMD ["node", "bin/tracewell.mjs", "serve"]
