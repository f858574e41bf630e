using MeterGrains.Households;

namespace MeterGrains.Meters;

/// <summary>The household a meter belongs to and its role there; persisted apart from the energy snapshot.</summary>
public sealed class MeterAssignment
{
    public string? HouseholdId { get; set; }
    public MeterRole Role { get; set; }
}
