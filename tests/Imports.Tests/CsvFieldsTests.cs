using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Tests;

public sealed class CsvFieldsTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" a , b ,", new[] { "a", "b", "" })]
    [InlineData("\"Washer, dryer\",\"say \"\"hi\"\"\",3", new[] { "Washer, dryer", "say \"hi\"", "3" })]
    [InlineData("", new[] { "" })]
    public void Splits_with_quotes(string line, string[] expected)
    {
        var fields = new List<string>();
        Assert.True(CsvFields.Split(line, ',', fields));
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void An_unclosed_quote_is_refused() => Assert.False(CsvFields.Split("\"open,2", ',', []));
}
