using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Privacy;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Tests.Privacy;

public sealed class PseudonymTests
{
    private const string Secret = "test-pseudonym-secret-0123456789abcdef";

    [Theory]
    // Computed with openssl, not with this code:
    //   printf %s m1 | openssl dgst -sha256 -hmac test-pseudonym-secret-0123456789abcdef | cut -c1-32 (of the digest)
    [InlineData("m1", "71c4297e098b9e2e1dffdf7ef9338797")]
    [InlineData("household-1", "a3cbd660037d2b4e1346720a475c4cef")]
    public void A_pseudonym_is_the_first_16_bytes_of_the_hmac_in_lowercase_hex(string id, string expected)
    {
        Assert.Equal(expected, PseudonymHash.Compute(Encoding.UTF8.GetBytes(Secret), id));
    }

    [Theory]
    [InlineData("71c4297e098b9e2e1dffdf7ef9338797", true)]
    [InlineData("71C4297E098B9E2E1DFFDF7EF9338797", false)]
    [InlineData("71c4297e098b9e2e1dffdf7ef933879", false)]
    [InlineData("m1", false)]
    public void Only_32_lowercase_hex_digits_have_the_form_of_a_pseudonym(string text, bool expected)
    {
        Assert.Equal(expected, PseudonymHash.HasForm(text));
    }

    [Fact]
    public async Task An_issued_pseudonym_resolves_to_its_id_and_one_never_issued_does_not()
    {
        var store = new InMemoryPseudonymStore();
        var pseudonyms = New(store, Secret);

        var issued = await pseudonyms.IssueAsync("m1", CancellationToken.None);
        Assert.Equal("71c4297e098b9e2e1dffdf7ef9338797", issued);
        Assert.Equal("m1", store.Rows[issued]);
        Assert.Equal("m1", await New(store, Secret).ResolveAsync(issued, CancellationToken.None));

        // The pseudonym of household-1 is well formed, but it was never issued.
        Assert.Null(await New(store, Secret).ResolveAsync("a3cbd660037d2b4e1346720a475c4cef", CancellationToken.None));
    }

    [Fact]
    public async Task A_pseudonym_issued_under_another_secret_does_not_resolve()
    {
        var store = new InMemoryPseudonymStore();
        var old = await New(store, "an-older-secret-that-was-replaced-0000").IssueAsync("m1", CancellationToken.None);
        Assert.Null(await New(store, Secret).ResolveAsync(old, CancellationToken.None));
    }

    [Fact]
    public async Task Processors_name_and_see_pseudonyms_while_other_roles_use_ids()
    {
        var pseudonyms = New(new InMemoryPseudonymStore(), Secret);
        var processor = Caller(ApiRoles.Processor);
        var operatorCaller = Caller(ApiRoles.Operator);

        Assert.Equal("71c4297e098b9e2e1dffdf7ef9338797", await pseudonyms.ShownToAsync(processor, "m1", CancellationToken.None));
        Assert.Equal("m1", await pseudonyms.ShownToAsync(operatorCaller, "m1", CancellationToken.None));
        Assert.Equal("m1", await pseudonyms.IdNamedByAsync(processor, "71c4297e098b9e2e1dffdf7ef9338797", CancellationToken.None));
        Assert.Null(await pseudonyms.IdNamedByAsync(processor, "m1", CancellationToken.None));
        Assert.Equal("m1", await pseudonyms.IdNamedByAsync(operatorCaller, "m1", CancellationToken.None));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("too-short-a-secret", "at least 32 characters")]
    public void A_missing_or_short_secret_fails_naming_the_key(string? secret, string reason)
    {
        var result = new PseudonymOptionsValidator().Validate(null, new PseudonymOptions { PseudonymSecret = secret });
        Assert.True(result.Failed);
        Assert.Contains("Privacy:PseudonymSecret", result.FailureMessage);
        Assert.Contains(reason, result.FailureMessage);
    }

    private static Pseudonyms New(IPseudonymStore store, string secret) =>
        new(store, Options.Create(new PseudonymOptions { PseudonymSecret = secret }));

    private static ClaimsPrincipal Caller(string role) =>
        new(new ClaimsIdentity([new Claim(ApiClaims.Role, role)], "test", ApiClaims.Name, ApiClaims.Role));

    private sealed class InMemoryPseudonymStore : IPseudonymStore
    {
        public ConcurrentDictionary<string, string> Rows { get; } = new(StringComparer.Ordinal);

        public Task RecordAsync(IReadOnlyCollection<IssuedPseudonym> issued, CancellationToken cancellationToken)
        {
            foreach (var i in issued)
            {
                Rows.TryAdd(i.Pseudonym, i.Id);
            }

            return Task.CompletedTask;
        }

        public Task<string?> FindIdAsync(string pseudonym, CancellationToken cancellationToken) =>
            Task.FromResult(Rows.TryGetValue(pseudonym, out var id) ? id : null);
    }
}
