using MeterGrains.Simulator.Formats;

namespace MeterGrains.Simulator.Tests.Formats;

public sealed class ShellyGen1FormatTests
{
    [Fact]
    public void An_EM_publishes_both_clamps_one_plain_number_per_topic_with_export_as_negative_power()
    {
        var format = new ShellyGen1Format(seed: 0);

        var messages = format.Format(Readings.Exporting(0, Readings.At));

        // Seed 0 gives the id digits 000000, meter 0 gives 000000; an even meter is an EM.
        Assert.Equal(
            [
                ("shellies/shellyem-000000000000/emeter/0/power", "-250.5"),
                ("shellies/shellyem-000000000000/emeter/0/total", "1234.57"),
                ("shellies/shellyem-000000000000/emeter/0/total_returned", "89"),
                ("shellies/shellyem-000000000000/emeter/0/voltage", "231"),
                ("shellies/shellyem-000000000000/emeter/0/pf", "0.99"),
                ("shellies/shellyem-000000000000/emeter/1/power", "-3000"),
                ("shellies/shellyem-000000000000/emeter/1/total", "0"),
                ("shellies/shellyem-000000000000/emeter/1/total_returned", "4567.89"),
                ("shellies/shellyem-000000000000/emeter/1/voltage", "231"),
                ("shellies/shellyem-000000000000/emeter/1/pf", "0.99"),
            ],
            messages.Select(m => (m.Topic, m.PayloadText)));
        Assert.Equal(1, messages.Sum(m => m.Readings));
        Assert.Equal("shellyem-000000000000:0", format.MeterIdOf(0));
    }

    [Fact]
    public void A_3EM_splits_power_and_registers_over_three_phases_that_add_up_again()
    {
        var format = new ShellyGen1Format(seed: 0);

        var messages = format.Format(Readings.Exporting(11, Readings.At)).ToDictionary(m => m.Topic, m => m.PayloadText);

        // Meter 11 is odd: a 3EM, id digits 000000 00000B. Shares 50/30/20 %, the last phase takes the rounding rest:
        // power −250.5 → −125.25, −75.15, rest −50.1; import 1234.5678 × 0.5 = 617.2839 → 617.28,
        // × 0.3 = 370.37034 → 370.37, rest 1234.57 − 617.28 − 370.37 = 246.92.
        const string Device = "shellies/shellyem3-00000000000B/emeter/";
        Assert.Equal("-125.25", messages[Device + "0/power"]);
        Assert.Equal("-75.15", messages[Device + "1/power"]);
        Assert.Equal("-50.1", messages[Device + "2/power"]);
        Assert.Equal("617.28", messages[Device + "0/total"]);
        Assert.Equal("370.37", messages[Device + "1/total"]);
        Assert.Equal("246.92", messages[Device + "2/total"]);
        Assert.Equal("44.5", messages[Device + "0/total_returned"]); // 89 × 0.5
        Assert.Equal(15, messages.Count);
        Assert.Equal("shellyem3-00000000000B", format.MeterIdOf(11));
    }
}
