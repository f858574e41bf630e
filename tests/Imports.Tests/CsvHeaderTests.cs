using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Tests;

public sealed class CsvHeaderTests
{
    [Fact]
    public void Interval_energy_with_a_channel_column()
    {
        var header = CsvHeader.Parse("timestamp,appliance,kwh", out var problem)!;
        Assert.Null(problem);
        Assert.Equal(CsvShape.IntervalEnergy, header.Shape);
        Assert.Equal((0, 1, 2, true), (header.Timestamp, header.Channel, header.Energy, header.Kilowatthours));
    }

    [Fact]
    public void Interval_energy_without_channel_in_wh_separated_by_semicolons_with_an_extra_column()
    {
        var header = CsvHeader.Parse("Wh;Interval_Start;comment", out _)!;
        Assert.Equal(CsvShape.IntervalEnergy, header.Shape);
        Assert.Equal(';', header.Delimiter);
        Assert.Equal((1, -1, 0, false), (header.Timestamp, header.Channel, header.Energy, header.Kilowatthours));
        Assert.Equal(["comment"], header.IgnoredColumns);
    }

    [Fact]
    public void Readings_with_value_columns_in_any_case()
    {
        var header = CsvHeader.Parse("ts,ImportPowerW,voltageV", out _)!;
        Assert.Equal(CsvShape.Readings, header.Shape);
        Assert.Equal([1, -1, -1, -1, 2, -1, -1, -1], header.Values);
    }

    [Theory]
    [InlineData("name,age", "not the header of a readings file")]
    [InlineData("timestamp,kwh,wh", "both a kwh and a wh column")]
    [InlineData("appliance,kwh", "needs a timestamp column")]
    [InlineData("when,importPowerW", "needs a ts column")]
    [InlineData("ts,importPowerW,IMPORTPOWERW", "names a column twice")]
    [InlineData("just one column", "not the header")]
    public void Refuses_what_is_neither_shape(string line, string reason)
    {
        Assert.Null(CsvHeader.Parse(line, out var problem));
        Assert.Contains(reason, problem);
    }
}
