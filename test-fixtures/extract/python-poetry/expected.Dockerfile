FROM python:3.11-bookworm AS builder
RUN pip install --no-cache-dir poetry==1.8.3
WORKDIR /code
COPY pyproject.toml poetry.lock ./
ENV POETRY_VIRTUALENVS_CREATE=true POETRY_VIRTUALENVS_IN_PROJECT=true
RUN poetry install --only main --no-root

FROM python:3.11-slim-bookworm
WORKDIR /code
COPY pyproject.toml poetry.lock ./
COPY --from=builder /code/.venv /code/.venv
ENV PATH="/code/.venv/bin:$PATH"
COPY . .
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0"]
