using System.Diagnostics.Metrics;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Tests.TestSupport;
using MeterGrains.Meters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Tests.Ingest;

/// <summary>The pipeline settles a message's <see cref="MessageDelivery"/> only when all of its readings are delivered or dead-lettered.</summary>
public sealed class MessageDeliveryTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingReadingSink _sink = new();
    private readonly RecordingDeadLetterSink _deadLetters = new();
    private readonly IngestPipeline _pipeline;

    public MessageDeliveryTests()
    {
        _pipeline = new IngestPipeline(
            _sink,
            _deadLetters,
            new GatewayMetrics(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(new IngestOptions { LaneCount = 4, MaxDeliveryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }),
            TimeProvider.System,
            NullLogger<IngestPipeline>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static MeterBatch Batch(string meterId, int second) => new(meterId, [new MeterReading(T0.AddSeconds(second), ImportPowerW: 100)]);

    [Fact]
    public async Task A_message_for_two_meters_settles_only_when_the_slower_meter_has_its_reading()
    {
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (meterId, _, _) =>
        {
            if (meterId == "slow")
            {
                slowStarted.TrySetResult();
                await releaseSlow.Task;
            }

            return [];
        };
        await _pipeline.StartAsync(CancellationToken.None);

        var delivery = new MessageDelivery();
        await _pipeline.SubmitAsync("t", T0, new DecodeResult([Batch("fast", 1), Batch("slow", 1)], []), delivery);
        await slowStarted.Task.WaitAsync(Deadline);
        await Eventually.WaitUntilAsync(() => _sink.ReadingsOf("fast").Count == 1, Deadline, () => "the fast meter has its reading");

        // The fast meter is stored, the slow one is being delivered: acknowledging now could lose the slow reading.
        Assert.False(delivery.Completion.IsCompleted);

        releaseSlow.SetResult();
        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
        Assert.Single(_sink.ReadingsOf("slow"));
    }

    [Fact]
    public async Task A_message_with_only_refused_content_settles_at_once_after_its_dead_letter()
    {
        await _pipeline.StartAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync("meters/x/reading", T0, DecodeResult.Rejected(new DecodeRejection("not JSON")), delivery);

        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
        Assert.Equal("not JSON", Assert.Single(_deadLetters.Letters).Reason);
    }

    [Fact]
    public async Task A_reading_dead_lettered_after_failed_deliveries_settles_the_message()
    {
        _sink.OnDeliver = (_, _, _) => throw new TimeoutException("silo away");
        await _pipeline.StartAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync("t", T0, new DecodeResult([Batch("m", 1)], []), delivery);

        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
        Assert.Equal(DeadLetterStage.Delivery, Assert.Single(_deadLetters.Letters).Stage);
    }

    [Fact]
    public async Task At_an_aborted_stop_a_tracked_message_is_abandoned_and_an_untracked_one_dead_lettered()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (_, _, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return [];
        };
        await _pipeline.StartAsync(CancellationToken.None);
        var tracked = new MessageDelivery();

        // One meter, so both batches wait in the same lane behind the hanging delivery.
        await _pipeline.SubmitAsync("t", T0, new DecodeResult([Batch("m", 1)], []), tracked);
        await _pipeline.EnqueueAsync(Batch("m", 2), T0);
        await started.Task.WaitAsync(Deadline);
        await _pipeline.StopAsync(new CancellationToken(canceled: true)).WaitAsync(Deadline);

        // The broker still holds the tracked message unacknowledged and sends it again: no dead letter for it.
        Assert.Equal(DeliveryOutcome.Abandoned, await tracked.Completion.WaitAsync(Deadline));
        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal(T0.AddSeconds(2), letter.Reading?.Timestamp);
    }

    [Fact]
    public async Task A_message_that_could_not_be_enqueued_is_abandoned()
    {
        await _pipeline.StartAsync(CancellationToken.None);
        await _pipeline.StopAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await Assert.ThrowsAnyAsync<Exception>(async () => await _pipeline.SubmitAsync("t", T0, new DecodeResult([Batch("m", 1)], []), delivery));

        Assert.Equal(DeliveryOutcome.Abandoned, await delivery.Completion.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_presence_message_settles_only_when_every_meter_of_the_device_has_the_report()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnReportPresence = async (meterId, _, _) =>
        {
            if (meterId == "dev:1")
            {
                await release.Task;
            }
        };
        await _pipeline.StartAsync(CancellationToken.None);
        var offline = new DevicePresence(Online: false, T0);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync(
            "shellies/dev/online", T0,
            DecodeResult.Empty with { PresenceReports = [new MeterPresenceReport("dev:0", offline), new MeterPresenceReport("dev:1", offline)] },
            delivery);
        await Eventually.WaitUntilAsync(() => _sink.PresenceOf("dev:0").Count == 1, Deadline, () => "meter dev:0 has the report");

        Assert.False(delivery.Completion.IsCompleted);
        release.SetResult();
        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
        Assert.Equal([offline], _sink.PresenceOf("dev:1"));
    }

    [Fact]
    public async Task A_refused_message_settles_only_once_its_dead_letter_is_on_disk()
    {
        var disk = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadLetters.Storing = _ => disk.Task;
        await _pipeline.StartAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync("meters/x/reading", T0, DecodeResult.Rejected(new DecodeRejection("not JSON")), delivery);

        // Queued is not stored: acknowledging now, a crash would lose both the message and the record of its refusal.
        Assert.Single(_deadLetters.Letters);
        Assert.False(delivery.Completion.IsCompleted);
        disk.SetResult(true);
        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_message_whose_readings_the_meter_rejected_settles_only_once_their_dead_letters_are_on_disk()
    {
        var disk = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadLetters.Storing = _ => disk.Task;
        _sink.OnDeliver = (_, readings, _) => ValueTask.FromResult<IReadOnlyList<RejectedReading>>([.. readings.Select(r => new RejectedReading(r, "implausible"))]);
        await _pipeline.StartAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync("t", T0, new DecodeResult([Batch("m", 1)], []), delivery);
        await Eventually.WaitUntilAsync(() => _deadLetters.Letters.Count == 1, Deadline, () => "the rejected reading was dead-lettered");

        Assert.Equal(DeadLetterStage.Grain, _deadLetters.Letters[0].Stage);
        Assert.False(delivery.Completion.IsCompleted);
        disk.SetResult(true);
        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_message_whose_dead_letter_could_not_be_stored_is_abandoned_so_that_it_comes_again()
    {
        _deadLetters.Storing = _ => Task.FromResult(false);
        await _pipeline.StartAsync(CancellationToken.None);
        var delivery = new MessageDelivery();

        await _pipeline.SubmitAsync("meters/x/reading", T0, DecodeResult.Rejected(new DecodeRejection("not JSON")), delivery);

        Assert.Equal(DeliveryOutcome.Abandoned, await delivery.Completion.WaitAsync(Deadline));
    }
}
