namespace MeterGrains.Analytics.Anomalies;

public enum AnomalyDirection
{
    /// <summary>Above what is expected.</summary>
    High,

    /// <summary>Below what is expected.</summary>
    Low,
}
