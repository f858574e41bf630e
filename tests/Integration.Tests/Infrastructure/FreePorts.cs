using System.Net;
using System.Net.Sockets;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Loopback ports that are free right now (the OS hands them out, so two asks do not collide).</summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
