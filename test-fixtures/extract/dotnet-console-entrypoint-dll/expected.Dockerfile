FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim AS builder
WORKDIR /source
COPY . .
RUN dotnet publish -c Release -o /out Worker.csproj

FROM mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim
WORKDIR /source
COPY --from=builder /out /out
USER app
ENTRYPOINT ["dotnet", "/out/Worker.dll"]
