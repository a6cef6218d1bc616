FROM python:3.10 AS builder
WORKDIR /app
RUN pip install --no-cache-dir pipenv
COPY Pipfile Pipfile.lock ./
# The dependencies go into a virtual environment the runtime stage copies.
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pipenv install --system --deploy

FROM python:3.10-slim
WORKDIR /app
COPY Pipfile Pipfile.lock ./
COPY --from=builder /opt/venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY . .
CMD ["python", "-m", "src.worker"]
