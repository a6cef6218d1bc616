ARG PYTHON=3.12

FROM python:${PYTHON}-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# api serves HTTP.
FROM base AS api
COPY api/ api/
CMD ["python", "-m", "api"]

# worker processes the queue.
FROM base AS worker
COPY worker/ worker/
CMD ["python", "-m", "worker"]

FROM alpine:3.20
COPY --from=2 /app/worker /srv/worker
COPY --from=api /app/api /srv/api
