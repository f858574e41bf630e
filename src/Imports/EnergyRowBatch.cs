using System.Buffers;
using System.Collections;
using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports;

/// <summary>
/// A batch of interval-energy rows on its way to the store, in an array taken from the shared pool on the first row and
/// given back by <see cref="Return"/> once the store is done with it: a batch of 10,000 rows is 320 KB, which would
/// otherwise be a new large-object allocation, and its growth copies, for every import.
/// </summary>
internal sealed class EnergyRowBatch(int capacity) : IReadOnlyList<EnergyRow>
{
    private EnergyRow[]? _rows;

    public int Count { get; private set; }

    public EnergyRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _rows![index];
        }
    }

    /// <summary>Adds a row; the batch holds at most the capacity it was made with.</summary>
    public void Add(EnergyRow row)
    {
        _rows ??= ArrayPool<EnergyRow>.Shared.Rent(capacity);
        if (Count == capacity)
        {
            throw new InvalidOperationException($"The batch holds {capacity} rows.");
        }

        _rows[Count++] = row;
    }

    /// <summary>Gives the array back to the pool; the batch is empty afterwards.</summary>
    public void Return()
    {
        if (_rows is { } rows)
        {
            // The rows hold meter id strings: cleared, so the pool does not keep them alive.
            Array.Clear(rows, 0, Count);
            ArrayPool<EnergyRow>.Shared.Return(rows);
            _rows = null;
            Count = 0;
        }
    }

    public IEnumerator<EnergyRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _rows![i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
