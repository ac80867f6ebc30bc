using System.CommandLine;
using Microsoft.Extensions.Options;
using StpCollector.Accounts;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Web;

/// <summary>`stpcollector users ...`: the staff accounts that sign in to the console.</summary>
internal static class UsersCommands
{
    public static Command Build()
    {
        var email = () => new Argument<string>("EMAIL") { Description = "The person's work email address" };
        var roleHelp = $"One of: {string.Join(", ", StaffRoles.All.Select(r => r.Name()))} (each includes the ones before it)";

        var addEmail = email();
        var addRole = new Option<string>("--role") { Required = true, Description = roleHelp };
        var addName = new Option<string?>("--name") { Description = "Their name as shown in the console and the audit log" };
        var add = new Command("add", "Create a console account; prints a one-time password to hand to the person") { addEmail, addRole, addName };
        add.Handles(async (parse, services, cancellationToken) =>
        {
            var role = StaffRoles.Parse(parse.GetValue(addRole)!);
            var (user, password) = await services.Get<StaffUserStore>().AddAsync(parse.GetValue(addEmail)!, role, parse.GetValue(addName), cancellationToken);
            Console.Out.WriteLine($"Created {user.Email} ({role.Name()}).");
            PrintPassword(services, password);
            return ExitCodes.Ok;
        });

        var listJson = CommonOptions.Json();
        var list = new Command("list", "List the console accounts: role, state, last sign-in") { listJson };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var users = await services.Get<StaffUserStore>().ListAsync(cancellationToken);
            var now = services.Get<TimeProvider>().GetUtcNow();
            if (parse.GetValue(listJson))
                Output.Json(users.Select(u => new { u.Email, u.DisplayName, Role = u.RoleName, State = State(u, now), u.LastSignInAt, u.CreatedAt }));
            else
                Output.Table(["Email", "Name", "Role", "State", "Last sign-in"], users.Select(u => new[]
                {
                    u.Email, u.DisplayName, u.RoleName, State(u, now), u.LastSignInAt is { } at ? LondonTime.Short(at) : "never",
                }), "No console accounts yet. Create the first with: stpcollector users add you@example.gov.uk --role admin");
            return ExitCodes.Ok;
        });

        var disableEmail = email();
        var disable = new Command("disable", "Stop an account signing in (its open sessions end at once); the audit log keeps its history") { disableEmail };
        disable.Handles(async (parse, services, cancellationToken) =>
        {
            var user = await services.Get<StaffUserStore>().DisableAsync(parse.GetValue(disableEmail)!, cancellationToken);
            Console.Out.WriteLine($"{user.Email} can no longer sign in. To allow it again: stpcollector users enable {user.Email}");
            return ExitCodes.Ok;
        });

        var enableEmail = email();
        var enable = new Command("enable", "Allow a disabled or locked account to sign in again") { enableEmail };
        enable.Handles(async (parse, services, cancellationToken) =>
        {
            var user = await services.Get<StaffUserStore>().EnableAsync(parse.GetValue(enableEmail)!, cancellationToken);
            Console.Out.WriteLine($"{user.Email} can sign in again.");
            return ExitCodes.Ok;
        });

        var resetEmail = email();
        var reset = new Command("reset", "Give an account a new one-time password (and unlock it); its open sessions end") { resetEmail };
        reset.Handles(async (parse, services, cancellationToken) =>
        {
            var (user, password) = await services.Get<StaffUserStore>().ResetAsync(parse.GetValue(resetEmail)!, cancellationToken);
            Console.Out.WriteLine($"Reset the password of {user.Email}.");
            PrintPassword(services, password);
            return ExitCodes.Ok;
        });

        var roleEmail = email();
        var roleName = new Argument<string>("ROLE") { Description = roleHelp };
        var role = new Command("role", "Change what an account may do; its open sessions end") { roleEmail, roleName };
        role.Handles(async (parse, services, cancellationToken) =>
        {
            var chosen = StaffRoles.Parse(parse.GetValue(roleName)!, "ROLE");
            var user = await services.Get<StaffUserStore>().SetRoleAsync(parse.GetValue(roleEmail)!, chosen, cancellationToken);
            Console.Out.WriteLine($"{user.Email} is now {chosen.Name()}.");
            return ExitCodes.Ok;
        });

        return new Command("users", "Staff accounts for the web console: add, list, disable, enable, reset, role") { add, list, disable, enable, reset, role };
    }

    private static string State(StaffUser user, DateTimeOffset now) =>
        user.IsDisabled ? "disabled"
        : user.IsLockedAt(now) ? $"locked until {LondonTime.Short(user.LockedUntil!.Value)}"
        : user.MustChangePassword ? "must choose a password"
        : "active";

    private static void PrintPassword(IServiceProvider services, string password)
    {
        var web = services.Get<IOptions<WebOptions>>().Value;
        Console.Out.WriteLine($"One-time password (shown only now): {password}");
        Console.Out.WriteLine($"Give it to them privately. They sign in at {SignInAddress(web)} and must then choose their own password.");
    }

    public static string SignInAddress(WebOptions web)
    {
        var baseUrl = web.PublicBaseUrl.Length > 0 ? web.PublicBaseUrl : web.UrlList.FirstOrDefault() ?? "";
        return baseUrl.Contains(":0", StringComparison.Ordinal) || baseUrl.Length == 0 ? "the console's address (printed when it starts) + /sign-in" : $"{baseUrl.TrimEnd('/')}/sign-in";
    }
}
