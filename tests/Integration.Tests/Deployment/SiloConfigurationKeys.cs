using System.Collections;
using System.Reflection;
using MeterGrains.Api.Auth;
using MeterGrains.Exports;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Meters;
using MeterGrains.Silo.Hosting;

namespace MeterGrains.Integration.Tests.Deployment;

/// <summary>
/// The configuration keys the silo reads: every settable property of every options class (a public class with a
/// <c>SectionName</c> constant) in the silo's assemblies, found by reflection so that a renamed option shows up here,
/// plus the keys read outside options classes.
/// </summary>
internal static class SiloConfigurationKeys
{
    /// <summary>Keys read outside options classes; <c>*</c> stands for one segment (an endpoint name, a list index).</summary>
    private static readonly string[] OtherKeys =
    [
        $"ConnectionStrings:{SiloHostingExtensions.ConnectionStringName}",
        SiloRoles.ConfigurationKey,
        "Kestrel:Endpoints:*:Url",
        "Kestrel:Endpoints:*:Protocols",
        "Logging:LogLevel:*",
        // The host and the OpenTelemetry SDK read these.
        "ASPNETCORE_ENVIRONMENT",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
    ];

    private static readonly Assembly[] SiloAssemblies =
        [typeof(SiloOptions).Assembly, typeof(MqttOptions).Assembly, typeof(ApiKeyOptions).Assembly, typeof(MeterOptions).Assembly, typeof(ExportOptions).Assembly];

    public static IReadOnlyList<string> Patterns { get; } = [.. OtherKeys, .. OptionKeys().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether <paramref name="key"/> (a <c>:</c>-separated configuration key) is one the silo reads.</summary>
    public static bool IsKnown(string key)
    {
        var segments = key.Split(':');
        return Patterns.Any(pattern =>
        {
            var parts = pattern.Split(':');
            return parts.Length == segments.Length
                && parts.Zip(segments).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

    private static IEnumerable<string> OptionKeys()
    {
        foreach (var type in SiloAssemblies.SelectMany(a => a.GetExportedTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && type.GetConstructor(Type.EmptyTypes) is not null)
            {
                foreach (var key in Keys((string)field.GetRawConstantValue()!, type, depth: 0))
                {
                    yield return key;
                }
            }
        }
    }

    private static IEnumerable<string> Keys(string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                if (property.CanWrite)
                {
                    yield return key;
                }
            }
            else if (depth < 4 && ElementType(propertyType) is { } element)
            {
                var nested = IsScalar(element) ? [$"{key}:*"] : Keys($"{key}:*", element, depth + 1);
                foreach (var k in nested)
                {
                    yield return k;
                }
            }
            else if (depth < 4 && propertyType.IsClass && propertyType.GetConstructor(Type.EmptyTypes) is not null)
            {
                foreach (var k in Keys(key, propertyType, depth + 1))
                {
                    yield return k;
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(Uri);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;
}
