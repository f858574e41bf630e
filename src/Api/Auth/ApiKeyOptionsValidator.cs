using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Auth;

/// <summary>Refuses API keys that cannot work or are unsafe, naming the key of the configuration.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        if (options.ApiKeys.Count == 0)
        {
            failures.Add("Auth:ApiKeys must hold at least one key (Auth:ApiKeys:0:Name, :Key, :Role), or nobody can use the API.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var at = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (entry.Key is null || entry.Key.Length < ApiKeyOptions.MinimumKeyLength)
            {
                failures.Add($"{at}:Key must be at least {ApiKeyOptions.MinimumKeyLength} characters.");
            }
            else if (entry.Key.Contains('.', StringComparison.Ordinal))
            {
                // On the live hub a key and a JWT share the access_token parameter; a JWT is told apart by its dots.
                failures.Add($"{at}:Key must not contain '.'.");
            }
            else if (!seen.Add(entry.Key))
            {
                failures.Add($"{at}:Key is the same as an earlier key.");
            }

            if (entry.Role is null || !ApiRoles.All.Contains(entry.Role))
            {
                failures.Add($"{at}:Role must be one of {string.Join(", ", ApiRoles.All)} (is '{entry.Role}').");
            }
            else if (entry.Role == ApiRoles.Resident && string.IsNullOrWhiteSpace(entry.HouseholdId))
            {
                failures.Add($"{at}:HouseholdId is required for a resident key.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
