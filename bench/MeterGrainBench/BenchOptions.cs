using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>
/// Command line: <c>--meters</c>, <c>--baseline-meters</c> (grains in the baseline and probe phases; default
/// <c>--meters</c>: fewer make a run at a million meters shorter, at the price of measuring Orleans' shared tables at
/// another size), <c>--minutes</c> of simulated 10-s readings, <c>--batch</c> readings per call while filling,
/// <c>--calls</c> timed single-reading calls.
/// </summary>
internal sealed record BenchOptions(int Meters, int BaselineMeters, int Minutes, int Batch, int Calls)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(100_000, 0, 20, 6, 20_000);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ArgumentException($"{args[i]} needs a positive whole number");
            options = args[i] switch
            {
                "--meters" => options with { Meters = value },
                "--baseline-meters" => options with { BaselineMeters = value },
                "--minutes" => options with { Minutes = value },
                "--batch" => options with { Batch = value },
                "--calls" => options with { Calls = value },
                _ => throw new ArgumentException($"unknown option {args[i]}; known: --meters, --baseline-meters, --minutes, --batch, --calls"),
            };
        }

        if (options.BaselineMeters == 0)
        {
            options = options with { BaselineMeters = options.Meters };
        }

        // Timed readings go back (warm-up + calls) × 10 s from now and must stay inside the 7-day late-data limit.
        if ((long)(options.Calls + Warmup) * 10 > TimeSpan.FromDays(6.5).TotalSeconds)
        {
            throw new ArgumentException("--calls must be at most 54,000");
        }

        return options;
    }

    public const int Warmup = 2_000;
}
