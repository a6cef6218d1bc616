FROM elixir:1.16 AS builder
ENV MIX_ENV=prod
WORKDIR /app
RUN mix local.hex --force && mix local.rebar --force
COPY mix.exs mix.lock ./
RUN mix deps.get --only prod && mix deps.compile
COPY config config
COPY lib lib
RUN mix release

FROM debian:bookworm-slim
ENV MIX_ENV=prod
WORKDIR /app
# The libraries the release's Erlang runtime loads (OpenSSL for crypto, ncurses, libstdc++).
RUN apt-get update && apt-get install -y --no-install-recommends libstdc++6 openssl libncurses6 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=builder /app/_build/prod/rel/pinger /app/_build/prod/rel/pinger
ENV LANG=C.UTF-8
EXPOSE 4000
CMD ["_build/prod/rel/pinger/bin/pinger", "start"]
