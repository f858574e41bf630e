using System.Diagnostics.Metrics;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Gateway.Tests.Ingest;

/// <summary>
/// The releaser with a fake clock: a Gen1 value that no further message follows still reaches the meter once its
/// window closes, and what is being assembled at shutdown is handed over.
/// </summary>
public sealed class AssembledReadingsReleaserTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private const string Device = "shellyem-C45BBE6B8A2F";

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly RecordingReadingSink _sink = new();
    private readonly RecordingDeadLetterSink _deadLetters = new();
    private readonly ShellyGen1Decoder _decoder = new(Options.Create(new ShellyGen1Options()));
    private readonly IngestPipeline _pipeline;
    private readonly AssembledReadingsReleaser _releaser;

    public AssembledReadingsReleaserTests()
    {
        _pipeline = new IngestPipeline(
            _sink,
            _deadLetters,
            new GatewayMetrics(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(new IngestOptions { LaneCount = 2 }),
            _clock,
            NullLogger<IngestPipeline>.Instance);
        _releaser = new AssembledReadingsReleaser(
            new DecoderRegistry([new GenericJsonDecoder(), _decoder], Options.Create(new MqttOptions())),
            _pipeline,
            _clock,
            NullLogger<AssembledReadingsReleaser>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _releaser.Dispose();
        await _pipeline.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_lone_value_reaches_the_meter_when_its_window_closes_without_further_traffic()
    {
        await _pipeline.StartAsync(CancellationToken.None);
        await _releaser.StartAsync(CancellationToken.None);
        try
        {
            Assert.Same(DecodeResult.Empty, _decoder.Decode($"shellies/{Device}/emeter/0/power", "-1234.5", _clock.GetUtcNow()));

            // Ticks every 2 s / 4 = 0.5 s; the window opened at T0 closes at T0 + 2 s.
            _clock.Advance(TimeSpan.FromSeconds(2));

            await Eventually.WaitUntilAsync(
                () => _sink.ReadingsOf($"{Device}:0").Count == 1, Deadline, () => "the lone power value was released to the sink");
            var reading = Assert.Single(_sink.ReadingsOf($"{Device}:0"));
            Assert.Equal(T0, reading.Timestamp);
            // p = −1234.5 W → import 0, export 1234.5.
            Assert.Equal(0.0, reading.ImportPowerW);
            Assert.Equal(1234.5, reading.ExportPowerW);
        }
        finally
        {
            await _releaser.StopAsync(CancellationToken.None);
            await _pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stopping_hands_over_what_is_still_being_assembled_before_the_pipeline_drains()
    {
        await _pipeline.StartAsync(CancellationToken.None);
        await _releaser.StartAsync(CancellationToken.None);

        _decoder.Decode($"shellies/{Device}/emeter/1/total", "98765.4", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(0.5)); // one tick, window still open
        await _releaser.StopAsync(CancellationToken.None);
        await _pipeline.StopAsync(CancellationToken.None);

        var reading = Assert.Single(_sink.ReadingsOf($"{Device}:1"));
        Assert.Equal(T0, reading.Timestamp);
        Assert.Equal(98765.4, reading.ImportRegisterWh);
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task Notes_about_a_missing_phase_reach_the_dead_letters_with_their_own_topic()
    {
        await _pipeline.StartAsync(CancellationToken.None);
        await _releaser.StartAsync(CancellationToken.None);
        try
        {
            _decoder.Decode("shellies/shellyem3-84CCA8ADD055/emeter/0/power", "100", _clock.GetUtcNow());
            _decoder.Decode("shellies/shellyem3-84CCA8ADD055/emeter/1/power", "200", _clock.GetUtcNow());

            _clock.Advance(TimeSpan.FromSeconds(2));

            await Eventually.WaitUntilAsync(() => _deadLetters.Letters.Count == 1, Deadline, () => "the partial 3EM sum was noted");
            var letter = _deadLetters.Letters[0];
            Assert.Equal(DeadLetterStage.Decode, letter.Stage);
            Assert.Equal("shellies/shellyem3-84CCA8ADD055/emeter/+/power", letter.Topic);
            Assert.Equal("shellyem3-84CCA8ADD055", letter.MeterId);
            Assert.Equal("phase 0: 100, phase 1: 200", letter.RawPayload);
        }
        finally
        {
            await _releaser.StopAsync(CancellationToken.None);
            await _pipeline.StopAsync(CancellationToken.None);
        }
    }
}
