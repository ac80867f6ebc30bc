using Microsoft.Data.Sqlite;
using StpCollector.Ingestion;

namespace StpCollector.Rounds;

/// <summary>Writes each block as it comes through prepared raw SQLite statements (see <see cref="RawStatement"/>).</summary>
internal sealed class SqliteBlockSink : BlockSink
{
    private readonly Round round;
    private readonly string now;
    private readonly bool late;
    private readonly RawStatement retire, insertReturn, link, insertAnswer;

    public SqliteBlockSink(SqliteConnection connection, Round round, string now)
    {
        this.round = round;
        this.now = now;
        late = RoundDelivery.IsLate(round.ClosesAt, Storage.DapperSetup.ParseTimestamp(now));
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        retire = new RawStatement(db, "UPDATE returns SET is_current = 0 WHERE id = ?1");
        insertReturn = new RawStatement(db, """
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, late, is_current, superseded_by, created_at, inbound_id)
            VALUES (?1, ?2, 'staff_import', ?3, NULL, ?4, ?5, 1, NULL, ?4, NULL)
            """);
        link = new RawStatement(db, "UPDATE returns SET superseded_by = ?1 WHERE id = ?2");
        insertAnswer = new RawStatement(db, """
            INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem, note, comment)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
    }

    public override void Write(CheckedBlock block)
    {
        // One current return per council and round (a unique index): retire the old one before inserting.
        var replaces = Current.TryGetValue(block.Council, out var old);
        if (replaces)
            retire.Int(1, old).Run();
        var id = insertReturn.Int(1, round.Id).Text(2, block.Council).Text(3, block.Provenance).Text(4, now).Int(5, late ? 1 : 0).Run();
        if (replaces)
        {
            link.Int(1, id).Int(2, old).Run();
            Replaced++;
        }

        Current[block.Council] = id;
        Returns++;
        for (var i = 0; i < block.Answers.Length; i++)
        {
            var encoded = block.Answers[i];
            insertAnswer.Int(1, id).Utf8(2, encoded.QuestionId).Utf8(3, encoded.Raw).Utf8(4, encoded.Value).Real(5, encoded.Answer.Number)
                .Utf8(6, encoded.Status).Utf8(7, encoded.Problem).Utf8(8, encoded.Note).Text(9, block.Comments[i]).Run();
        }
    }

    public override void Dispose()
    {
        retire.Dispose();
        insertReturn.Dispose();
        link.Dispose();
        insertAnswer.Dispose();
    }
}
