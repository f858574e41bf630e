using System.Threading.Channels;
using MeterGrains.Gateway.Decoding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Ticks every <see cref="IAssemblingDecoder"/> (Shelly Gen1) on its <see cref="IAssemblingDecoder.ReleasePeriod"/> and
/// hands the readings whose assembly window has closed to the <see cref="IngestPipeline"/>, so that a reading leaves
/// even when no further message arrives. On stop it releases whatever is still being assembled.
/// </summary>
/// <remarks>
/// Time comes from the injected <see cref="TimeProvider"/> (a fake one in tests). Registered after the pipeline and
/// before the broker, so that on shutdown the broker stops first, then this releases the last readings, then the
/// pipeline drains.
/// </remarks>
public sealed class AssembledReadingsReleaser(
    DecoderRegistry decoders,
    IngestPipeline pipeline,
    TimeProvider timeProvider,
    ILogger<AssembledReadingsReleaser> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _ticking = Task.CompletedTask;

    private IEnumerable<IAssemblingDecoder> AssemblingDecoders => decoders.Decoders.OfType<IAssemblingDecoder>();

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Each loop creates its timer before its first await, so the timers exist once this returns.
        _ticking = Task.WhenAll(AssemblingDecoders.Select(d => TickAsync(d, _stopping.Token)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _ticking.ConfigureAwait(false);

        foreach (var decoder in AssemblingDecoders)
        {
            await SubmitAsync(decoder, decoder.ReleaseAll(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task TickAsync(IAssemblingDecoder decoder, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(decoder.ReleasePeriod, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await SubmitAsync(decoder, decoder.ReleaseDue(timeProvider.GetUtcNow()), stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync releases the rest.
        }
    }

    private async ValueTask SubmitAsync(IAssemblingDecoder decoder, DecodeResult result, CancellationToken cancellationToken)
    {
        if (result.Batches.Count == 0 && result.Rejections.Count == 0)
        {
            return;
        }

        try
        {
            // The topic is only a fallback for dead letters: the decoder names the topic of each of its rejections.
            await pipeline.SubmitAsync(decoder.TopicFilters[0], timeProvider.GetUtcNow(), result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            logger.AssembledReadingsLost(decoder.Name, result.ReadingCount, ex);
        }
        catch (Exception ex)
        {
            logger.ReleaseFailed(decoder.Name, result.ReadingCount, ex);
        }
    }
}
