using MeterGrains.Domain;
using Microsoft.Extensions.Options;

namespace MeterGrains.Meters;

/// <summary>How meter grains integrate, judge and persist readings (configuration section <c>Meters</c>).</summary>
public sealed class MeterOptions
{
    public const string SectionName = "Meters";

    /// <summary>The longest interval between two readings that is still integrated (<c>Meters:MaxGap</c>).</summary>
    public TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>How far behind the latest reading a late reading is still inserted where it belongs (<c>Meters:ReorderWindow</c>).</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A meter is online while its last reading is younger than this (<c>Meters:OfflineAfter</c>).</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Largest plausible power in W (<c>Meters:MaxPowerW</c>).</summary>
    public double MaxPowerW { get; set; } = 100_000;

    /// <summary>How old a reading may be before it is refused (<c>Meters:LateDataLimit</c>).</summary>
    public TimeSpan LateDataLimit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Write the snapshot after this many changed readings (<c>Meters:SnapshotEveryReadings</c>).</summary>
    public int SnapshotEveryReadings { get; set; } = 500;

    /// <summary>Write a changed snapshot at least this often (<c>Meters:SnapshotInterval</c>).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The domain rules these options make; built once and shared by every meter of the silo.</summary>
    public MeterRules Rules => _rules ??= new MeterRules
    {
        MaxGap = MaxGap,
        ReorderWindow = ReorderWindow,
        OfflineAfter = OfflineAfter,
        Limits = new ReadingLimits { MaxPowerW = MaxPowerW, LateDataLimit = LateDataLimit },
    };

    private MeterRules? _rules;
}

/// <summary>Refuses a meter configuration that cannot work, naming the key.</summary>
public sealed class MeterOptionsValidator : IValidateOptions<MeterOptions>
{
    public ValidateOptionsResult Validate(string? name, MeterOptions options)
    {
        var failures = new List<string>();
        if (options.MaxGap <= TimeSpan.Zero)
        {
            failures.Add("Meters:MaxGap must be positive.");
        }

        if (options.ReorderWindow < TimeSpan.Zero)
        {
            failures.Add("Meters:ReorderWindow must not be negative.");
        }

        if (options.OfflineAfter <= TimeSpan.Zero)
        {
            failures.Add("Meters:OfflineAfter must be positive.");
        }

        if (!double.IsFinite(options.MaxPowerW) || options.MaxPowerW <= 0)
        {
            failures.Add("Meters:MaxPowerW must be a positive number of watts.");
        }

        if (options.LateDataLimit <= TimeSpan.Zero)
        {
            failures.Add("Meters:LateDataLimit must be positive.");
        }

        if (options.SnapshotEveryReadings < 1)
        {
            failures.Add("Meters:SnapshotEveryReadings must be at least 1.");
        }

        if (options.SnapshotInterval <= TimeSpan.Zero)
        {
            failures.Add("Meters:SnapshotInterval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
