namespace MeterGrains.Imports;

/// <summary>An upload went past <see cref="ImportOptions.MaxUploadBytes"/>.</summary>
public sealed class UploadTooLargeException(long maxBytes)
    : Exception($"the upload is larger than {maxBytes} bytes ({ImportOptions.SectionName}:MaxUploadBytes)")
{
    public long MaxBytes { get; } = maxBytes;
}
