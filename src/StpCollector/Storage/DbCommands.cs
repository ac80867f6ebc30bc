using System.CommandLine;
using StpCollector.Cli;
using StpCollector.Storage.Copy;

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

        return new Command("db", "Database maintenance") { migrate, backup, BuildCopy() };
    }

    private static Command BuildCopy()
    {
        var to = new Option<string>("--to")
        {
            Description = "The empty PostgreSQL database to fill, as postgres://USER:PASSWORD@HOST:5432/DATABASE",
            Required = true,
        };
        var copy = new Command("copy", "Copy the data dir's SQLite database into an empty PostgreSQL database, checking every table") { to };
        copy.Handles(async (parse, services, cancellationToken) =>
        {
            var databaseCopy = services.Get<DatabaseCopy>();
            if (databaseCopy.SourceIsNotTheConfiguredStore)
                Console.Out.WriteLine($"Storage:Provider is PostgreSql; db copy reads the SQLite database in the data folder, {databaseCopy.SourceFile}.");
            var outcome = await databaseCopy.CopyAsync(parse.GetValue(to)!, cancellationToken);
            Output.Table(["Table", "SQLite rows", "PostgreSQL rows", "Checksum"], outcome.Tables.Select(t => (IReadOnlyList<string?>)
                [t.Table, t.SourceRows.ToString("N0"), t.TargetRows.ToString("N0"), t.Matches ? "match" : "DIFFERS"]));
            if (!outcome.Matches)
            {
                Output.Error($"{outcome.Tables.Count(t => !t.Matches)} table(s) differ after the copy (marked DIFFERS above), so it was rolled back: " +
                             $"{outcome.Target} holds no StpCollector data. The SQLite database is unchanged.");
                return ExitCodes.Failure;
            }

            Console.Out.WriteLine($"Copied {outcome.Rows:N0} rows in {outcome.Tables.Count} tables from {outcome.SourceFile} to {outcome.Target}; " +
                                  "every table has the same rows and checksum on both sides.");
            Console.Out.WriteLine("To use it, set STPCOLLECTOR__Storage__Provider=PostgreSql and STPCOLLECTOR__Storage__ConnectionString to the same address. " +
                                  "The SQLite file is left as it was.");
            return ExitCodes.Ok;
        });
        return copy;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
