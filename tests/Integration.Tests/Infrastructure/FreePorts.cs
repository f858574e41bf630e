using System.Net;
using System.Net.Sockets;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// Loopback ports that are free right now and were not handed out before in this test run.
/// </summary>
/// <remarks>
/// The ports come from below Linux's ephemeral range (32768–60999). A port the OS hands out for a listener on port 0
/// lies inside that range, where it can be taken as the local port of any outgoing connection (to PostgreSQL, to a
/// silo) between the moment it is found free and the moment a silo binds it; that race failed whole fixtures with
/// "address already in use". Ports below the range are only ever taken by listeners that ask for them.
/// </remarks>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int[] Take(int count)
    {
        lock (Gate)
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                ports[i] = NextFree();
            }

            return ports;
        }
    }

    private static int NextFree()
    {
        for (var tries = 0; tries <= Last - First; tries++)
        {
            var candidate = _next;
            _next = _next >= Last ? First : _next + 1;
            if (Given.Contains(candidate) || !IsFree(candidate))
            {
                continue;
            }

            Given.Add(candidate);
            return candidate;
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
