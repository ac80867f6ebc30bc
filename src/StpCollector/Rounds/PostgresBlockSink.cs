using Npgsql;
using NpgsqlTypes;

namespace StpCollector.Rounds;

/// <summary>
/// Writes blocks to PostgreSQL in batches, each in a handful of round trips: ids for the batch's returns from the
/// identity sequence, one UPDATE retiring the current returns they replace, the returns and then their answers through
/// binary COPY, and one UPDATE linking each replaced return to its successor. A council met twice within a batch has
/// its earlier return written already retired and linked. Same rows as SQLite's statement by statement.
/// </summary>
internal sealed class PostgresBlockSink(NpgsqlConnection connection, Round round, string now) : BlockSink
{
    /// <summary>Answers per batch: enough that the round trips are noise against the COPY, few enough that a cancelled import stops soon.</summary>
    private const int AnswersPerBatch = 8192;

    private readonly bool late = RoundDelivery.IsLate(round.ClosesAt, Storage.DapperSetup.ParseTimestamp(now));
    private readonly List<CheckedBlock> batch = [];
    private int batchAnswers;

    public override void Write(CheckedBlock block)
    {
        batch.Add(block);
        batchAnswers += block.Answers.Length;
        if (batchAnswers >= AnswersPerBatch)
            WriteBatch();
    }

    public override void Finish() => WriteBatch();

    private void WriteBatch()
    {
        if (batch.Count == 0)
            return;
        var ids = NewIds(batch.Count);
        var supersededBy = new long?[batch.Count];
        var indexOf = new Dictionary<long, int>(batch.Count);
        var retired = new List<long>();
        var successors = new List<long>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (Current.TryGetValue(batch[i].Council, out var old))
            {
                if (indexOf.TryGetValue(old, out var earlier))
                {
                    supersededBy[earlier] = ids[i];
                }
                else
                {
                    retired.Add(old);
                    successors.Add(ids[i]);
                }

                Replaced++;
            }

            Current[batch[i].Council] = ids[i];
            indexOf[ids[i]] = i;
            Returns++;
        }

        // One current return per council and round (a unique index): retire the old ones before the new ones go in.
        // They are linked afterwards, because superseded_by must name a return that exists.
        if (retired.Count > 0)
            Execute("UPDATE returns SET is_current = 0 WHERE id = ANY(@old)", retired, null);
        CopyReturns(ids, supersededBy);
        if (retired.Count > 0)
            Execute("""
                UPDATE returns SET superseded_by = s.new_id
                FROM unnest(@old, @new) AS s(old_id, new_id)
                WHERE returns.id = s.old_id
                """, retired, successors);
        CopyAnswers(ids);
        batch.Clear();
        batchAnswers = 0;
    }

    private long[] NewIds(int count)
    {
        using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('returns', 'id')) FROM generate_series(1, @count)", connection);
        command.Parameters.Add(new NpgsqlParameter<int>("count", count));
        var ids = new long[count];
        using (var reader = command.ExecuteReader())
        {
            for (var i = 0; reader.Read(); i++)
                ids[i] = reader.GetInt64(0);
        }

        // In file order, as SQLite numbers them, whatever order the server drew them in.
        Array.Sort(ids);
        return ids;
    }

    private void Execute(string sql, List<long> old, List<long>? successors)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long[]>("old", old.ToArray()));
        if (successors is not null)
            command.Parameters.Add(new NpgsqlParameter<long[]>("new", successors.ToArray()));
        command.ExecuteNonQuery();
    }

    private void CopyReturns(long[] ids, long?[] supersededBy)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY returns (id, round_id, council_code, source, provenance, received_at, late, is_current, superseded_by, created_at)
            FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < batch.Count; i++)
        {
            copy.StartRow();
            copy.Write(ids[i], NpgsqlDbType.Bigint);
            copy.Write(round.Id, NpgsqlDbType.Bigint);
            copy.Write(batch[i].Council, NpgsqlDbType.Text);
            copy.Write("staff_import", NpgsqlDbType.Text);
            copy.Write(batch[i].Provenance, NpgsqlDbType.Text);
            copy.Write(now, NpgsqlDbType.Text);
            copy.Write(late ? 1L : 0L, NpgsqlDbType.Bigint);
            if (supersededBy[i] is { } successor)
            {
                copy.Write(0L, NpgsqlDbType.Bigint);
                copy.Write(successor, NpgsqlDbType.Bigint);
            }
            else
            {
                copy.Write(1L, NpgsqlDbType.Bigint);
                copy.WriteNull();
            }

            copy.Write(now, NpgsqlDbType.Text);
        }

        copy.Complete();
    }

    private void CopyAnswers(long[] ids)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY answers (return_id, question_id, raw_value, value, number_value, status, problem, note, comment)
            FROM STDIN (FORMAT BINARY)
            """);
        for (var b = 0; b < batch.Count; b++)
        {
            var block = batch[b];
            for (var i = 0; i < block.Answers.Length; i++)
            {
                var answer = block.Answers[i].Answer;
                copy.StartRow();
                copy.Write(ids[b], NpgsqlDbType.Bigint);
                copy.Write(answer.QuestionId, NpgsqlDbType.Text);
                Text(copy, answer.Raw);
                Text(copy, answer.Value);
                if (answer.Number is { } number)
                    copy.Write(number, NpgsqlDbType.Double);
                else
                    copy.WriteNull();
                copy.Write(answer.StatusText, NpgsqlDbType.Text);
                Text(copy, answer.Problem);
                Text(copy, answer.Note);
                Text(copy, block.Comments[i]);
            }
        }

        copy.Complete();
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
            copy.WriteNull();
        else
            copy.Write(value, NpgsqlDbType.Text);
    }

    public override void Dispose()
    {
    }
}
