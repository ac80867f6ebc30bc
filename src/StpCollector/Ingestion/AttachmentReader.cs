using System.Globalization;
using MimeKit;

namespace StpCollector.Ingestion;

/// <summary>Reads the CSV and XLSX attachments of a message into candidate returns; says why any other attachment was not read.</summary>
internal static class AttachmentReader
{
    public sealed record Result(List<(string Name, ReturnCandidate Candidate)> Candidates, List<string> Notes);

    public static Result Read(MimeMessage message, IngestionOptions options, string provenance)
    {
        var candidates = new List<(string, ReturnCandidate)>();
        var notes = new List<string>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            var name = part.FileName;
            if (string.IsNullOrWhiteSpace(name))
            {
                if (!part.IsAttachment)
                    continue;
                name = "attachment";
            }

            if (part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase))
                continue; // logos and signatures
            var isTable = Tabular.IsCsvName(name) || Tabular.IsXlsxName(name);
            if (!isTable)
            {
                notes.Add(name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || part.ContentType.MimeType.Contains("zip", StringComparison.OrdinalIgnoreCase)
                    ? $"the attachment {name} is a zip archive; archives are not opened (attach the CSV or XLSX itself)"
                    : $"the attachment {name} was not read (only CSV and XLSX attachments are)");
                continue;
            }

            using var buffer = new MemoryStream();
            try
            {
                part.Content?.DecodeTo(buffer);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
            {
                notes.Add($"the attachment {name} cannot be decoded ({e.Message})");
                continue;
            }

            if (buffer.Length > options.MaxAttachmentBytes)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"the attachment {name} is {buffer.Length:N0} bytes, over the limit of {options.MaxAttachmentBytes:N0} (Ingestion:MaxAttachmentBytes)"));
                continue;
            }

            buffer.Position = 0;
            try
            {
                using var table = Tabular.Open(buffer, name);
                var source = Tabular.IsXlsxName(name) ? "xlsx" : "csv";
                foreach (var candidate in TabularReturns.Read(table, source, options.MaxRowsPerFile))
                {
                    candidate.Provenance = $"{provenance}, attachment {candidate.Provenance}";
                    candidates.Add((name, candidate));
                }
            }
            catch (UnreadableFileException e)
            {
                notes.Add(e.Message);
            }
        }

        return new Result(candidates, notes);
    }
}
