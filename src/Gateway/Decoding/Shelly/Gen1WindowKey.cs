namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>What one Gen1 assembly window gathers: one channel of an EM, or every phase of a 3EM (<see cref="Channel"/> null).</summary>
internal readonly record struct Gen1WindowKey(string DeviceId, int? Channel);
