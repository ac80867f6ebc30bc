using BenchmarkDotNet.Running;

namespace StpCollector.Benchmarks.Kernels;

/// <summary>kernels: BenchmarkDotNet over the inner loops (e.g. --filter '*Csv*'); install/bench does not run these.</summary>
public static class KernelRunner
{
    public static int Run(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(KernelRunner).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
