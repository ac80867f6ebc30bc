using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>
/// `stpcollector status`: the worker's health at a glance: each sweep's last run and last failure, what waits in
/// the outbox and the inbox, and the free space on the data folder's disk. Reads only, so it works on a full disk.
/// </summary>
internal static class StatusCommand
{
    public static Command Build()
    {
        var json = CommonOptions.Json();
        var status = new Command("status", "Show the worker's health: each sweep's last run and error, outbox and inbox backlog, free disk space") { json };
        status.Handles(async (parse, services, cancellationToken) =>
        {
            var paths = services.Get<AppPaths>();
            var runs = (await services.Get<SweepRunLog>().ReadAsync(cancellationToken)).ToDictionary(r => r.Sweep);
            var sweeps = SweepOrder.Sort(services.GetServicesOf<SweepRegistration>())
                .Select(r => runs.GetValueOrDefault(r.Name) ?? new SweepRunLog.Entry(r.Name, "", 0, "", null, null))
                .ToList();
            var outbox = await services.Get<OutboxBrowser>().BacklogAsync(cancellationToken);
            var mailbox = services.Get<IMailbox>();
            int? inbox = null;
            if (mailbox is DropFolderMailbox && !Directory.Exists(paths.DropDir))
                inbox = 0;
            else if (mailbox is DropFolderMailbox)
            {
                await using var session = await mailbox.OpenAsync(cancellationToken);
                inbox = (await session.ListAsync(cancellationToken)).Count;
            }

            var free = DiskSpace.FreeBytes(paths.DataDir);
            var total = DiskSpace.TotalBytes(paths.DataDir);
            var warning = services.Get<LowDiskSpaceWatch>().Warning();
            if (parse.GetValue(json))
            {
                Output.Json(new
                {
                    Sweeps = sweeps.Select(s => new
                    {
                        Name = s.Sweep,
                        LastRunAt = s.LastRunAt.Length == 0 ? null : s.LastRunAt,
                        LastSucceeded = s.LastRunAt.Length == 0 ? (bool?)null : s.LastSucceeded == 1,
                        LastSummary = s.LastSummary.Length == 0 ? null : s.LastSummary,
                        s.LastError,
                        s.LastErrorAt,
                    }),
                    Outbox = new { Waiting = outbox },
                    Inbox = new { Waiting = inbox, Mailbox = mailbox.Describe() },
                    Disk = new { Path = paths.DataDir, FreeBytes = free, TotalBytes = total, LowSpaceWarning = warning },
                });
                return ExitCodes.Ok;
            }

            Output.Table(["Sweep", "Last run", "Result", "Last error"], sweeps.Select(s => (IReadOnlyList<string?>)
            [
                s.Sweep,
                s.LastRunAt.Length == 0 ? "never" : LondonTime.Short(DapperSetup.ParseTimestamp(s.LastRunAt)),
                s.LastRunAt.Length == 0 ? "" : s.LastSummary,
                s.LastError is null ? "" : $"{LondonTime.Short(DapperSetup.ParseTimestamp(s.LastErrorAt!))}: {s.LastError}",
            ]));
            Console.Out.WriteLine($"Outbox: {Messages(outbox)} waiting to be sent.");
            Console.Out.WriteLine(inbox is null
                ? $"Inbox: {mailbox.Describe()} (not counted here; run --once --sweep MailboxPoll reads it)."
                : $"Inbox: {Messages(inbox.Value)} waiting in {mailbox.Describe()}.");
            Console.Out.WriteLine($"Disk: {DiskSpace.Describe(free)} free of {DiskSpace.Describe(total)} on the disk holding {paths.DataDir}.");
            if (warning is not null)
                Console.Out.WriteLine($"Low disk space: {warning}.");
            return ExitCodes.Ok;
        });
        return status;
    }

    private static string Messages(long count) => count == 1 ? "1 message" : $"{count} messages";

    private static IEnumerable<T> GetServicesOf<T>(this IServiceProvider services) =>
        (IEnumerable<T>)services.GetService(typeof(IEnumerable<T>))!;
}
