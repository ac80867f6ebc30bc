using StpCollector.Hosting;

return await CommandTree.RunAsync(args);
