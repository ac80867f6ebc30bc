using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Calendar;
using StpCollector.Rounds;
using StpCollector.Tests.Rounds;

namespace StpCollector.Tests.Web.Actions;

/// <summary>Rounds as the console's round actions need them: councils with leads, a round scheduled or already opened.</summary>
internal static class RoundConsoleData
{
    public const string Hackney = "E09000012", Islington = "E09000019", Camden = "E09000007";

    /// <summary>A London date and time this many days from now, as the form's date and time fields carry them.</summary>
    public static (string Date, string Time) London(int days, string time)
    {
        var day = LondonTime.ToLondon(DateTimeOffset.UtcNow).AddDays(days);
        return (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time);
    }

    /// <summary>Hackney and Islington get a lead each (the run makes the addresses unique), so a round over them invites both.</summary>
    public static async Task AddLeadsAsync(IServiceProvider services)
    {
        var run = RoundTestData.NewRun();
        await RoundTestData.AddLeadAsync(services, Hackney, $"hackney-{run}@hackney.gov.test");
        await RoundTestData.AddLeadAsync(services, Islington, $"islington-{run}@islington.gov.test");
    }

    /// <summary>A round over Hackney and Islington closing in three weeks; opened (invitations queued and sent) unless told otherwise.</summary>
    public static async Task<Round> RoundAsync(IServiceProvider services, bool open = true)
    {
        await AddLeadsAsync(services);
        var (closesDate, _) = London(21, "17:00");
        var created = await services.GetRequiredService<RoundCreator>().CreateAsync(new RoundRequest(
            RoundTestData.Questionnaire, "Winter check", open ? "now" : $"{London(7, "09:00").Date} 09:00", $"{closesDate} 17:00",
            $"councils:{Hackney},{Islington}", "none"));
        if (open)
            await RoundSweeps.TickAsync(services);
        return created.Round;
    }

    /// <summary>The new-round form's answers for a round over the councils given, opening now and closing in three weeks.</summary>
    public static Dictionary<string, string> NewRoundForm(params string[] councils)
    {
        var (closesDate, closesTime) = London(21, "17:00");
        var form = new Dictionary<string, string>
        {
            ["Questionnaire"] = RoundTestData.Questionnaire, ["Title"] = "Winter check", ["AudienceKind"] = "councils",
            ["OpensWhen"] = "now", ["ClosesDate"] = closesDate, ["ClosesTime"] = closesTime, ["Reminders"] = "none",
        };
        for (var i = 0; i < councils.Length; i++)
            form[$"Councils[{i}]"] = councils[i];
        return form;
    }
}

internal sealed class CreateRoundScenario : IStaffActionScenario
{
    public string Route => "/rounds/new";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        await RoundConsoleData.AddLeadsAsync(server.Services);
        return new StaffActionRequest("/rounds/new?handler=create", RoundConsoleData.NewRoundForm(RoundConsoleData.Hackney), "/rounds/new");
    }
}

internal sealed class ExtendRoundScenario : IStaffActionScenario
{
    public string Route => "/rounds/{reference}/extend";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var round = await RoundConsoleData.RoundAsync(server.Services, open: false);
        var version = await server.Services.GetRequiredService<RoundChanges>().VersionAsync(round.Id, CancellationToken.None);
        var (date, time) = RoundConsoleData.London(28, "17:00");
        return new StaffActionRequest($"/rounds/{round.Reference}/extend",
            new() { ["ClosesDate"] = date, ["ClosesTime"] = time, ["Version"] = version.ToString(CultureInfo.InvariantCulture) });
    }
}

internal sealed class CancelRoundScenario : IStaffActionScenario
{
    public string Route => "/rounds/{reference}/cancel";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var round = await RoundConsoleData.RoundAsync(server.Services, open: false);
        return new StaffActionRequest($"/rounds/{round.Reference}/cancel", []);
    }
}

internal sealed class RemindRoundScenario : IStaffActionScenario
{
    public string Route => "/rounds/{reference}/remind";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var round = await RoundConsoleData.RoundAsync(server.Services);
        return new StaffActionRequest($"/rounds/{round.Reference}/remind", new() { ["Councils"] = RoundConsoleData.Hackney });
    }
}
