FROM python:3.11 AS builder
WORKDIR /srv
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
# The dependencies go into a virtual environment the runtime stage copies.
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN chmod +x entrypoint.sh

FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
COPY . .
# What the container runs (ffmpeg).
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /srv/entrypoint.sh /srv/entrypoint.sh
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
EXPOSE 8000
ENTRYPOINT ["./entrypoint.sh"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
