ARG PYTHON=3.12

# api serves HTTP.
FROM python:${PYTHON}-slim AS api
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY api/ api/
CMD ["python", "-m", "api"]

# worker processes the queue.
FROM python:${PYTHON}-slim AS worker
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY worker/ worker/
CMD ["python", "-m", "worker"]

FROM alpine:3.20
COPY --from=1 /app/worker /srv/worker
COPY --from=api /app/api /srv/api
