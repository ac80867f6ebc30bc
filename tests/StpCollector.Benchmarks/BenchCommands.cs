using StpCollector.Benchmarks.Generators;
using StpCollector.Benchmarks.Reference;

namespace StpCollector.Benchmarks;

public static class BenchCommands
{
    private const string Usage = """
        Usage: StpCollector.Benchmarks COMMAND [--option value ...]   (driven by install/bench)
          gen-import   --rows N --out FILE --questionnaire JSON --seed-councils CSV [--round REF] [--councils N]
          add-councils --data-dir DIR --count N            generated test councils E99nnnnnn with a lead contact each
          gen-outbox   --data-dir DIR --recipients N --sample-out FILE [--image-kb K]
          gen-replies  --data-dir DIR --smtp-port P --count N [--sessions S | --per-second R --sent-log FILE]
          gen-report   --data-dir DIR --config-dir DIR [--councils 400 --questions 40 --rounds 50]
          fetch        --imap-port P --user U --password PW [--expect N]   the bare MailKit reference
          inbox-count  --imap-port P --user U --password PW [--folder F]
          explain      --data-dir DIR --namespace NS [--round ID]          EXPLAIN QUERY PLAN of a feature's SQL
          kernels      [BenchmarkDotNet arguments]                         inner loops under BenchmarkDotNet
          profile-import --file CSV --questionnaire JSON [--data-dir DIR --round REF]   the import's phases, by stopwatch
          profile-sqlite --data-dir DIR [--returns N]                       answers inserts: the schema's cost against a plain table
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "kernels")
            return Kernels.KernelRunner.Run(args[1..]);
        try
        {
            var options = new Arguments(args[1..]);
            return args[0] switch
            {
                "gen-import" => ImportCsvGenerator.Run(options),
                "add-councils" => await TestCouncils.RunAsync(options),
                "gen-outbox" => await OutboxGenerator.RunAsync(options),
                "gen-replies" => await ReplyGenerator.RunAsync(options),
                "gen-report" => await ReportDataGenerator.RunAsync(options),
                "fetch" => await BareFetch.RunAsync(options),
                "inbox-count" => await BareFetch.CountAsync(options),
                "explain" => await QueryPlans.RunAsync(options),
                "profile-import" => await Profiling.ImportPhases.RunAsync(options),
                "profile-sqlite" => await Profiling.SqliteInsertStrategies.RunAsync(options),
                _ => Unknown(args[0]),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            return 2;
        }
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command {command}.\n{Usage}");
        return 2;
    }
}
