FROM python:3.12-bookworm AS base
ENV PIP_NO_CACHE_DIR=1
WORKDIR /srv/app

FROM base AS builder
COPY requirements.txt .
RUN python -m venv /venv \
 && /venv/bin/pip install -r requirements.txt

FROM python:3.12-slim-bookworm
ENV PIP_NO_CACHE_DIR=1
WORKDIR /srv/app
COPY requirements.txt .
COPY --from=builder /venv /venv
COPY app/ app/
USER 10001
CMD ["/venv/bin/python", "-m", "app"]
