# Production image: the API and the worker share it (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY schema.graphql ./
COPY web/package.json web/package-lock.json ./web/
RUN cd web && npm ci --no-audit --no-fund
COPY web ./web
RUN cd web && npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY api ./api
COPY worker ./worker
RUN pip install --no-cache-dir .
COPY alembic.ini ./
COPY migrations ./migrations
COPY --from=web /src/web/dist ./web/dist
RUN useradd --system --uid 10001 app
USER app
EXPOSE 8000
CMD ["uvicorn", "api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-proxy-headers", "--ws", "api.wsprotocol:LeanWebSocketProtocol", "--ws-per-message-deflate", "false"]
