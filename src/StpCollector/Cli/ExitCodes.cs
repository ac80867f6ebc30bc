namespace StpCollector.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;

    /// <summary>Bad configuration or command-line usage: the user must change what they asked for.</summary>
    public const int Usage = 2;
}
