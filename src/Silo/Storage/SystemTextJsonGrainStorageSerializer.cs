using System.Text.Json;
using Orleans.Storage;

namespace MeterGrains.Silo.Storage;

/// <summary>
/// Grain state as plain camelCase JSON. Unlike the default Newtonsoft serializer it writes no
/// <c>$type</c> names, so state classes stay free of Orleans attributes, the rows are smaller and
/// readable in SQL, and renaming a namespace does not orphan stored state.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state of {typeof(T).Name} is JSON null.");
}
