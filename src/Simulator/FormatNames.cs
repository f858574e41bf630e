namespace MeterGrains.Simulator;

/// <summary>The payload families of <c>--format</c>.</summary>
internal static class FormatNames
{
    public const string Generic = "generic";
    public const string ShellyGen1 = "shelly-gen1";
    public const string ShellyGen2 = "shelly-gen2";

    public static readonly IReadOnlyList<string> All = [Generic, ShellyGen1, ShellyGen2];
}
