using System.Text.RegularExpressions;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// The house's layout rules, checked by reading the source (docs/ARCHITECTURE.md explains them): folders import
/// one way and each table's SQL lives in the folder that owns it (FrontDoorTests keeps the command line to verb files).
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>
    /// Who owns each table. A new table must be added here, which makes its owner a decision, not an accident.
    /// </summary>
    private static readonly Dictionary<string, string> TableOwners = new()
    {
        ["app_meta"] = "Storage",
        ["shared_files"] = "Storage",
        ["console_keys"] = "Accounts",
        ["schema_migrations"] = "Storage",
        ["councils"] = "Reference",
        ["footprints"] = "Reference",
        ["council_footprints"] = "Reference",
        ["contacts"] = "Contacts",
        ["bank_holidays"] = "Calendar",
        ["bank_holiday_removals"] = "Calendar",
        ["rounds"] = "Rounds",
        ["round_councils"] = "Rounds",
        ["round_reminder_slots"] = "Rounds",
        ["round_reminders"] = "Rounds",
        ["returns"] = "Rounds",
        ["answers"] = "Rounds",
        ["answer_corrections"] = "Rounds",
        ["outbox"] = "Outbox",
        ["inbound_messages"] = "Ingestion",
        ["inbound_bounces"] = "Ingestion",
        ["foi_requests"] = "Foi",
        ["foi_batches"] = "Foi",
        ["foi_documents"] = "Foi",
        ["foi_events"] = "Foi",
        ["foi_answers"] = "Foi",
        ["subscribers"] = "Bulletins",
        ["bulletins"] = "Bulletins",
        ["bulletin_charts"] = "Bulletins",
        ["bulletin_editorial"] = "Bulletins",
        ["feedback"] = "Bulletins",
        ["feedback_themes"] = "Bulletins",
        ["faq_entries"] = "Bulletins",
        ["faq_sources"] = "Bulletins",
        ["sweep_runs"] = "Hosting",
        ["staff_users"] = "Accounts",
        ["audit_log"] = "Audit",
        ["background_jobs"] = "Jobs",
        // Quartz's clustered job store (PostgreSQL only): created by Jobs' migration, read and written by Quartz alone.
        ["qrtz_job_details"] = "Jobs",
        ["qrtz_triggers"] = "Jobs",
        ["qrtz_simple_triggers"] = "Jobs",
        ["qrtz_simprop_triggers"] = "Jobs",
        ["qrtz_cron_triggers"] = "Jobs",
        ["qrtz_blob_triggers"] = "Jobs",
        ["qrtz_calendars"] = "Jobs",
        ["qrtz_paused_trigger_grps"] = "Jobs",
        ["qrtz_paused_job_grps"] = "Jobs",
        ["qrtz_fired_triggers"] = "Jobs",
        ["qrtz_scheduler_state"] = "Jobs",
        ["qrtz_locks"] = "Jobs",
    };

    /// <summary>
    /// Reference data (councils and footprints) is loaded from the seeds and never changed at run time, so every
    /// feature may join it read-only; Reports may read any table. Writing stays with the owner.
    /// </summary>
    private static readonly HashSet<string> ReadableEverywhere = ["councils", "footprints", "council_footprints"];

    private static readonly string AppRoot = Path.Combine(RepoPaths.Root, "src", "StpCollector");

    [Test]
    public void No_two_folders_import_each_other()
    {
        var imports = SourceFiles()
            .SelectMany(file => ImportedFolders(file).Select(imported => (from: FolderOf(file), to: imported, file)))
            .Where(x => x.from != x.to)
            .ToList();
        var edges = imports.Select(x => (x.from, x.to)).ToHashSet();

        var twoWay = imports
            .Where(x => string.CompareOrdinal(x.from, x.to) < 0 && edges.Contains((x.to, x.from)))
            .GroupBy(x => (x.from, x.to))
            .Select(g => $"{g.Key.from} <-> {g.Key.to} (e.g. {Relative(g.First().file)} and " +
                         $"{Relative(imports.First(x => x.from == g.Key.to && x.to == g.Key.from).file)})")
            .ToList();

        Assert.That(twoWay, Is.Empty, "folders depend one way: move the shared part to Shared/ or let the host compose");
    }

    [Test]
    public void Each_table_is_written_by_its_owner_and_read_only_by_its_owner_Reports_or_as_reference_data()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            foreach (Match m in SqlTableUse().Matches(File.ReadAllText(file)))
            {
                var verb = m.Groups["verb"].Value.ToUpperInvariant();
                var table = m.Groups["table"].Value;
                if (!TableOwners.TryGetValue(table, out var owner) || owner == folder)
                    continue;
                var reading = verb is "FROM" or "JOIN";
                if (reading && (folder == "Reports" || ReadableEverywhere.Contains(table)))
                    continue;
                offenders.Add($"{Relative(file)}: {verb} {table} (owned by {owner})");
            }
        }

        Assert.That(offenders.Distinct(), Is.Empty, "ask the owning feature's service instead of using its table");
    }

    [Test]
    public void Every_table_a_migration_creates_has_an_owner()
    {
        var created = Directory.EnumerateFiles(AppRoot, "*.sql", SearchOption.AllDirectories)
            .SelectMany(file => CreateTable().Matches(File.ReadAllText(file)).Select(m => m.Groups["table"].Value))
            .Distinct()
            .Where(table => !TableOwners.ContainsKey(table))
            .ToList();

        Assert.That(created, Is.Empty, "name the owning folder of each new table in ArchitectureTests.TableOwners");
    }

    [Test]
    public void The_scans_see_what_they_are_meant_to_see()
    {
        // Guards the guards: if a path or pattern drifted, the rules above would pass on nothing.
        Assert.That(SourceFiles().Count(), Is.GreaterThan(100));
        Assert.That(ImportedFolders(Path.Combine(AppRoot, "Cli", "VerbRunner.cs")), Does.Contain("Shared"));
        Assert.That(ImportedFolders(Path.Combine(AppRoot, "Program.cs")), Is.Not.Empty);
        Assert.That(SqlTableUse().IsMatch("SELECT 1 FROM rounds r JOIN returns t"), Is.True);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(AppRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));

    private static string FolderOf(string file)
    {
        var relative = Path.GetRelativePath(AppRoot, file);
        var slash = relative.IndexOf('/');
        return slash < 0 ? "" : relative[..slash];
    }

    /// <summary>Folders a file refers to: by <c>using StpCollector.X</c>, by full name, or by a name relative to its namespace (<c>Storage.Database</c>).</summary>
    private static HashSet<string> ImportedFolders(string file) =>
        File.ReadLines(file)
            .Where(line => !line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
            .SelectMany(line => Reference().Matches(line).Select(m => m.Groups["folder"].Value)
                .Concat(RelativeReference().Matches(line).Select(m => m.Groups["folder"].Value)))
            .Where(Folders.Contains)
            .ToHashSet();

    private static readonly HashSet<string> Folders =
        Directory.EnumerateDirectories(AppRoot).Select(Path.GetFileName).OfType<string>().Where(d => d is not ("bin" or "obj")).ToHashSet();

    private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file);

    [GeneratedRegex(@"\bStpCollector\.(?<folder>[A-Z][A-Za-z]*)\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z][A-Za-z]*)\.[A-Z]")]
    private static partial Regex RelativeReference();

    [GeneratedRegex(@"\b(?<verb>FROM|JOIN|INTO|UPDATE)\s+(?<table>[a-z_]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlTableUse();

    [GeneratedRegex(@"CREATE TABLE (IF NOT EXISTS )?(?<table>[a-z_]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
