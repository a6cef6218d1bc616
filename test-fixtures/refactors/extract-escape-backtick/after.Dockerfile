# escape=`
FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022 AS builder
WORKDIR C:\src
COPY Web\Web.csproj Web\
RUN dotnet restore Web\Web.csproj
COPY . .
RUN dotnet publish Web\Web.csproj `
      -c Release `
      -o C:\app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
WORKDIR C:\src
COPY --from=builder C:\app C:\app
WORKDIR C:\app
EXPOSE 80
ENTRYPOINT ["dotnet", "Web.dll"]
