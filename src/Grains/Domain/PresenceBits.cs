using System.Numerics;

namespace MeterGrains.Domain;

/// <summary>
/// An optional value kept as a plain field and one bit of a presence mask instead of as a nullable, whose flag and
/// padding double a <c>double</c>'s or a <c>DateTimeOffset</c>'s size in every meter's state: the one place that reads
/// and writes such a pair (the mask a <c>byte</c> or <c>ushort</c> of the owner, its bits constants of the owner).
/// </summary>
internal static class PresenceBits
{
    /// <summary>The value, or null when its bit is not set.</summary>
    public static T? Get<T, TMask>(TMask present, TMask bit, T value)
        where T : struct
        where TMask : IBinaryInteger<TMask> =>
        (present & bit) != TMask.Zero ? value : null;

    /// <summary>Stores the value (its default when null) and sets or clears its bit.</summary>
    public static void Set<T, TMask>(ref TMask present, TMask bit, ref T field, T? value)
        where T : struct
        where TMask : IBinaryInteger<TMask>
    {
        field = value ?? default;
        present = value is null ? present & ~bit : present | bit;
    }
}
