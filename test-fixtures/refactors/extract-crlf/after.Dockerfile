FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY . .
RUN go build -o /bin/hello .

FROM alpine:3.20
WORKDIR /src
COPY --from=builder /bin/hello /bin/hello
# CHECK: no listing of the build context was available, so files the app may read at run time from /src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
ENTRYPOINT ["/bin/hello"]
