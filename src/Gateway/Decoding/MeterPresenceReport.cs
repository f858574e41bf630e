using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>A device's report about itself (Shelly <c>online</c>), addressed to one of its meters.</summary>
/// <param name="MeterId">A valid meter id of the reporting device.</param>
/// <param name="Presence">What the device said, stamped with the gateway's receive time.</param>
public sealed record MeterPresenceReport(string MeterId, DevicePresence Presence);
