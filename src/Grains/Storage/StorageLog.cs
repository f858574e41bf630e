using Microsoft.Extensions.Logging;

namespace MeterGrains.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Reading batch of {Calls} calls ({Rows} rows) failed on a data error; writing each call on its own")]
    public static partial void BatchIsolating(ILogger logger, int calls, int rows, Exception exception);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Reading batch of {Calls} calls ({Rows} rows) failed")]
    public static partial void BatchFailed(ILogger logger, int calls, int rows, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Appending {Rows} readings of meter {MeterId} failed")]
    public static partial void CallFailed(ILogger logger, string meterId, int rows, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Reading store writer loop caught an unexpected error; it keeps running")]
    public static partial void WriterLoopError(ILogger logger, Exception exception);
}
