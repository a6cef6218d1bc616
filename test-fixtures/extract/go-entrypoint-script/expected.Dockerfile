FROM golang:1.22 AS builder
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /app/bin/mailer .

FROM debian:bookworm-slim
WORKDIR /app
COPY --from=builder /app/bin/mailer /app/bin/mailer
COPY --from=builder /app/docker-entrypoint.sh /app/docker-entrypoint.sh
EXPOSE 2525
ENTRYPOINT ["./docker-entrypoint.sh"]
CMD ["serve"]
