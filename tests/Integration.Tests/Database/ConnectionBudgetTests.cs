using MeterGrains.Silo.Database;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

public sealed class ConnectionBudgetTests
{
    [Fact]
    public void Without_a_maximum_the_default_total_is_split_in_two()
    {
        var (orleans, dataSource) = ConnectionBudget.Split("Host=127.0.0.1;Port=5432;Username=u;Database=d");

        // 60 / 2 = 30 each; everything else is kept.
        Assert.Equal(30, new NpgsqlConnectionStringBuilder(orleans).MaxPoolSize);
        Assert.Equal(30, new NpgsqlConnectionStringBuilder(dataSource).MaxPoolSize);
        Assert.Equal("d", new NpgsqlConnectionStringBuilder(dataSource).Database);
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(orleans).Port);
    }

    [Theory]
    [InlineData("Host=h;Maximum Pool Size=25", 12, 13)]
    [InlineData("Host=h;MaxPoolSize=200", 100, 100)]
    [InlineData("Host=h;Maximum Pool Size=3", 4, 4)] // never below 4 a side
    public void An_explicit_maximum_is_the_silo_total(string connectionString, int orleansPool, int dataSourcePool)
    {
        var (orleans, dataSource) = ConnectionBudget.Split(connectionString);

        Assert.Equal(orleansPool, new NpgsqlConnectionStringBuilder(orleans).MaxPoolSize);
        Assert.Equal(dataSourcePool, new NpgsqlConnectionStringBuilder(dataSource).MaxPoolSize);
    }
}
