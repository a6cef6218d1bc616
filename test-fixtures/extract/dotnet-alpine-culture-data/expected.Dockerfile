FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS builder
WORKDIR /src
COPY Billing.csproj .
RUN dotnet restore
COPY . .
RUN dotnet publish -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine
WORKDIR /src
# The SDK image had ICU; the Alpine runtime image runs without culture data unless it is installed.
RUN apk add --no-cache icu-data-full icu-libs
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false
COPY --from=builder /app /app
WORKDIR /app
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Billing.dll"]
