namespace MeterGrains.Exports;

/// <summary>The names of <see cref="ExportKind"/> in paths (<c>kind=readings</c>), the <c>exports</c> table and the API.</summary>
public static class ExportKinds
{
    public const string Readings = "readings";
    public const string Buckets = "buckets";

    public static IReadOnlyList<ExportKind> All { get; } = [ExportKind.Readings, ExportKind.Buckets];

    public static string ToName(ExportKind kind) => kind == ExportKind.Readings ? Readings : Buckets;

    public static ExportKind Parse(string name) => name switch
    {
        Readings => ExportKind.Readings,
        Buckets => ExportKind.Buckets,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an export kind"),
    };
}
