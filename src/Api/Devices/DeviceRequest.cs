namespace MeterGrains.Api.Devices;

/// <summary>The body of <c>POST /api/v1/devices</c> (interfaces.md).</summary>
/// <param name="DeviceId">The device id, which becomes its MQTT user name; for Shelly devices the id in its topics.</param>
/// <param name="Family"><c>generic</c>, <c>shelly-gen1</c> or <c>shelly-gen2</c>.</param>
/// <param name="Meters">For a generic device, the meter ids it may publish for; leave out for Shelly devices.</param>
public sealed record DeviceRequest(string? DeviceId, string? Family, IReadOnlyList<string?>? Meters);
