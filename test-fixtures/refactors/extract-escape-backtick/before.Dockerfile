# escape=`
FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022
WORKDIR C:\src
COPY Web\Web.csproj Web\
RUN dotnet restore Web\Web.csproj
COPY . .
RUN dotnet publish Web\Web.csproj `
      -c Release `
      -o C:\app
WORKDIR C:\app
EXPOSE 80
ENTRYPOINT ["dotnet", "Web.dll"]
