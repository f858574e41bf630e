namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// A decoder that assembles one reading from several messages (Shelly Gen1 sends one value per message) and so holds
/// values between messages. Its readings leave either with a later message (returned by
/// <see cref="IPayloadDecoder.Decode"/>) or when their assembly window closes, which <see cref="ReleaseDue"/> finds
/// when the gateway ticks it every <see cref="ReleasePeriod"/> (see <c>Ingest.AssembledReadingsReleaser</c>).
/// </summary>
/// <remarks>Both methods may run concurrently with <see cref="IPayloadDecoder.Decode"/>; they never throw for bad input.</remarks>
public interface IAssemblingDecoder : IPayloadDecoder
{
    /// <summary>How often the gateway should call <see cref="ReleaseDue"/>; a reading leaves at most this late after its window closes.</summary>
    TimeSpan ReleasePeriod { get; }

    /// <summary>Takes out the readings whose assembly window has closed at <paramref name="now"/>.</summary>
    DecodeResult ReleaseDue(DateTimeOffset now);

    /// <summary>Takes out every reading still being assembled, closed or not (the gateway is stopping).</summary>
    DecodeResult ReleaseAll();
}
