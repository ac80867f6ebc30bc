namespace StpCollector.Shared;

/// <summary>What kind of problem stopped a request; each front door turns it into its own answer (an exit code, an HTTP status).</summary>
internal enum ProblemKind
{
    /// <summary>The thing asked for does not exist (a round, a council, a message).</summary>
    NotFound,

    /// <summary>What was asked is malformed or out of range; the person must change the request.</summary>
    InvalidInput,

    /// <summary>The request is sound but the current state forbids it (already sent, already cancelled, no data yet).</summary>
    Conflict,

    /// <summary>A file given to read cannot be used as it is (binary, duplicate columns); the person must fix the file.</summary>
    Unprocessable,

    /// <summary>Something StpCollector itself needs is missing, broken or busy (a template, seed data, disk space, the worker lock).</summary>
    Unavailable,
}

/// <summary>
/// A problem a person can put right, raised by a feature. Its message is shown as-is (no stack trace), so it says
/// what is wrong, where, and how to put it right; <see cref="Field"/> names the option, field or setting it concerns, if one.
/// </summary>
internal abstract class Problem(string message, string? field) : Exception(message)
{
    public abstract ProblemKind Kind { get; }

    public string? Field { get; } = field;
}

internal sealed class NotFoundProblem(string message, string? field = null) : Problem(message, field)
{
    public override ProblemKind Kind => ProblemKind.NotFound;
}

internal sealed class InvalidInputProblem(string message, string? field = null) : Problem(message, field)
{
    public override ProblemKind Kind => ProblemKind.InvalidInput;
}

internal sealed class ConflictProblem(string message, string? field = null) : Problem(message, field)
{
    public override ProblemKind Kind => ProblemKind.Conflict;
}

internal sealed class UnprocessableProblem(string message, string? field = null) : Problem(message, field)
{
    public override ProblemKind Kind => ProblemKind.Unprocessable;
}

internal sealed class UnavailableProblem(string message, string? field = null) : Problem(message, field)
{
    public override ProblemKind Kind => ProblemKind.Unavailable;
}
