namespace MeterGrains;

/// <summary>Names of the Orleans storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state in PostgreSQL through the Orleans ADO.NET provider.</summary>
    public const string Postgres = "postgres";
}
