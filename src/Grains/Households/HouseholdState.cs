using MeterGrains.Households;

namespace MeterGrains.Households;

/// <summary>A household's persisted metadata; personal fields only as AES-GCM ciphertext.</summary>
public sealed class HouseholdState
{
    public bool Defined { get; set; }
    public string Type { get; set; } = "other";
    public int Occupants { get; set; } = 1;
    public string TimeZone { get; set; } = "UTC";
    public string? Tariff { get; set; }
    public byte[]? EncryptedPersonalData { get; set; }
    public List<HouseholdMeter> Meters { get; set; } = [];
    public HouseholdPreferences? Preferences { get; set; }
}
