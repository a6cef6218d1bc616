FROM python:3.12-slim
WORKDIR /srv
COPY requirements/prod.txt ./requirements/
# Pinned dependencies.
RUN pip install --no-cache-dir -r requirements/prod.txt
COPY ./ ./
CMD ["python", "-m", "service"]
