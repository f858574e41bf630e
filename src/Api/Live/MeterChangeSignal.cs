using System.Threading.Channels;

namespace MeterGrains.Api.Live;

/// <summary>Set when a meter changed; changes while nobody waits fold into one (see <see cref="MeterChangeSignals"/>).</summary>
public sealed class MeterChangeSignal : IDisposable
{
    private readonly MeterChangeSignals _owner;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    internal MeterChangeSignal(MeterChangeSignals owner, string meterId)
    {
        _owner = owner;
        MeterId = meterId;
    }

    public string MeterId { get; }

    /// <summary>Waits until the meter changed since the last wait, or <paramref name="timeout"/> passed; false on timeout.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _changed.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal void Set() => _changed.Writer.TryWrite(true);

    public void Dispose() => _owner.Remove(this);
}
