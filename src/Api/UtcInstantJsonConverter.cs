using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeterGrains.Api;

/// <summary>
/// Writes instants as ISO-8601 UTC with a <c>Z</c> (<c>2026-11-22T10:15:00Z</c>), as interfaces.md asks; the default
/// converter would write <c>+00:00</c>. Reads any ISO-8601 instant.
/// </summary>
internal sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Instants.Format(value));
}
