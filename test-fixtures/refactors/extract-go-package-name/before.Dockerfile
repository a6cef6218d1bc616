FROM golang:1.22-alpine
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build ./cmd/worker
RUN go test ./...
CMD ["./worker"]
