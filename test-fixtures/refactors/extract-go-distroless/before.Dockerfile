FROM golang:1.22-bookworm
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go vet ./... && go build -ldflags="-s -w" -o bin/api ./cmd/api
USER 65532:65532
ENTRYPOINT ["/app/bin/api"]
