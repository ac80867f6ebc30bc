using StpCollector.Cli;

return await CommandTree.RunAsync(args);
