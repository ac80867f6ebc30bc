namespace StpCollector.Cli;

/// <summary>
/// A problem the person running StpCollector can fix. Its message is shown as-is (no stack trace),
/// so it must say what is wrong, where, and how to put it right.
/// </summary>
internal class UserFacingException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal sealed class ConfigurationProblemException(string message) : UserFacingException(message, ExitCodes.Usage);
