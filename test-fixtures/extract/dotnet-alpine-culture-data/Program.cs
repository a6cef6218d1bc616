using System.Globalization;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/invoice/{amount:decimal}", (decimal amount) =>
    amount.ToString("C", CultureInfo.GetCultureInfo("de-DE")));

app.Run();
