FROM python:3.12-bookworm AS builder
ENV PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=mysite.settings
WORKDIR /code
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /code/
# The dependencies go into a virtual environment the runtime stage copies.
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim-bookworm
ENV PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=mysite.settings
WORKDIR /code
COPY requirements.txt /code/
# The runtime libraries of libpq-dev.
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY . /code/
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3"]
