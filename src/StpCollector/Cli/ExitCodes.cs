using StpCollector.Shared;

namespace StpCollector.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;

    /// <summary>Bad configuration or command-line usage: the user must change what they asked for.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The exit code for a feature's problem: the person must change what they asked for (usage), or
    /// what they asked is sound but cannot be done as things stand (failure).
    /// </summary>
    public static int For(Problem problem) => problem.Kind switch
    {
        ProblemKind.NotFound or ProblemKind.InvalidInput => Usage,
        _ => Failure,
    };
}
