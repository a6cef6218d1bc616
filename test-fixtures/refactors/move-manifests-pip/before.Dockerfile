FROM python:3.12-slim
WORKDIR /srv
COPY ./ ./
# Pinned dependencies.
RUN pip install --no-cache-dir -r requirements/prod.txt
CMD ["python", "-m", "service"]
