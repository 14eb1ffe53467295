using System.Data.Common;
using Cohort.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Cohort.Benchmarks.Data;

/// <summary>
/// Writes the app's own entity objects straight into their tables, bypassing the change tracker: PostgreSQL by binary
/// COPY, SQLite by one prepared INSERT reused inside a single transaction. Tables, columns and value conversions
/// (enums as text, UTC dates, SQLite's text GUIDs) come from the EF model, so a renamed column or a new converter needs
/// no change here. Store-generated keys (the nudges' bigint id) are left to the database; shadow properties are not
/// written (the app's model has none on the tables written here).
/// </summary>
internal sealed class BulkWriter : IAsyncDisposable
{
    private readonly IModel _model;
    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private readonly Dictionary<Type, TableShape> _shapes = [];

    private BulkWriter(IModel model, DbConnection connection, bool postgres)
    {
        _model = model;
        _connection = connection;
        _postgres = postgres;
    }

    public long Rows { get; private set; }

    public static async Task<BulkWriter> OpenAsync(CohortDbContext db)
    {
        var model = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;
        var connectionString = db.Database.GetConnectionString()!;
        var postgres = db.Database.IsNpgsql();
        DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (!postgres)
        {
            // A load, not the app's work: no journal fsync per transaction; foreign keys are not checked (SQLite's
            // default per connection) — the generator writes parents first anyway, and PostgreSQL checks them.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            await pragma.ExecuteNonQueryAsync();
        }

        return new BulkWriter(model, connection, postgres);
    }

    public async Task WriteAsync<T>(IReadOnlyCollection<T> rows)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var shape = Shape(typeof(T));
        if (_postgres)
        {
            await CopyAsync((NpgsqlConnection)_connection, shape, rows);
        }
        else
        {
            await InsertAsync((SqliteConnection)_connection, shape, rows);
        }

        Rows += rows.Count;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task CopyAsync<T>(NpgsqlConnection connection, TableShape shape, IReadOnlyCollection<T> rows)
    {
        var columns = string.Join(", ", shape.Columns.Select(c => Quote(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(shape.Table)} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var column in shape.Columns)
            {
                var value = column.ProviderValue(row!);
                if (value is null)
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(value, column.StoreTypeBase);
                }
            }
        }

        await importer.CompleteAsync();
    }

    private static async Task InsertAsync<T>(SqliteConnection connection, TableShape shape, IReadOnlyCollection<T> rows)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", shape.Columns.Select((_, i) => "$p" + i))})";
        var parameters = shape.Columns.Select((c, i) =>
        {
            // The mapping configures the parameter as EF would (SQLite stores GUIDs and dates as text).
            var p = c.Mapping.CreateParameter(command, "$p" + i, null, nullable: true);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = shape.Columns[i].ProviderValue(row!) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private TableShape Shape(Type type)
    {
        if (_shapes.TryGetValue(type, out var known))
        {
            return known;
        }

        var entity = _model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.IsShadowProperty())
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType is var t && (t == typeof(long) || t == typeof(int))))
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        var shape = new TableShape(table, columns);
        _shapes[type] = shape;
        return shape;
    }

    private static string Quote(string name) => "\"" + name + "\"";

    private sealed record TableShape(string Table, IReadOnlyList<Column> Columns);

    private sealed class Column(string name, IProperty property, RelationalTypeMapping mapping)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = mapping.Converter;

        public string Name { get; } = name;

        public RelationalTypeMapping Mapping { get; } = mapping;

        public string StoreTypeBase { get; } = mapping.StoreTypeNameBase;

        public object? ProviderValue(object entity)
        {
            var value = _getter.GetClrValueUsingContainingEntity(entity);
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }
    }
}
