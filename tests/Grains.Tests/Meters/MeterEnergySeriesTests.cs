using MeterGrains.Meters;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MeterGrains.Grains.Tests.Meters;

public sealed class MeterEnergySeriesTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static MeterEnergySeries TwoBuckets()
    {
        var builder = new MeterEnergySeries.Builder(2);
        builder.Add(new PackedEnergyBucket(Ten, Ten.AddMinutes(15), 300, 0.5, 300, null, true));
        builder.Add(new PackedEnergyBucket(Ten.AddMinutes(15), Ten.AddMinutes(30), 0, 0, null, null, false));
        return builder.Build();
    }

    [Fact]
    public void Packed_buckets_read_back_as_the_records_callers_know()
    {
        var series = TwoBuckets();

        Assert.Equal(2, series.Count);
        Assert.Equal(new MeterEnergyBucket(Ten, Ten.AddMinutes(15), 300, 0.5, 300, null, true), series[0]);
        Assert.Equal(new MeterEnergyBucket(Ten.AddMinutes(15), Ten.AddMinutes(30), 0, 0, null, null, false), series[1]);
    }

    [Fact]
    public void A_series_crosses_orleans_serialization_whole()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(MeterEnergySeries).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var series = TwoBuckets();

        var copy = serializer.Deserialize<MeterEnergySeries>(serializer.SerializeToArray(series));

        Assert.NotNull(copy);
        Assert.Equal(series.ToList(), copy.ToList());
        // Immutable: a call inside one silo hands the caller the grain's series without copying it.
        Assert.Same(series, services.GetRequiredService<DeepCopier>().Copy(series));
    }

    [Fact]
    public void A_builder_that_got_fewer_buckets_than_announced_refuses_to_build()
    {
        var builder = new MeterEnergySeries.Builder(2);
        builder.Add(new PackedEnergyBucket(Ten, Ten.AddMinutes(15), 1, 0, null, null, true));

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}
