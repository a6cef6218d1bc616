# This file uses Windows (CRLF) line endings, as checked out with core.autocrlf=true.

ARG PYTHON_VERSION=3.12

# wheels builds every dependency into a wheel once.
FROM python:${PYTHON_VERSION}-slim AS wheels
WORKDIR /wheels
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:${PYTHON_VERSION}-slim AS app
RUN useradd --create-home --uid 10001 worker
RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels /wheels/*.whl
WORKDIR /home/worker/app
COPY --chown=worker:worker . .
COPY --from=wheels /wheels/requirements.txt /home/worker/requirements.lock
USER worker
CMD ["python", "-m", "scheduler"]
