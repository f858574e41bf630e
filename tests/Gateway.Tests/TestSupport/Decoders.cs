using System.Buffers;
using System.Text;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>Small helpers to feed a decoder text payloads and pick readings out of its results.</summary>
internal static class Decoders
{
    public static DecodeResult Decode(this IPayloadDecoder decoder, string topic, string payload, DateTimeOffset receivedAt) =>
        decoder.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), receivedAt);

    /// <summary>The single reading of <paramref name="meterId"/> in <paramref name="result"/>.</summary>
    public static MeterReading SingleReading(this DecodeResult result, string meterId)
    {
        var batch = Assert.Single(result.Batches, b => b.MeterId == meterId);
        return Assert.Single(batch.Readings);
    }

    public static IReadOnlyList<string> MeterIds(this DecodeResult result) => [.. result.Batches.Select(static b => b.MeterId)];
}
