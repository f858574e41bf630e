namespace MeterGrains.Bench;

/// <summary>CPU seconds summed over the timed years of one kind: the silo's, PostgreSQL's (server and backends), the client's.</summary>
public sealed class CpuOfYear
{
    public double Silo { get; private set; }

    public double Postgres { get; private set; }

    public double Client { get; private set; }

    public void Add(double silo, double postgres, double client) =>
        (Silo, Postgres, Client) = (Silo + silo, Postgres + postgres, Client + client);
}
