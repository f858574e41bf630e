using System.Data.Common;

namespace MeterGrains.Exports.Files;

/// <summary>
/// Up to <see cref="Capacity"/> rows of one <see cref="ExportTable"/>, column by column (an array per column), filled
/// from a data reader and reused batch after batch: what an export holds in memory at once.
/// </summary>
public sealed class RowBatch
{
    private readonly Array[] _columns;

    public RowBatch(IReadOnlyList<ExportColumn> columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Columns = columns;
        Capacity = capacity;
        _columns = [.. columns.Select(c => NewArray(c, capacity))];
    }

    public IReadOnlyList<ExportColumn> Columns { get; }

    public int Capacity { get; }

    /// <summary>Rows in the batch now.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Clear() => Count = 0;

    /// <summary>Copies the reader's current row (columns in <see cref="Columns"/> order) into the batch.</summary>
    public void Add(DbDataReader reader)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("The batch is full.");
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            switch (column.Type)
            {
                case ExportColumnType.Text:
                    ((string?[])_columns[c])[Count] = reader.IsDBNull(c) ? null : reader.GetString(c);
                    break;
                case ExportColumnType.Timestamp:
                    // timestamptz comes as a UTC DateTime; microseconds fit its 100 ns ticks exactly.
                    ((DateTime[])_columns[c])[Count] = reader.GetFieldValue<DateTime>(c);
                    break;
                case ExportColumnType.Double when column.Nullable:
                    ((double?[])_columns[c])[Count] = reader.IsDBNull(c) ? null : reader.GetDouble(c);
                    break;
                case ExportColumnType.Double:
                    ((double[])_columns[c])[Count] = reader.GetDouble(c);
                    break;
                case ExportColumnType.Boolean:
                    ((bool[])_columns[c])[Count] = reader.GetBoolean(c);
                    break;
                case ExportColumnType.Int64:
                    ((long[])_columns[c])[Count] = reader.GetInt64(c);
                    break;
            }
        }

        Count++;
    }

    public ReadOnlySpan<string?> Text(int column) => ((string?[])_columns[column]).AsSpan(0, Count);

    /// <summary>The text column as a collection of exactly <see cref="Count"/> values.</summary>
    public ArraySegment<string?> TextSegment(int column) => new((string?[])_columns[column], 0, Count);

    public ReadOnlyMemory<DateTime> Timestamps(int column) => ((DateTime[])_columns[column]).AsMemory(0, Count);

    public ReadOnlyMemory<double> Doubles(int column) => ((double[])_columns[column]).AsMemory(0, Count);

    public ReadOnlyMemory<double?> NullableDoubles(int column) => ((double?[])_columns[column]).AsMemory(0, Count);

    public ReadOnlyMemory<bool> Booleans(int column) => ((bool[])_columns[column]).AsMemory(0, Count);

    public ReadOnlyMemory<long> Int64s(int column) => ((long[])_columns[column]).AsMemory(0, Count);

    private static Array NewArray(ExportColumn column, int capacity) => column.Type switch
    {
        ExportColumnType.Text => new string?[capacity],
        ExportColumnType.Timestamp when !column.Nullable => new DateTime[capacity],
        ExportColumnType.Double => column.Nullable ? new double?[capacity] : new double[capacity],
        ExportColumnType.Boolean when !column.Nullable => new bool[capacity],
        ExportColumnType.Int64 when !column.Nullable => new long[capacity],
        _ => throw new NotSupportedException($"Column {column.Name}: nullable {column.Type} is not supported."),
    };
}
