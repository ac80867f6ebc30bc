using Serilog.Core;
using Serilog.Events;

namespace StpCollector.Hosting;

/// <summary>
/// Wraps the log file sink so that a log file that cannot be written (disk full, folder removed, no permission)
/// never stops the program: the failure is said once on stderr and later events for the file are dropped
/// until writing works again. The console keeps logging as before.
/// </summary>
internal sealed class ForgivingSink(ILogEventSink inner, string describedAs) : ILogEventSink, IDisposable
{
    private int reported;

    public void Emit(LogEvent logEvent)
    {
        try
        {
            inner.Emit(logEvent);
            Interlocked.Exchange(ref reported, 0);
        }
        catch (Exception e)
        {
            Report(e);
        }
    }

    public void Dispose()
    {
        try
        {
            (inner as IDisposable)?.Dispose();
        }
        catch (Exception e)
        {
            Report(e);
        }
    }

    private void Report(Exception e)
    {
        if (Interlocked.Exchange(ref reported, 1) == 1)
            return;
        try
        {
            Console.Error.WriteLine($"WRN: Could not write the log file {describedAs}: {e.Message.TrimEnd('.')}. " +
                                    "StpCollector carries on; messages meant for the log file are lost until it can be written again.");
        }
        catch (IOException)
        {
            // stderr itself is gone; there is nowhere left to say it.
        }
    }
}
