using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Storage;

internal static class DbCommands
{
    public static Command Build()
    {
        var migrate = new Command("migrate", "Apply any pending database migrations (also done at every start)");
        migrate.Handles((_, services, _) =>
        {
            // Start-up already migrated; report where the schema now stands.
            Console.Out.WriteLine($"{Capitalised(services.Get<Database>().Description)} is at schema version {Migrator.LatestVersion}.");
            return Task.FromResult(ExitCodes.Ok);
        });

        var file = new Argument<string>("FILE") { Description = "Where to write the copy" };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists" };
        var backup = new Command("backup", "Write a consistent copy of the database, safe while the worker runs") { file, force };
        backup.Handles(async (parse, services, cancellationToken) =>
        {
            var target = parse.GetValue(file)!;
            var bytes = await services.Get<DatabaseBackup>().BackupToAsync(target, parse.GetValue(force), cancellationToken);
            Console.Out.WriteLine($"Backed up to {Path.GetFullPath(target)} ({bytes:N0} bytes).");
            return ExitCodes.Ok;
        });

        return new Command("db", "Database maintenance") { migrate, backup };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
