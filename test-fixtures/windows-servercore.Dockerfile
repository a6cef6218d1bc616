# escape=`

ARG WINDOWS_VERSION=ltsc2022

# build restores the solution and publishes the web project with MSBuild.
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8.1-windowsservercore-${WINDOWS_VERSION} AS build
SHELL ["powershell", "-NoLogo", "-NoProfile", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
WORKDIR C:\src
COPY Inventory.sln .
COPY Inventory.Web\Inventory.Web.csproj Inventory.Web\
COPY Inventory.Web\packages.config Inventory.Web\
COPY Inventory.Tests\Inventory.Tests.csproj Inventory.Tests\
COPY Inventory.Tests\packages.config Inventory.Tests\
RUN nuget restore Inventory.sln
COPY . .
RUN msbuild Inventory.sln `
        /p:Configuration=Release `
        /p:DeployOnBuild=true `
        /p:PublishProfile=FolderProfile `
        /p:PublishUrl=C:\out\web `
        /verbosity:minimal ; `
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# test runs the MSTest suite against the Release build.
FROM build AS test
RUN $vstest = Get-ChildItem -Recurse -Filter vstest.console.exe 'C:\Program Files (x86)\Microsoft Visual Studio' | `
        Select-Object -First 1 ; `
    & $vstest.FullName Inventory.Tests\bin\Release\Inventory.Tests.dll /Logger:trx ; `
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# runtime serves the published site from IIS.
FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8.1-windowsservercore-${WINDOWS_VERSION} AS runtime
SHELL ["powershell", "-NoLogo", "-NoProfile", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Remove-Item -Recurse -Force C:\inetpub\wwwroot\* ; `
    Import-Module WebAdministration ; `
    Set-ItemProperty 'IIS:\AppPools\DefaultAppPool' -Name managedRuntimeVersion -Value 'v4.0'
WORKDIR C:\inetpub\wwwroot
COPY --from=build C:\out\web\ .
EXPOSE 80
HEALTHCHECK --interval=30s --timeout=5s `
    CMD ["powershell", "-Command", "try { Invoke-WebRequest -UseBasicParsing http://localhost/health | Out-Null; exit 0 } catch { exit 1 }"]
ENTRYPOINT ["C:\\ServiceMonitor.exe", "w3svc"]
