using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeterGrains.Meters;

/// <summary>
/// The buckets <see cref="IMeterGrain.GetEnergyAsync"/> answers, oldest first, kept as one block of
/// <see cref="PackedEnergyBucket"/>s: a year of quarter-hours (35,040) crosses from grain to API as one byte array that
/// Orleans copies whole, where a list of records costs a field-by-field encoding of every bucket. Read it as
/// <see cref="Buckets"/> without allocating, or as a list of <see cref="MeterEnergyBucket"/>s.
/// </summary>
/// <remarks>
/// The bytes are the struct's in memory, so every silo of a cluster must share the byte order (little-endian: x64 and
/// Arm64 alike). Immutable: nothing writes the bytes once <see cref="Builder.Build"/> has handed them over.
/// </remarks>
[GenerateSerializer, Immutable, Alias("MeterGrains.MeterEnergySeries")]
public sealed class MeterEnergySeries : IReadOnlyList<MeterEnergyBucket>
{
    private static readonly int BucketSize = Unsafe.SizeOf<PackedEnergyBucket>();

    [Id(0)]
    private readonly byte[] _packed;

    private MeterEnergySeries(byte[] packed) => _packed = packed;

    /// <summary>The buckets, oldest first, read in place.</summary>
    public ReadOnlySpan<PackedEnergyBucket> Buckets => MemoryMarshal.Cast<byte, PackedEnergyBucket>(_packed);

    public int Count => _packed.Length / BucketSize;

    public MeterEnergyBucket this[int index] => Buckets[index].ToBucket();

    public IEnumerator<MeterEnergyBucket> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Fills a series of a known number of buckets, in order.</summary>
    public sealed class Builder(int count)
    {
        private byte[]? _packed = new byte[count * BucketSize];
        private int _added;

        /// <summary>Appends the next bucket.</summary>
        public void Add(in PackedEnergyBucket bucket)
        {
            var packed = _packed ?? throw new InvalidOperationException("The series was built already.");
            MemoryMarshal.Cast<byte, PackedEnergyBucket>(packed.AsSpan())[_added++] = bucket;
        }

        /// <summary>The series; every bucket announced must have been added.</summary>
        public MeterEnergySeries Build()
        {
            if (_packed is not { } packed || _added * BucketSize != packed.Length)
            {
                throw new InvalidOperationException($"A series of {count} buckets got {_added}.");
            }

            _packed = null;
            return new MeterEnergySeries(packed);
        }
    }
}
