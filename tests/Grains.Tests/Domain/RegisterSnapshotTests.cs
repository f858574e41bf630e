using System.Text.Json;
using MeterGrains.Domain;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class RegisterSnapshotTests
{
    [Fact]
    public void It_persists_as_the_json_of_three_optional_values_and_a_count_and_reads_back_the_same()
    {
        var snapshot = new RegisterSnapshot { FirstRawWh = 1.5, LastRawWh = null, CorrectedWh = 0, Resets = 2 };

        var json = JsonSerializer.Serialize(snapshot);

        // The form snapshots stored while it was a class with double? properties have: stored rows load unchanged.
        Assert.Equal("""{"FirstRawWh":1.5,"LastRawWh":null,"CorrectedWh":0,"Resets":2}""", json);
        Assert.Equal(snapshot, JsonSerializer.Deserialize<RegisterSnapshot>(json));
    }

    [Fact]
    public void Default_is_the_empty_register_and_a_value_set_to_null_is_absent_again()
    {
        var snapshot = default(RegisterSnapshot);
        Assert.Null(snapshot.FirstRawWh);
        Assert.Null(snapshot.LastRawWh);
        Assert.Null(snapshot.CorrectedWh);

        snapshot.CorrectedWh = 7;
        Assert.Equal(7, snapshot.CorrectedWh);
        snapshot.CorrectedWh = null;
        Assert.Null(snapshot.CorrectedWh);
        Assert.Equal(default, snapshot);
    }
}
