namespace MeterGrains.Exports.Tests;

public sealed class ExportOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_export_nothing_by_themselves()
    {
        var options = new ExportOptions();
        Assert.False(options.Enabled);
        Assert.True(new ExportOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(true, null, "parquet", 1, 100_000, "Export:Directory must be set when Export:Enabled is true")]
    [InlineData(false, "exports", "parquet", 1, 100_000, "Export:Directory must be an absolute path (is 'exports')")]
    [InlineData(false, "/srv/exports", "csv", 1, 100_000, "Export:Format must be parquet or jsonl (is 'csv')")]
    [InlineData(false, "/srv/exports", "jsonl", 24, 100_000, "Export:TimeOfDay must be a time of day")]
    [InlineData(false, "/srv/exports", "jsonl", -1, 100_000, "Export:TimeOfDay must be a time of day")]
    [InlineData(false, "/srv/exports", "parquet", 1, 999, "Export:RowGroupRows must be between 1000 and 10000000 (is 999)")]
    public void A_bad_setting_fails_naming_its_key(bool enabled, string? directory, string format, int hour, int rowGroupRows, string message)
    {
        var options = new ExportOptions
        {
            Enabled = enabled,
            Directory = directory,
            Format = format,
            TimeOfDay = TimeSpan.FromHours(hour),
            RowGroupRows = rowGroupRows,
        };

        var result = new ExportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(7, true)]
    [InlineData(400, true)]
    [InlineData(6, false)]
    [InlineData(-1, false)]
    public void Retention_is_off_or_at_least_the_late_data_limit(int days, bool valid)
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { RawReadingsDays = days });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains($"Retention:RawReadingsDays must be 0 (keep forever) or between 7 and 36500 (is {days})", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
