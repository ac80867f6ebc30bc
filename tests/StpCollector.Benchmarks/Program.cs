using StpCollector.Benchmarks;

// install/bench drives these commands; each prints one short line of what it made or measured.
return await BenchCommands.RunAsync(args);
