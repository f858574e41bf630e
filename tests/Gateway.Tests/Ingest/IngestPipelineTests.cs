using System.Diagnostics.Metrics;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Tests.TestSupport;
using MeterGrains.Meters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Tests.Ingest;

public sealed class IngestPipelineTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingReadingSink _sink = new();
    private readonly RecordingDeadLetterSink _deadLetters = new();
    private IngestPipeline? _pipeline;

    public async ValueTask DisposeAsync()
    {
        if (_pipeline is not null)
        {
            await _pipeline.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    private async Task<IngestPipeline> StartAsync(IngestOptions options)
    {
        _pipeline = new IngestPipeline(
            _sink,
            _deadLetters,
            new GatewayMetrics(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(options),
            TimeProvider.System,
            NullLogger<IngestPipeline>.Instance);
        await _pipeline.StartAsync(CancellationToken.None);
        return _pipeline;
    }

    private static MeterBatch Batch(string meterId, int second) =>
        new(meterId, [new MeterReading(T0.AddSeconds(second), ImportPowerW: second)]);

    [Fact]
    public async Task Per_meter_order_is_preserved_across_many_meters_and_lanes()
    {
        const int Meters = 200;
        const int ReadingsPerMeter = 25;
        // Small lanes so that producers also wait on back-pressure while deliveries interleave.
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 8, LaneCapacity = 4, MaxDrainCount = 16 });
        _sink.OnDeliver = async (_, _, _) =>
        {
            if (Random.Shared.Next(4) == 0)
            {
                await Task.Delay(1);
            }
            else
            {
                await Task.Yield();
            }

            return [];
        };

        var producers = Enumerable.Range(0, Meters).Select(m => Task.Run(async () =>
        {
            for (var i = 0; i < ReadingsPerMeter; i++)
            {
                await pipeline.EnqueueAsync(Batch($"meter-{m}", i), T0);
            }
        }));
        await Task.WhenAll(producers).WaitAsync(Deadline);
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(Meters * ReadingsPerMeter, _sink.TotalReadings);
        var expectedPowers = Enumerable.Range(0, ReadingsPerMeter).Select(i => (double?)i).ToArray();
        for (var m = 0; m < Meters; m++)
        {
            Assert.Equal(expectedPowers, _sink.ReadingsOf($"meter-{m}").Select(r => r.ImportPowerW).ToArray());
        }

        Assert.Equal(0, _sink.Overlaps);
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task Readings_of_the_same_meter_in_one_drain_are_delivered_as_one_ordered_batch()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<double?[]>();
        _sink.OnDeliver = async (meterId, readings, _) =>
        {
            lock (batches)
            {
                batches.Add([.. readings.Select(r => r.ImportPowerW)]);
            }

            if (meterId == "blocker")
            {
                entered.TrySetResult();
                await gate.Task;
            }

            return [];
        };
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 1, LaneCapacity = 16, MaxDrainCount = 16 });

        await pipeline.EnqueueAsync(Batch("blocker", 0), T0);
        await entered.Task.WaitAsync(Deadline);
        // While the lane is busy these three queue up and are taken in the next drain.
        await pipeline.EnqueueAsync(Batch("m", 1), T0);
        await pipeline.EnqueueAsync(Batch("m", 2), T0);
        await pipeline.EnqueueAsync(Batch("m", 3), T0);
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => _sink.ReadingsOf("m").Count == 3, Deadline, () => "meter m has its 3 readings");

        lock (batches)
        {
            Assert.Equal([1.0, 2.0, 3.0], batches[^1]);
            Assert.Equal(2, batches.Count);
        }
    }

    [Fact]
    public async Task Different_meters_in_one_drain_are_delivered_concurrently()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (meterId, _, _) =>
        {
            switch (meterId)
            {
                case "blocker":
                    blockerEntered.TrySetResult();
                    await gate.Task;
                    break;
                case "a":
                    // Completes only if b's delivery starts while a's is still running.
                    await bEntered.Task.WaitAsync(Deadline);
                    break;
                case "b":
                    bEntered.TrySetResult();
                    break;
            }

            return [];
        };
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 1, LaneCapacity = 16, MaxDrainCount = 16 });

        await pipeline.EnqueueAsync(Batch("blocker", 0), T0);
        await blockerEntered.Task.WaitAsync(Deadline);
        await pipeline.EnqueueAsync(Batch("a", 1), T0);
        await pipeline.EnqueueAsync(Batch("b", 2), T0);
        gate.SetResult();

        await Eventually.WaitUntilAsync(
            () => _sink.ReadingsOf("a").Count == 1 && _sink.ReadingsOf("b").Count == 1, Deadline, () => "meters a and b are delivered");
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task A_full_lane_makes_writers_wait_and_drops_nothing()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (_, _, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
            return [];
        };
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 1, LaneCapacity = 2, MaxDrainCount = 1 });

        await pipeline.EnqueueAsync(Batch("m", 1), T0);
        await entered.Task.WaitAsync(Deadline); // the lane has taken batch 1 and is stuck delivering it

        // Capacity 2: batches 2 and 3 fit, batch 4 must wait for space.
        Assert.True(pipeline.EnqueueAsync(Batch("m", 2), T0).IsCompletedSuccessfully);
        Assert.True(pipeline.EnqueueAsync(Batch("m", 3), T0).IsCompletedSuccessfully);
        var fourth = pipeline.EnqueueAsync(Batch("m", 4), T0).AsTask();
        Assert.False(fourth.IsCompleted, "the fourth batch should wait for space in the full lane");

        gate.SetResult();
        await fourth.WaitAsync(Deadline);
        await Eventually.WaitUntilAsync(() => _sink.ReadingsOf("m").Count == 4, Deadline, () => "all 4 readings are delivered");
        Assert.Equal([1.0, 2.0, 3.0, 4.0], _sink.ReadingsOf("m").Select(r => r.ImportPowerW));
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_until_it_succeeds()
    {
        var attempts = 0;
        _sink.OnDeliver = (_, _, _) => Interlocked.Increment(ref attempts) <= 2
            ? throw new TimeoutException("silo busy")
            : ValueTask.FromResult<IReadOnlyList<RejectedReading>>([]);
        var pipeline = await StartAsync(new IngestOptions
        {
            LaneCount = 1,
            MaxDeliveryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });

        await pipeline.EnqueueAsync(Batch("flaky", 7), T0);

        await Eventually.WaitUntilAsync(() => _sink.ReadingsOf("flaky").Count == 1, Deadline, () => "the flaky meter's reading is delivered on the third attempt");
        Assert.Equal(3, Volatile.Read(ref attempts));
        Assert.Equal(7.0, _sink.ReadingsOf("flaky")[0].ImportPowerW);
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task A_sink_that_keeps_throwing_dead_letters_the_readings_and_the_lane_keeps_working()
    {
        var brokenAttempts = 0;
        _sink.OnDeliver = (meterId, _, _) =>
        {
            if (meterId == "broken")
            {
                Interlocked.Increment(ref brokenAttempts);
                throw new InvalidOperationException("grain exploded");
            }

            return ValueTask.FromResult<IReadOnlyList<RejectedReading>>([]);
        };
        var pipeline = await StartAsync(new IngestOptions
        {
            LaneCount = 1, // same lane for both meters
            MaxDeliveryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });

        await pipeline.EnqueueAsync(new MeterBatch("broken", [new MeterReading(T0, ImportPowerW: 1), new MeterReading(T0.AddSeconds(1), ImportPowerW: 2)]), T0);
        await Eventually.WaitUntilAsync(() => _deadLetters.Letters.Count == 2, Deadline, () => "both readings of the broken meter are dead-lettered");
        await pipeline.EnqueueAsync(Batch("healthy", 5), T0);
        await Eventually.WaitUntilAsync(() => _sink.ReadingsOf("healthy").Count == 1, Deadline, () => "the lane still delivers after a failed batch");

        Assert.Equal(3, Volatile.Read(ref brokenAttempts));
        Assert.All(_deadLetters.Letters, d =>
        {
            Assert.Equal(DeadLetterStage.Delivery, d.Stage);
            Assert.Equal("broken", d.MeterId);
            Assert.Contains("3 attempts", d.Reason);
            Assert.Contains("grain exploded", d.Reason);
        });
        Assert.Equal([1.0, 2.0], _deadLetters.Letters.Select(d => d.Reading!.ImportPowerW));
    }

    /// <summary>
    /// After a silo is killed, calls to its meters fail until the cluster declares it dead, which takes longer than a few
    /// quick retries. Dead-lettering then would acknowledge a good reading that only had to wait: such failures are retried
    /// past MaxDeliveryAttempts (here 3) until the meter answers, on the 8th attempt.
    /// </summary>
    [Fact]
    public async Task An_unreachable_meter_is_retried_past_the_attempt_limit_until_it_answers()
    {
        var attempts = 0;
        _sink.Unreachable = static ex => ex is TimeoutException;
        _sink.OnDeliver = (_, _, _) => Interlocked.Increment(ref attempts) <= 7
            ? throw new TimeoutException("the meter's silo is gone")
            : ValueTask.FromResult<IReadOnlyList<RejectedReading>>([]);
        var pipeline = await StartAsync(new IngestOptions
        {
            LaneCount = 1,
            MaxDeliveryAttempts = 3,
            UnreachableRetryTimeout = TimeSpan.FromMinutes(1),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });
        var delivery = new MessageDelivery();

        await pipeline.SubmitAsync("meters/moving/reading", T0, new DecodeResult([Batch("moving", 3)], []), delivery);

        Assert.Equal(DeliveryOutcome.Settled, await delivery.Completion.WaitAsync(Deadline));
        Assert.Equal(8, Volatile.Read(ref attempts));
        Assert.Equal([3.0], _sink.ReadingsOf("moving").Select(r => r.ImportPowerW));
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task A_meter_unreachable_for_longer_than_the_unreachable_retry_timeout_is_dead_lettered()
    {
        _sink.Unreachable = static ex => ex is TimeoutException;
        _sink.OnDeliver = (_, _, _) => throw new TimeoutException("the meter's silo is gone");
        var pipeline = await StartAsync(new IngestOptions
        {
            LaneCount = 1,
            MaxDeliveryAttempts = 100,
            UnreachableRetryTimeout = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });

        await pipeline.EnqueueAsync(Batch("gone", 4), T0);

        await Eventually.WaitUntilAsync(() => _deadLetters.Letters.Count == 1, Deadline, () => "the reading of the unreachable meter is dead-lettered");
        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal(DeadLetterStage.Delivery, letter.Stage);
        Assert.Contains("the meter's silo is gone", letter.Reason);
    }

    [Fact]
    public async Task Decoder_and_grain_rejections_are_dead_lettered_and_counted()
    {
        var counts = new Dictionary<(string Instrument, string? Stage), long>();
        using var listener = new MeterListener();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? stage = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "stage")
                {
                    stage = (string?)tag.Value;
                }
            }

            lock (counts)
            {
                counts[(instrument.Name, stage)] = counts.GetValueOrDefault((instrument.Name, stage)) + value;
            }
        });
        listener.Start();

        var tooHigh = new MeterReading(T0.AddSeconds(1), ImportPowerW: 1e9);
        _sink.OnDeliver = (_, readings, _) => ValueTask.FromResult<IReadOnlyList<RejectedReading>>(
            [.. readings.Where(r => r.ImportPowerW > 100_000).Select(r => new RejectedReading(r, "importPowerW above the plausibility bound"))]);
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 2 });

        var decoded = new DecodeResult(
            [new MeterBatch("m1", [new MeterReading(T0, ImportPowerW: 10), tooHigh])],
            [new DecodeRejection("element 2: importPowerW must be a finite JSON number", "m1", """{"importPowerW":"x"}""", 2)]);
        await pipeline.SubmitAsync("meters/m1/reading", T0, decoded);
        await Eventually.WaitUntilAsync(() => _deadLetters.Letters.Count == 2, Deadline, () => "one decode and one grain dead letter");

        var decode = Assert.Single(_deadLetters.Letters, d => d.Stage == DeadLetterStage.Decode);
        Assert.Equal("meters/m1/reading", decode.Topic);
        Assert.Equal("m1", decode.MeterId);
        Assert.Equal("""{"importPowerW":"x"}""", decode.RawPayload);
        var grain = Assert.Single(_deadLetters.Letters, d => d.Stage == DeadLetterStage.Grain);
        Assert.Same(tooHigh, grain.Reading);
        Assert.Equal("m1", grain.MeterId);

        lock (counts)
        {
            Assert.Equal(1, counts.GetValueOrDefault(("metergrains.readings.accepted", null)));
            Assert.Equal(1, counts.GetValueOrDefault(("metergrains.readings.rejected", "decode")));
            Assert.Equal(1, counts.GetValueOrDefault(("metergrains.readings.rejected", "grain")));
        }
    }

    [Fact]
    public async Task Stop_drains_what_the_lanes_hold()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (_, _, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
            return [];
        };
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 1, LaneCapacity = 8, MaxDrainCount = 1 });
        for (var i = 0; i < 5; i++)
        {
            await pipeline.EnqueueAsync(Batch("m", i), T0);
        }

        await entered.Task.WaitAsync(Deadline);
        var stopping = pipeline.StopAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await pipeline.EnqueueAsync(Batch("m", 99), T0));
        Assert.False(stopping.IsCompleted, "stop waits for the held readings");

        gate.SetResult();
        await stopping.WaitAsync(Deadline);
        Assert.Equal([0.0, 1.0, 2.0, 3.0, 4.0], _sink.ReadingsOf("m").Select(r => r.ImportPowerW));
    }

    [Fact]
    public async Task Stop_gives_up_at_the_deadline_and_dead_letters_what_is_left()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.OnDeliver = async (_, _, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // a grain that never answers
            return [];
        };
        var pipeline = await StartAsync(new IngestOptions { LaneCount = 1, LaneCapacity = 8, MaxDrainCount = 1 });
        for (var i = 0; i < 3; i++)
        {
            await pipeline.EnqueueAsync(Batch("m", i), T0);
        }

        await entered.Task.WaitAsync(Deadline);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await pipeline.StopAsync(deadline.Token).WaitAsync(Deadline);

        Assert.Empty(_sink.ReadingsOf("m"));
        Assert.Equal(3, _deadLetters.Letters.Count);
        Assert.All(_deadLetters.Letters, d => Assert.Equal(DeadLetterStage.Delivery, d.Stage));
        Assert.Equal([0.0, 1.0, 2.0], _deadLetters.Letters.Select(d => d.Reading!.ImportPowerW));
    }

    [Fact]
    public void Lane_of_a_meter_is_stable_and_in_range()
    {
        // FNV-1a 32 of "a" is 0xE40C292C = 3826002220; 3826002220 mod 7 = 5 (7 x 546571745 = 3826002215).
        Assert.Equal(5, IngestPipeline.LaneOf("a", 7));
        for (var i = 0; i < 1000; i++)
        {
            var lane = IngestPipeline.LaneOf($"meter-{i}", 16);
            Assert.InRange(lane, 0, 15);
            Assert.Equal(lane, IngestPipeline.LaneOf($"meter-{i}", 16));
        }
    }
}
