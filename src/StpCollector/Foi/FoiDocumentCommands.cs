using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>foi documents | code: the letters and returns councils sent, and staff coding answers from them.</summary>
internal static class FoiDocumentCommands
{
    public static Command Documents()
    {
        var uncoded = new Option<bool>("--uncoded") { Description = "Only documents nothing has been taken from yet (not read as a return, no answers coded)" };
        var json = CommonOptions.Json();
        var documents = new Command("documents", "List the documents councils sent on FoI requests, and what was read or coded from each") { uncoded, json };
        documents.Handles(async (parse, services, cancellationToken) =>
        {
            var list = await services.Get<FoiDocumentStore>().ListAsync(parse.GetValue(uncoded), cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(list);
                return ExitCodes.Ok;
            }

            Output.Table(["Id", "Request", "Council", "File", "Received", "Taken from it", "Stored at"], list.Select(d => new[]
            {
                d.Id.ToString(CultureInfo.InvariantCulture), d.Reference, d.Council, d.FileName, LondonTime.Short(d.ReceivedAt), FoiDocumentStore.TakenFromIt(d), d.Path,
            }), parse.GetValue(uncoded)
                ? "No documents are waiting to be coded."
                : "No documents yet: councils' letters and returns on FoI requests appear here when their replies arrive.");
            return ExitCodes.Ok;
        });
        return documents;
    }

    public static Command Code()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "FoI request id" };
        var question = new Option<string>("--question") { Description = "Question id, e.g. Q5", Required = true };
        var answer = new Option<string>("--answer") { Description = "The answer as read from the council's letter", Required = true };
        var document = new Option<long?>("--document") { CustomParser = WholeNumber.OrNone<long>("--document"), Description = "The document it was read from (see foi documents); default: the request's only letter" };
        var code = new Command("code", "Record an answer read from a letter or PDF, checked like a council's answer") { id, question, answer, document };
        code.Handles(async (parse, services, cancellationToken) =>
        {
            var coded = await services.Get<FoiAnswerCoder>().CodeAsync(parse.GetValue(id), parse.GetValue(question)!, parse.GetValue(answer)!,
                parse.GetValue(document), cancellationToken);
            var from = coded.DocumentName is null ? "" : $" from document {coded.DocumentId} ({coded.DocumentName})";
            Console.Out.WriteLine($"Recorded {coded.Answer.QuestionId} = {coded.Answer.Value} for {FoiReference.Of(coded.RequestId)}{from}.");
            if (coded.Answer.Note is { } note)
                Console.Out.WriteLine($"Note: {note}");
            Console.Out.WriteLine(coded.StillUnanswered.Count == 0
                ? "Every required question now has a valid answer."
                : $"Required questions still without a valid answer: {string.Join(", ", coded.StillUnanswered)}.");
            return ExitCodes.Ok;
        });
        return code;
    }
}
