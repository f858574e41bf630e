namespace MeterGrains.Gateway.Decoding;

/// <summary>MQTT topic filter matching (<c>+</c> matches one level, a trailing <c>#</c> any number of levels).</summary>
public static class MqttTopicFilter
{
    /// <summary>True when <paramref name="topic"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];

            if (filterLevel is "#")
            {
                return true;
            }

            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];

            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }

            if (filterEnd < 0 || topicEnd < 0)
            {
                // Both must end here, except that "a/#" also matches "a" (MQTT 3.1.1 §4.7.1.2).
                return (filterEnd < 0 && topicEnd < 0) || (topicEnd < 0 && filter[(filterEnd + 1)..] is "#");
            }

            filter = filter[(filterEnd + 1)..];
            topic = topic[(topicEnd + 1)..];
        }
    }

    /// <summary>
    /// True when every topic <paramref name="requested"/> can match is also matched by <paramref name="granted"/>: a
    /// subscription to <paramref name="requested"/> stays within what <paramref name="granted"/> allows.
    /// </summary>
    public static bool Covers(ReadOnlySpan<char> granted, ReadOnlySpan<char> requested)
    {
        while (true)
        {
            var grantedEnd = granted.IndexOf('/');
            var grantedLevel = grantedEnd < 0 ? granted : granted[..grantedEnd];
            if (grantedLevel is "#")
            {
                return true;
            }

            var requestedEnd = requested.IndexOf('/');
            var requestedLevel = requestedEnd < 0 ? requested : requested[..requestedEnd];
            var levelCovered = grantedLevel is "+"
                ? requestedLevel is not "#"
                : requestedLevel is not ("+" or "#") && grantedLevel.SequenceEqual(requestedLevel);
            if (!levelCovered)
            {
                return false;
            }

            if (grantedEnd < 0 || requestedEnd < 0)
            {
                // Both must end here, except that a granted "a/#" also covers a requested "a".
                return (grantedEnd < 0 && requestedEnd < 0) || (requestedEnd < 0 && granted[(grantedEnd + 1)..] is "#");
            }

            granted = granted[(grantedEnd + 1)..];
            requested = requested[(requestedEnd + 1)..];
        }
    }
}
