namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>One value from a Gen1 topic <c>shellies/{DeviceId}/emeter/{Channel}/{name}</c>, already checked.</summary>
/// <param name="DeviceId">The device id from the topic.</param>
/// <param name="Channel">The emeter index: a clamp of an EM, a phase of a 3EM.</param>
/// <param name="IsThreePhase">True for a 3EM (<c>shellyem3-…</c>), whose phases are summed into one meter.</param>
/// <param name="Quantity">What the value is.</param>
/// <param name="Value">The finite value, in the unit of <paramref name="Quantity"/>.</param>
internal readonly record struct Gen1Value(string DeviceId, int Channel, bool IsThreePhase, ShellyQuantity Quantity, double Value)
{
    /// <summary>The window this value belongs to: the channel on an EM, the whole device on a 3EM.</summary>
    public Gen1WindowKey WindowKey => new(DeviceId, IsThreePhase ? null : Channel);
}
