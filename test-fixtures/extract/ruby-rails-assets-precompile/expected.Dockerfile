FROM ruby:3.3 AS builder
RUN apt-get update -qq && apt-get install -y nodejs postgresql-client libpq-dev
WORKDIR /myapp
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
ENV RAILS_ENV=production RAILS_SERVE_STATIC_FILES=true
RUN SECRET_KEY_BASE=dummy bundle exec rails assets:precompile

FROM ruby:3.3-slim
WORKDIR /myapp
COPY Gemfile Gemfile.lock ./
COPY . .
ENV RAILS_ENV=production RAILS_SERVE_STATIC_FILES=true
# The runtime libraries of libpq-dev, and what the container runs (postgresql-client, nodejs).
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 postgresql-client nodejs && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/local/bundle /usr/local/bundle
COPY --from=builder /myapp/public/assets /myapp/public/assets
EXPOSE 3000
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]
