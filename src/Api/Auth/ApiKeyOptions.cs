namespace MeterGrains.Api.Auth;

/// <summary>
/// The API keys the REST API accepts in <c>X-Api-Key</c> (configuration section <c>Auth</c>), e.g.
/// <c>Auth:ApiKeys:0:Name=ops</c>, <c>Auth:ApiKeys:0:Key=…</c>, <c>Auth:ApiKeys:0:Role=operator</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>The shortest key accepted: shorter keys can be guessed.</summary>
    public const int MinimumKeyLength = 24;

    /// <summary>The keys, each with a role (<c>Auth:ApiKeys</c>).</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>One API key.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>Who holds the key, for logs and audit (never the key itself).</summary>
    public string? Name { get; set; }

    /// <summary>The secret, at least <see cref="ApiKeyOptions.MinimumKeyLength"/> characters.</summary>
    public string? Key { get; set; }

    /// <summary>One of <see cref="ApiRoles.All"/>.</summary>
    public string? Role { get; set; }

    /// <summary>For a resident: the household the key belongs to.</summary>
    public string? HouseholdId { get; set; }
}
