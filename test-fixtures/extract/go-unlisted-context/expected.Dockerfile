FROM golang:1.22-bookworm AS builder
WORKDIR /srv/guestbook
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go build -o guestbook .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /srv/guestbook
COPY --from=builder /srv/guestbook/guestbook /srv/guestbook/guestbook
# CHECK: no listing of the build context was available, so files the app may read at run time from /srv/guestbook (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
EXPOSE 8080
CMD ["./guestbook", "-config", "config.yaml"]
