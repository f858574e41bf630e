namespace MeterGrains.Domain;

/// <summary>Binary search in a list kept sorted by an instant.</summary>
internal static class SortedByTime
{
    /// <summary>The index of the item at <paramref name="at"/>, or the bitwise complement of where it belongs.</summary>
    public static int IndexOf<T>(IReadOnlyList<T> items, DateTimeOffset at, Func<T, DateTimeOffset> timeOf)
    {
        int low = 0, high = items.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var c = timeOf(items[mid]).CompareTo(at);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
