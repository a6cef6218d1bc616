FROM php:8.2-apache AS builder
RUN apt-get update && apt-get install -y --no-install-recommends git unzip && rm -rf /var/lib/apt/lists/*
RUN docker-php-ext-install pdo_mysql
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --prefer-dist --no-interaction

FROM php:8.2-apache
RUN docker-php-ext-install pdo_mysql
WORKDIR /var/www/html
COPY composer.json composer.lock ./
COPY --from=builder /var/www/html/vendor /var/www/html/vendor
COPY . .
EXPOSE 80
