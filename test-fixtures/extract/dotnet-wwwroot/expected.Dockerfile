FROM mcr.microsoft.com/dotnet/sdk:8.0 AS builder
WORKDIR /src
COPY Storefront/Storefront.csproj Storefront/
RUN dotnet restore Storefront/Storefront.csproj
COPY . .
RUN dotnet publish Storefront/Storefront.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /src
COPY --from=builder /app/publish /app/publish
WORKDIR /app/publish
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Storefront.dll"]
