var app = WebApplication.Create(args);
app.UseStaticFiles();
app.Run();
