FROM python:3.11 AS builder
RUN pip install poetry==1.8.2
WORKDIR /code
COPY pyproject.toml poetry.lock ./
ENV POETRY_VIRTUALENVS_CREATE=true POETRY_VIRTUALENVS_IN_PROJECT=true
RUN poetry config virtualenvs.create false && poetry install --no-root --no-interaction

FROM python:3.11-slim
WORKDIR /code
COPY pyproject.toml poetry.lock ./
COPY --from=builder /code/.venv /code/.venv
ENV PATH="/code/.venv/bin:$PATH"
COPY . .
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
