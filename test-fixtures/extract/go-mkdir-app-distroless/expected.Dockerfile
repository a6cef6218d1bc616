FROM golang:1.22 AS builder
RUN mkdir /app
ADD . /app
WORKDIR /app
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go build -o main .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=builder /app/main /app/main
EXPOSE 8080
CMD ["/app/main"]
