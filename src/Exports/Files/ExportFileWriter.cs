using System.Security.Cryptography;

namespace MeterGrains.Exports.Files;

/// <summary>
/// Writes one export file so that a reader never sees a partial one: into a hidden temporary file in the partition
/// directory (names starting with <c>.</c> or <c>_</c> are skipped by Spark, Hive, Athena and DuckDB's Hive globbing),
/// flushed to disk, then renamed over the final name (atomic on one file system), then the <c>_SUCCESS</c> marker
/// (written the same way) holding the row count and SHA-256. A re-export first removes the marker, so a marker always
/// describes the data file beside it.
/// </summary>
public static class ExportFileWriter
{
    /// <summary>The written file's size and SHA-256 (lowercase hex).</summary>
    public readonly record struct WrittenFile(long Bytes, string Sha256);

    public static async Task<WrittenFile> WriteAsync(
        string directory, string relativePath, Func<Stream, CancellationToken, Task<long>> write, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        var partition = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(partition);
        var marker = Path.Combine(partition, ExportPaths.SuccessMarker);
        File.Delete(marker);

        var temporary = Path.Combine(partition, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                rows = await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            var written = await HashAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            await WriteMarkerAsync(marker, $"{{\"file\":\"{Path.GetFileName(path)}\",\"rows\":{rows},\"bytes\":{written.Bytes},\"sha256\":\"{written.Sha256}\"}}\n", cancellationToken);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<WrittenFile> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new WrittenFile(stream.Length, Convert.ToHexStringLower(hash));
    }

    private static async Task WriteMarkerAsync(string marker, string content, CancellationToken cancellationToken)
    {
        var temporary = $"{marker}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        File.Move(temporary, marker, overwrite: true);
    }
}
