# context trims the sources down to what the image needs.
FROM alpine:3.20 AS context
WORKDIR /ctx
COPY . .
RUN rm -rf .git tests docs

FROM python:3.12-slim
WORKDIR /app
COPY --from=context /ctx /app
RUN pip install --no-cache-dir .
CMD ["python", "-m", "notifier"]
