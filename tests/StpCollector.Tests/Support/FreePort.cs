using System.Net;
using System.Net.Sockets;

namespace StpCollector.Tests.Support;

internal static class FreePort
{
    /// <summary>A port the OS reports free right now on loopback (never the system's 25 or 143).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
