using System.Data.Common;

namespace StpCollector.Ingestion;

/// <summary>
/// The feature that reads return files (CSV or XLSX, dropped in or given to `ingest`) stores what they hold, inside
/// the pipeline's transaction. Hints are what staff said the file is for (`ingest --round --council`, or assigning it
/// from the holding pen).
/// </summary>
internal interface IInboundFileHandler
{
    Task<Outcome> ProcessAsync(InboundRecord record, byte[] bytes, string fileName, IngestHints hints,
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
