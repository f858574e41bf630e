namespace MeterGrains.Api.Live;

/// <summary>
/// Passes on at most one value per <c>minInterval</c>, the newest winning: the first value after a quiet spell goes
/// at once, later ones wait for the interval to end and replace each other while they wait.
/// </summary>
/// <remarks>Thread-safe; the send callback runs outside the lock, on the caller's or the timer's thread.</remarks>
public sealed class UpdateCoalescer<T> : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _clock;
    private readonly Action<T> _send;
    private readonly ITimer _timer;
    private DateTimeOffset? _lastSentAt;
    private T? _pending;
    private bool _waiting;
    private bool _disposed;

    public UpdateCoalescer(TimeSpan minInterval, TimeProvider clock, Action<T> send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minInterval, TimeSpan.Zero);
        _minInterval = minInterval;
        _clock = clock;
        _send = send;
        _timer = clock.CreateTimer(_ => SendPending(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Offer(T value)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            if (_waiting || (_lastSentAt is { } last && now - last < _minInterval))
            {
                _pending = value;
                if (!_waiting)
                {
                    _waiting = true;
                    _timer.Change(_lastSentAt!.Value + _minInterval - now, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            _lastSentAt = now;
        }

        _send(value);
    }

    private void SendPending()
    {
        T value;
        lock (_gate)
        {
            if (_disposed || !_waiting)
            {
                return;
            }

            value = _pending!;
            _pending = default;
            _waiting = false;
            _lastSentAt = _clock.GetUtcNow();
        }

        _send(value);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending = default;
        }

        _timer.Dispose();
    }
}
