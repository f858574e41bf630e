namespace MeterGrains.Households;

/// <summary>The part a meter plays in its household (domain.md).</summary>
[GenerateSerializer, Alias("MeterGrains.MeterRole")]
public enum MeterRole
{
    /// <summary>The connection point to the grid.</summary>
    Grid = 0,

    /// <summary>A PV inverter or other generation.</summary>
    Production = 1,

    /// <summary>A sub-circuit.</summary>
    Consumption = 2,
}
