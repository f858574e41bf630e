using System.Net;
using System.Net.Sockets;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>A loopback port the OS reports free right now, for an in-process broker to listen on.</summary>
internal static class FreeLoopbackPort
{
    public static int Take()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
