using System.CommandLine;
using System.Globalization;
using Dapper;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>foi create | list | show | classify.</summary>
internal static class FoiRequestCommands
{
    public static Command Create()
    {
        var title = new Option<string>("--title") { Description = "Short title of the request", Required = true };
        var bodyFile = new Option<string>("--body-file") { Description = "Text file with the request", Required = true };
        var councils = new Option<string>("--councils") { Description = "all | region:London | footprint:ID | councils:CODE,CODE", Required = true };
        var questionnaire = new Option<string?>("--questionnaire") { Description = "Ask this questionnaire's questions and attach its return template" };
        var allowMissing = new Option<bool>("--allow-missing-contacts") { Description = "Send to the councils that have an FoI contact even if some have none" };
        var json = CommonOptions.Json();
        var create = new Command("create", "Send an FoI request to each council's FoI contact") { title, bodyFile, councils, questionnaire, allowMissing, json };
        create.Handles(async (parse, services, cancellationToken) =>
        {
            var file = parse.GetValue(bodyFile)!;
            if (!File.Exists(file))
                throw new UserFacingException($"The --body-file {Path.GetFullPath(file)} does not exist.", ExitCodes.Usage);
            var created = await services.Get<FoiRequestWriter>().CreateAsync(parse.GetValue(title)!, await File.ReadAllTextAsync(file, cancellationToken),
                parse.GetValue(councils)!, parse.GetValue(questionnaire), parse.GetValue(allowMissing), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(created);
            else
                Console.Out.WriteLine($"FoI batch {created.BatchId}: {created.RequestIds.Count} request(s) queued" +
                    (created.CouncilsWithoutContact.Count > 0 ? $"; not sent to {string.Join(", ", created.CouncilsWithoutContact)} (no FoI contact)." : "."));
            return ExitCodes.Ok;
        });
        return create;
    }

    public static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only requests in this status, e.g. overdue" }
            .AllowOnly("an FoI status", FoiStatus.All);
        var batch = new Option<long?>("--batch") { CustomParser = WholeNumber.OrNone<long>("--batch"), Description = "Only this batch" };
        var json = CommonOptions.Json();
        var list = new Command("list", "List FoI requests with their statutory due dates") { status, batch, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            if (parse.GetValue(batch) is { } batchId)
            {
                await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
                if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM foi_batches WHERE id = @batchId", new { batchId }) == 0)
                    throw new UserFacingException($"There is no FoI batch {batchId}. The batch numbers are in: stpcollector foi list", ExitCodes.Usage);
            }

            var requests = await services.Get<FoiRequestStore>().ListAsync(parse.GetValue(status), parse.GetValue(batch), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(requests);
            else
                Output.Table(["Id", "Batch", "Council", "Status", "Received", "Due", "Chased"], requests.Select(r => new[]
                {
                    r.Id.ToString(CultureInfo.InvariantCulture), r.BatchId.ToString(CultureInfo.InvariantCulture), r.Council,
                    r.Status + (r.Exemption is null ? "" : $" ({r.Exemption})"), Iso(r.Received), Iso(r.Due), r.Chased ? "yes" : "",
                }), parse.GetValue(status) is null && parse.GetValue(batch) is null
                    ? "No FoI requests yet: send some with `stpcollector foi create ...` (see: stpcollector foi create --help)."
                    : "No FoI requests match those filters.");
            return ExitCodes.Ok;
        });
        return list;
    }

    public static Command Show()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "FoI request id" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Show an FoI request with its full timeline and the answers recorded") { id, json };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var store = services.Get<FoiRequestStore>();
            var (request, timeline) = await store.ShowAsync(parse.GetValue(id), cancellationToken);
            var answers = await store.AnswersAsync(request.Id, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(new { request, timeline, answers });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"{FoiReference.Of(request.Id)}  {request.Title}");
            Console.Out.WriteLine($"Council: {request.Council} ({request.CouncilCode}), to {request.Recipient}");
            Console.Out.WriteLine($"Status: {request.Status}{(request.Exemption is null ? "" : $", exemption {request.Exemption}")}");
            Console.Out.WriteLine($"Received: {Iso(request.Received)}   Due: {Iso(request.Due)}   Very overdue after: {Iso(request.VeryOverdueAfter)}");
            Console.Out.WriteLine();
            Output.Table(["When", "Event", "Detail"], timeline.Select(e => new[] { LondonTime.Short(e.At), e.Kind, e.Detail }));
            if (answers.Count > 0)
            {
                Console.Out.WriteLine();
                Output.Table(["Question", "Answer", "Source", "From"], answers.Select(a => new[]
                {
                    a.QuestionId, a.Status == "valid" ? a.Value : $"{a.Status}: '{a.RawValue}' ({a.Problem})", a.Source, a.Document,
                }));
            }

            return ExitCodes.Ok;
        });
        return show;
    }

    public static Command Classify()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "FoI request id" };
        var status = new Option<string>("--status") { Description = string.Join(", ", FoiStatus.Stored), Required = true };
        var exemption = new Option<string?>("--exemption") { Description = "The exemption cited, e.g. s.12" };
        var classify = new Command("classify", "Set a request's status by hand (e.g. after reading a letter)") { id, status, exemption };
        classify.Handles(async (parse, services, cancellationToken) =>
        {
            var classified = await services.Get<FoiClassifier>().ClassifyAsync(parse.GetValue(id), parse.GetValue(status)!, parse.GetValue(exemption),
                expectedStatus: null, cancellationToken);
            Console.Out.WriteLine($"{FoiReference.Of(classified.RequestId)} is now {classified.After}.");
            return ExitCodes.Ok;
        });
        return classify;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
