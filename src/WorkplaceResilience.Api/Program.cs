using WorkplaceResilience.Api.Admin;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.MyData;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Api.Settings;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkplaceResilience();

var app = builder.Build();
if (app.ExplainInvalidSettings()) return 2;
if (args.Contains("migrate"))
{
    // `dotnet WorkplaceResilience.Api.dll migrate`: bring the database schema up to date, then exit.
    await app.MigrateDatabaseAsync();
    return 0;
}

app.UseWorkplaceResilience();
app.MapHealth();
app.MapBreaks();
app.MapReports();
app.MapJobHealth();
app.MapDashboard();
app.MapTenantAdmin();
app.MapOnboarding();
app.MapMyData();
app.MapMySettings();
app.MapCalendarWebhook();
if (app.IsDemo()) app.MapDemo();
app.MapFrontEnd();
app.Run();
return 0;

public partial class Program;
