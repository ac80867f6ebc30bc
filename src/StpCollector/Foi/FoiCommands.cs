using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Foi;

/// <summary>The `foi` verb. Each subcommand is built by its own method and added in <see cref="Build"/>.</summary>
internal static class FoiCommands
{
    public static Command Build() => new("foi", "Freedom of Information requests and their deadlines")
    {
        BuildDue(),
        FoiRequestCommands.Create(),
        FoiRequestCommands.List(),
        FoiRequestCommands.Show(),
        FoiRequestCommands.Classify(),
        FoiDocumentCommands.Documents(),
        FoiDocumentCommands.Code(),
    };

    private static Command BuildDue()
    {
        var received = IsoDateOption.Create("--received", "The day the request was received (day 0, even when not a working day)");
        var workingDays = new Option<int>("--working-days")
        { CustomParser = WholeNumber.Of<int>("--working-days"),
            Description = "Working days allowed: 20 under FOIA s.10; 40 marks a request as very overdue",
            DefaultValueFactory = _ => 20,
        };
        workingDays.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 1000)
                result.AddError("--working-days must be a whole number from 0 to 1000.");
        });
        var json = CommonOptions.Json();
        var due = new Command("due", "Print the day a response is due: the Nth working day after receipt (UK-wide bank holidays)")
        {
            received, workingDays, json,
        };
        due.Handles(async (parse, services, cancellationToken) =>
        {
            var calendar = await services.Get<HolidayCalendarStore>().LoadUnitedKingdomAsync(cancellationToken);
            var explanation = calendar.Explain(parse.GetValue(received), parse.GetValue(workingDays));
            foreach (var warning in explanation.Warnings)
                Output.Error($"Warning: {warning}");
            if (parse.GetValue(json))
            {
                Output.Json(new
                {
                    explanation.Received,
                    explanation.Due,
                    explanation.WorkingDays,
                    explanation.Skipped,
                    Warnings = explanation.Warnings.Count > 0 ? explanation.Warnings : null,
                });
            }
            else
            {
                foreach (var line in explanation.Lines())
                    Console.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return due;
    }
}
