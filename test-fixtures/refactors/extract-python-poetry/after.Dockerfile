FROM python:3.11-bookworm AS builder
WORKDIR /code
RUN pip install --no-cache-dir poetry==1.8.3
COPY pyproject.toml poetry.lock ./
ENV POETRY_VIRTUALENVS_CREATE=true POETRY_VIRTUALENVS_IN_PROJECT=true
RUN poetry install --only main --no-root

FROM python:3.11-slim-bookworm
WORKDIR /code
COPY pyproject.toml poetry.lock ./
COPY --from=builder /code/.venv /code/.venv
ENV PATH="/code/.venv/bin:$PATH"
COPY src/ src/
CMD ["python", "-m", "src.main"]
