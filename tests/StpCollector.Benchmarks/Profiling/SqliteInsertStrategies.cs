using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StpCollector.Benchmarks.Profiling;

/// <summary>
/// profile-sqlite: inserting answers rows (the real schema, migrated by the app) with different ways of binding
/// through SQLitePCLRaw, to choose the import's hot loop. Each strategy gets a fresh copy of the database.
/// </summary>
public static class SqliteInsertStrategies
{
    private const int Questions = 16;

    private const string RowidAnswers = """
        DROP TABLE answers;
        CREATE TABLE answers (
            return_id INTEGER NOT NULL REFERENCES returns (id), question_id TEXT NOT NULL, raw_value TEXT, value TEXT, number_value REAL,
            status TEXT NOT NULL CHECK (status IN ('valid', 'invalid', 'missing')), problem TEXT, note TEXT,
            UNIQUE (return_id, question_id));
        CREATE INDEX ix_answers_question ON answers (question_id, status);
        """;
    private static readonly string[] Raw = ["Yes", "Partially", "Closely involved", "Chief executive; Director of public health", "4%", "12", "https://example-footprint.nhs.test/plan", "Help with One Public Estate, and with the integration readiness tool."];
    private static readonly string[] Value = ["yes", "partly", "closely_involved", "chief_executive;dph", "4", "12", "https://example-footprint.nhs.test/plan", "Help with One Public Estate, and with the integration readiness tool."];

    public static async Task<int> RunAsync(Arguments args)
    {
        if (args.Flag("list"))
            return List();
        var returns = args.Int("returns", 12_500);
        var template = args.Text("data-dir");
        using (await BenchHost.StartAsync(template)) { }
        foreach (var (name, strategy, setup) in new (string, Action<sqlite3, int>, string)[]
                 {
                     ("real schema (WITHOUT ROWID PK, ix_answers_question, foreign keys on)", Minimal, ""),
                     ("real schema, 32 MB page cache", Minimal, "PRAGMA cache_size = -32768;"),
                     ("real schema, 64 MB page cache", Minimal, "PRAGMA cache_size = -65536;"),
                     ("plain rowid table like sqlite3 .import's (no key, no index, no FK)", Minimal,
                         "DROP TABLE answers; CREATE TABLE answers (return_id INTEGER, question_id TEXT, raw_value TEXT, value TEXT, number_value REAL, status TEXT, problem TEXT, note TEXT);"),
                 })
        {
            var file = Path.Combine(template, $"strategy-{Guid.NewGuid():N}.db");
            File.Copy(Path.Combine(template, "stpcollector.db"), file);
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; " +
                                     "INSERT INTO rounds (id, questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, created_at) VALUES (999, 'q', 1, 't', 'PROFILE', 'all', '', '', '');" + setup;
                pragma.ExecuteNonQuery();
            }

            var db = connection.Handle!;
            var watch = Stopwatch.StartNew();
            Exec(db, "BEGIN");
            strategy(db, returns);
            Exec(db, "COMMIT");
            Console.WriteLine($"{returns * Questions} answers in {watch.ElapsedMilliseconds,5} ms ({returns * Questions / watch.Elapsed.TotalSeconds / 1000,4:0}k/s): {name}");
        }

        return 0;
    }

    private static long InsertReturn(sqlite3 db, sqlite3_stmt insert, int n)
    {
        raw.sqlite3_bind_int64(insert, 1, 999);
        raw.sqlite3_bind_text(insert, 2, "E06000001");
        raw.sqlite3_bind_text(insert, 3, $"file.csv lines {n * 16}-{n * 16 + 15}");
        Step(db, insert);
        return raw.sqlite3_last_insert_rowid(db);
    }

    private const string ReturnSql = "INSERT INTO returns (round_id, council_code, source, provenance, received_at, created_at, is_current) VALUES (?1, ?2, 'staff_import', ?3, '2026', '2026', 0)";
    private const string AnswerSql = "INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

    private static void AsShipped(sqlite3 db, int returns)
    {
        raw.sqlite3_prepare_v2(db, ReturnSql, out var insertReturn);
        raw.sqlite3_prepare_v2(db, AnswerSql, out var insert);
        for (var r = 0; r < returns; r++)
        {
            var id = InsertReturn(db, insertReturn, r);
            for (var q = 0; q < Questions; q++)
            {
                raw.sqlite3_bind_int64(insert, 1, id);
                raw.sqlite3_bind_text(insert, 2, "Q" + (q + 1));
                raw.sqlite3_bind_text(insert, 3, Raw[q % Raw.Length]);
                raw.sqlite3_bind_text(insert, 4, Value[q % Value.Length]);
                raw.sqlite3_bind_null(insert, 5);
                raw.sqlite3_bind_text(insert, 6, "valid");
                raw.sqlite3_bind_null(insert, 7);
                Step(db, insert);
                raw.sqlite3_last_insert_rowid(db);
            }
        }

        insert.Dispose();
        insertReturn.Dispose();
    }

    private static void Utf16Spans(sqlite3 db, int returns)
    {
        raw.sqlite3_prepare_v2(db, ReturnSql, out var insertReturn);
        raw.sqlite3_prepare_v2(db, AnswerSql, out var insert);
        var ids = Enumerable.Range(1, Questions).Select(q => "Q" + q).ToArray();
        for (var r = 0; r < returns; r++)
        {
            var id = InsertReturn(db, insertReturn, r);
            for (var q = 0; q < Questions; q++)
            {
                raw.sqlite3_bind_int64(insert, 1, id);
                raw.sqlite3_bind_text16(insert, 2, ids[q]);
                raw.sqlite3_bind_text16(insert, 3, Raw[q % Raw.Length]);
                raw.sqlite3_bind_text16(insert, 4, Value[q % Value.Length]);
                raw.sqlite3_bind_null(insert, 5);
                raw.sqlite3_bind_text16(insert, 6, "valid");
                raw.sqlite3_bind_null(insert, 7);
                Step(db, insert);
            }
        }

        insert.Dispose();
        insertReturn.Dispose();
    }

    private static void Minimal(sqlite3 db, int returns)
    {
        raw.sqlite3_prepare_v2(db, ReturnSql, out var insertReturn);
        raw.sqlite3_prepare_v2(db, AnswerSql, out var insert);
        var ids = Enumerable.Range(1, Questions).Select(q => Encoding.UTF8.GetBytes("Q" + q)).ToArray();
        var valid = "valid"u8.ToArray();
        raw.sqlite3_bind_null(insert, 5);
        raw.sqlite3_bind_text(insert, 6, valid);
        raw.sqlite3_bind_null(insert, 7);
        for (var r = 0; r < returns; r++)
        {
            var id = InsertReturn(db, insertReturn, r);
            raw.sqlite3_bind_int64(insert, 1, id);
            for (var q = 0; q < Questions; q++)
            {
                raw.sqlite3_bind_text(insert, 2, ids[q]);
                raw.sqlite3_bind_text16(insert, 3, Raw[q % Raw.Length]);
                raw.sqlite3_bind_text16(insert, 4, Value[q % Value.Length]);
                Step(db, insert);
            }
        }

        insert.Dispose();
        insertReturn.Dispose();
    }

    private static void MultiRow(sqlite3 db, int returns)
    {
        raw.sqlite3_prepare_v2(db, ReturnSql, out var insertReturn);
        var values = string.Join(", ", Enumerable.Range(0, Questions).Select(q => $"(?1, ?{q * 6 + 2}, ?{q * 6 + 3}, ?{q * 6 + 4}, ?{q * 6 + 5}, ?{q * 6 + 6}, ?{q * 6 + 7})"));
        raw.sqlite3_prepare_v2(db, "INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem) VALUES " + values, out var insert);
        var ids = Enumerable.Range(1, Questions).Select(q => "Q" + q).ToArray();
        for (var r = 0; r < returns; r++)
        {
            var id = InsertReturn(db, insertReturn, r);
            raw.sqlite3_bind_int64(insert, 1, id);
            for (var q = 0; q < Questions; q++)
            {
                raw.sqlite3_bind_text16(insert, q * 6 + 2, ids[q]);
                raw.sqlite3_bind_text16(insert, q * 6 + 3, Raw[q % Raw.Length]);
                raw.sqlite3_bind_text16(insert, q * 6 + 4, Value[q % Value.Length]);
                raw.sqlite3_bind_null(insert, q * 6 + 5);
                raw.sqlite3_bind_text16(insert, q * 6 + 6, "valid");
                raw.sqlite3_bind_null(insert, q * 6 + 7);
            }

            Step(db, insert);
        }

        insert.Dispose();
        insertReturn.Dispose();
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
    }

    private static void Exec(sqlite3 db, string sql)
    {
        if (raw.sqlite3_exec(db, sql) != raw.SQLITE_OK)
            throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
    }

    private static int List()
    {
        foreach (var m in typeof(raw).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name.StartsWith("sqlite3_bind", StringComparison.Ordinal)))
            Console.WriteLine($"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name))})");
        return 0;
    }
}
