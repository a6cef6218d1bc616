# syntax=docker/dockerfile:1

ARG DOTNET_VERSION=8.0

# build restores and compiles the API; the test and publish stages start from it.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["Directory.Build.props", "Directory.Packages.props", "./"]
COPY ["src/Orders.Api/Orders.Api.csproj", "src/Orders.Api/"]
COPY ["src/Orders.Domain/Orders.Domain.csproj", "src/Orders.Domain/"]
COPY ["tests/Orders.Domain.Tests/Orders.Domain.Tests.csproj", "tests/Orders.Domain.Tests/"]
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore "src/Orders.Api/Orders.Api.csproj" \
 && dotnet restore "tests/Orders.Domain.Tests/Orders.Domain.Tests.csproj"
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet build "src/Orders.Api/Orders.Api.csproj" -c "$BUILD_CONFIGURATION" --no-restore

FROM build AS unit-tests
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet test "tests/Orders.Domain.Tests/Orders.Domain.Tests.csproj" -c Release --no-restore

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish "src/Orders.Api/Orders.Api.csproj" -c "$BUILD_CONFIGURATION" \
      --no-restore -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
WORKDIR /app
EXPOSE 8080
ENV ASPNETCORE_HTTP_PORTS=8080
COPY --from=publish /app/publish .
USER app
ENTRYPOINT ["dotnet", "Orders.Api.dll"]
