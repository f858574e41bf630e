namespace MeterGrains.Api.Limits;

/// <summary>How large a request body may be (configuration section <c>RequestLimits</c>).</summary>
public sealed class RequestBodyLimitOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>
    /// The largest request body of a REST call, in bytes (<c>RequestLimits:MaxBodyBytes</c>); larger bodies get 413.
    /// An endpoint may set a lower limit of its own (readings over HTTP: <c>Mqtt:MaxPayloadBytes</c>). gRPC messages
    /// are limited one by one instead (<c>RequestLimits:MaxGrpcMessageBytes</c>), since a client stream has no end.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest single gRPC message received, in bytes (<c>RequestLimits:MaxGrpcMessageBytes</c>).</summary>
    public int MaxGrpcMessageBytes { get; set; } = 1024 * 1024;
}
