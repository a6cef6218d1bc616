var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/items", () => new[] { new { Sku = "A-1", Count = 3 } });
app.Run();
