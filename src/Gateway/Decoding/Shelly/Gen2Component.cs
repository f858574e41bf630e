using System.Globalization;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>A Shelly Gen2+ component key such as <c>em1:0</c>, and the status fields MeterGrains reads from it.</summary>
/// <param name="Name">The key as the device writes it (<c>em:0</c>, <c>emdata:0</c>, <c>em1:1</c>, <c>em1data:1</c>).</param>
/// <param name="Kind">Which kind of component.</param>
/// <param name="Index">The component id, 0–<see cref="MaxIndex"/>; for a phase of <c>em:0</c>, the phase (0–2).</param>
/// <param name="Phase">For one phase of a three-phase component (<see cref="PhasesOf"/>): 0, 1, 2 for a, b, c; else -1.</param>
internal readonly record struct Gen2Component(string Name, Gen2ComponentKind Kind, int Index, int Phase = -1)
{
    /// <summary>The field prefixes of the three phases in <c>em:N</c> and <c>emdata:N</c>.</summary>
    private static readonly string[] PhasePrefixes = ["a_", "b_", "c_"];

    /// <summary>Highest component id accepted; devices have 0–2, and the bound keeps per-device state small.</summary>
    public const int MaxIndex = 15;

    private static readonly (string Field, ShellyQuantity Quantity)[] ThreePhaseFields = [("total_act_power", ShellyQuantity.ActivePower)];

    private static readonly (string Field, ShellyQuantity Quantity)[] ThreePhaseDataFields =
        [("total_act", ShellyQuantity.ImportEnergy), ("total_act_ret", ShellyQuantity.ExportEnergy)];

    private static readonly (string Field, ShellyQuantity Quantity)[] ChannelFields =
    [
        ("act_power", ShellyQuantity.ActivePower),
        ("voltage", ShellyQuantity.Voltage),
        ("current", ShellyQuantity.Current),
        ("pf", ShellyQuantity.PowerFactor),
        ("freq", ShellyQuantity.Frequency),
    ];

    private static readonly (string Field, ShellyQuantity Quantity)[] ChannelDataFields =
        [("total_act_energy", ShellyQuantity.ImportEnergy), ("total_act_ret_energy", ShellyQuantity.ExportEnergy)];

    // A phase of em:N has a channel's fields with the phase's prefix (a_act_power, a_voltage, …; a_total_act_energy, …).
    private static readonly (string Field, ShellyQuantity Quantity)[][] PhaseFields =
        [.. PhasePrefixes.Select(p => ChannelFields.Select(f => (p + f.Field, f.Quantity)).ToArray())];

    private static readonly (string Field, ShellyQuantity Quantity)[][] PhaseDataFields =
        [.. PhasePrefixes.Select(p => ChannelDataFields.Select(f => (p + f.Field, f.Quantity)).ToArray())];

    // The phases of em:0 and emdata:0, made once: every notification of a three-phase device asks for them.
    private static readonly Gen2Component[] ThreePhasePhases = Phases("em:0", Gen2ComponentKind.Channel);

    private static readonly Gen2Component[] ThreePhaseDataPhases = Phases("emdata:0", Gen2ComponentKind.ChannelData);

    /// <summary>The status fields read from this component and what each one is; other fields are ignored.</summary>
    public ReadOnlySpan<(string Field, ShellyQuantity Quantity)> Fields => (Kind, Phase) switch
    {
        (Gen2ComponentKind.Channel, >= 0) => PhaseFields[Phase],
        (Gen2ComponentKind.ChannelData, >= 0) => PhaseDataFields[Phase],
        _ => FieldsOfKind,
    };

    private ReadOnlySpan<(string Field, ShellyQuantity Quantity)> FieldsOfKind => Kind switch
    {
        Gen2ComponentKind.ThreePhase => ThreePhaseFields,
        Gen2ComponentKind.ThreePhaseData => ThreePhaseDataFields,
        Gen2ComponentKind.Channel => ChannelFields,
        _ => ChannelDataFields,
    };

    /// <summary>
    /// The meter this component feeds: a three-phase component's meter is the device (<c>em:0</c>, <c>emdata:0</c>; a
    /// further <c>em:N</c>, which no current device has, <c>&lt;deviceId&gt;:em&lt;N&gt;</c>), a channel's is
    /// <c>&lt;deviceId&gt;:&lt;N&gt;</c>.
    /// </summary>
    public string MeterIdOf(string deviceId) => Kind switch
    {
        Gen2ComponentKind.ThreePhase or Gen2ComponentKind.ThreePhaseData => Index == 0 ? deviceId : $"{deviceId}:em{Index}",
        _ => $"{deviceId}:{Index}",
    };

    /// <summary>
    /// The three phases of <c>em:0</c> or <c>emdata:0</c>, each read as a channel of its own that feeds
    /// <c>&lt;deviceId&gt;:&lt;phase&gt;</c> (0–2 for a–c, as the Gen1 3EM's phase meters); none for other components
    /// (a further <c>em:N</c> would feed the same meters).
    /// </summary>
    public Gen2Component[] PhasesOf() => (Kind, Index) switch
    {
        (Gen2ComponentKind.ThreePhase, 0) => ThreePhasePhases,
        (Gen2ComponentKind.ThreePhaseData, 0) => ThreePhaseDataPhases,
        _ => [],
    };

    private static Gen2Component[] Phases(string name, Gen2ComponentKind kind) =>
        [.. Enumerable.Range(0, PhasePrefixes.Length).Select(phase => new Gen2Component($"{name}.{PhasePrefixes[phase][0]}", kind, phase, phase))];

    /// <summary>Whether the meter is a single channel, so that its voltage, current, power factor and frequency mean something.</summary>
    public bool IsSingleChannel => Kind is Gen2ComponentKind.Channel or Gen2ComponentKind.ChannelData;

    /// <summary>
    /// Parses <paramref name="name"/>; <c>false</c> for components that carry no meter values (<c>sys</c>,
    /// <c>switch:0</c>, …) and, with a <paramref name="refusal"/>, for a meter component whose id is out of range.
    /// </summary>
    public static bool TryParse(string name, out Gen2Component component, out string? refusal)
    {
        component = default;
        refusal = null;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        Gen2ComponentKind? kind = name.AsSpan(0, colon) switch
        {
            "em" => Gen2ComponentKind.ThreePhase,
            "emdata" => Gen2ComponentKind.ThreePhaseData,
            "em1" => Gen2ComponentKind.Channel,
            "em1data" => Gen2ComponentKind.ChannelData,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        if (!int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > MaxIndex)
        {
            refusal = $"component '{PayloadExcerpt.Of(name)}' does not have an id of 0-{MaxIndex}.";
            return false;
        }

        component = new Gen2Component(name, kind.Value, index);
        return true;
    }
}
