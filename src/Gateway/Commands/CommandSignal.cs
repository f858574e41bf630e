using System.Threading.Channels;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// Wakes this process's <see cref="CommandDispatcher"/> when this process's API added a command, so that a single-process
/// run publishes at once; gateways on other silos find the command on their next poll.
/// </summary>
public sealed class CommandSignal
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the dispatcher to look for pending commands now.</summary>
    public void Notify() => _signals.Writer.TryWrite(true);

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
