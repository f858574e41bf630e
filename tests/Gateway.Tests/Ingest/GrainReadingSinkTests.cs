using MeterGrains.Gateway.Ingest;
using Orleans.Runtime;

namespace MeterGrains.Gateway.Tests.Ingest;

public sealed class GrainReadingSinkTests
{
    private readonly GrainReadingSink _sink = new(grainFactory: null!);

    [Fact]
    public void A_call_orleans_could_not_get_to_the_meters_silo_means_the_meter_is_unreachable()
    {
        // SiloUnavailableException is an OrleansMessageRejectionException, whose constructors (connection failures) are internal.
        Assert.True(_sink.IsUnreachable(new SiloUnavailableException("The target silo became unavailable")));
    }

    [Fact]
    public void A_failure_of_the_meter_itself_is_not()
    {
        Assert.False(_sink.IsUnreachable(new InvalidOperationException("grain exploded")));
        Assert.False(_sink.IsUnreachable(new TimeoutException("Response did not arrive on time")));
        Assert.False(_sink.IsUnreachable(new OrleansException("something else")));
    }
}
