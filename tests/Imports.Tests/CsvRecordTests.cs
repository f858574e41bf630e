using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Tests;

public sealed class CsvRecordTests
{
    [Fact]
    public void A_reused_record_holds_only_the_last_lines_fields_after_growing_for_a_longer_one()
    {
        var record = new CsvRecord();
        // 12 fields of 20 characters: more fields and characters than the record starts with (8 and 128).
        var wide = string.Join(';', Enumerable.Range(0, 12).Select(i => new string((char)('a' + i), 20)));
        Assert.True(record.Split(wide, ';'));
        Assert.Equal(12, record.Count);
        Assert.Equal(new string('l', 20), record[11].ToString());

        Assert.True(record.Split("x; \"y;\"\"z\"\" \" ;", ';'));
        Assert.Equal(3, record.Count);
        Assert.Equal(["x", "y;\"z\" ", ""], Enumerable.Range(0, record.Count).Select(i => record[i].ToString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => record[3].ToString());
    }
}
