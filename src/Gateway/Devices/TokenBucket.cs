namespace MeterGrains.Gateway.Devices;

/// <summary>
/// A token bucket: holds up to <c>capacity</c> tokens, refilled at <c>ratePerSecond</c>; a message takes one. Pure and
/// thread-safe; time comes from the caller.
/// </summary>
public sealed class TokenBucket(double ratePerSecond, int capacity, DateTimeOffset now)
{
    private readonly Lock _lock = new();
    private double _tokens = capacity;
    private DateTimeOffset _refilledAt = now;

    /// <summary>Takes a token if there is one at <paramref name="now"/>.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        lock (_lock)
        {
            var elapsed = (now - _refilledAt).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(capacity, _tokens + (elapsed * ratePerSecond));
                _refilledAt = now;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
