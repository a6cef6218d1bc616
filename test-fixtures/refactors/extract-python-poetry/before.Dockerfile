FROM python:3.11-bookworm
WORKDIR /code
RUN pip install --no-cache-dir poetry==1.8.3
COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root
COPY src/ src/
CMD ["python", "-m", "src.main"]
