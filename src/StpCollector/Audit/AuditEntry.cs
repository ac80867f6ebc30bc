namespace StpCollector.Audit;

internal enum AuditChannel
{
    Console,
    Cli,
    Public,
}

/// <summary>Who made a change: a console user (their email), the OS user running a verb, or someone following a public link.</summary>
internal sealed record AuditActor(string Name, AuditChannel Channel)
{
    public static AuditActor CommandLine() => new($"cli:{Environment.UserName}", AuditChannel.Cli);

    public static AuditActor ConsoleUser(string email) => new(email, AuditChannel.Console);

    public static readonly AuditActor PublicLink = new("public", AuditChannel.Public);
}

/// <summary>One recorded change. Before and after are short texts (or JSON) where the change has a value worth keeping.</summary>
internal sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Channel,
    string Action,
    string RecordType,
    string RecordId,
    string? Before,
    string? After,
    string Detail);

/// <summary>A change about to be recorded.</summary>
internal sealed record AuditChange(string Action, string RecordType = "", string RecordId = "", string? Before = null, string? After = null,
    string Detail = "");
