using System.Buffers.Binary;
using System.IO.Compression;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// A bar-chart-like PNG of roughly the size a real chart has (anti-aliasing and text make charts compress to
/// tens of KB): bars on a light grid, with low-level noise standing in for the detail that resists compression.
/// </summary>
public static class ChartPng
{
    public static byte[] Make(int width, int height, int noisyPercent, int seed = 3)
    {
        var random = new Random(seed);
        var raw = new byte[height * (1 + width * 3)];
        int[] bars = [72, 55, 38, 64, 21, 47];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var bar = x * bars.Length / width;
                var inBar = x % (width / bars.Length) > 12 && height - y < bars[bar] * height / 100;
                byte r = 250, g = 250, b = 250;
                if (inBar)
                    (r, g, b) = ((byte)(30 + bar * 20), (byte)(90 + bar * 10), 170);
                else if (y % 40 == 0)
                    (r, g, b) = (220, 220, 220);
                if (random.Next(100) < noisyPercent)
                    (r, g, b) = ((byte)(r ^ random.Next(16)), (byte)(g ^ random.Next(16)), (byte)(b ^ random.Next(16)));
                var p = row + 1 + x * 3;
                (raw[p], raw[p + 1], raw[p + 2]) = (r, g, b);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        png.Write(four);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(four, ~Crc(Crc(0xFFFFFFFF, typeBytes), data));
        png.Write(four);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc(uint crc, byte[] bytes)
    {
        foreach (var b in bytes)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
