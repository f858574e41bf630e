using System.Collections.Concurrent;
using System.Security.Claims;
using MeterGrains.Api.Auth;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Privacy;

/// <summary>
/// The pseudonyms processing apps see instead of meter and household ids (domain.md, privacy). A pseudonym is issued —
/// recorded in the <see cref="IPseudonymStore"/> — before a processing app is shown it, and when an operator defines a
/// household (the household and its meters), so whatever a processing app names can be mapped back to the id.
/// </summary>
/// <remarks>
/// A pseudonym cannot be reversed by computation, only by the record. The record is checked against the secret on the
/// way back: a row issued under another secret does not resolve. This process remembers up to
/// <see cref="MaxRemembered"/> pairs, so showing the same meter again costs no database write.
/// </remarks>
public sealed class Pseudonyms(IPseudonymStore store, IOptions<PseudonymOptions> options)
{
    public const int MaxRemembered = 100_000;

    private readonly byte[] _key = options.Value.KeyBytes();
    private readonly ConcurrentDictionary<string, string> _idByPseudonym = new(StringComparer.Ordinal);

    /// <summary>The pseudonym of <paramref name="id"/>, without recording it.</summary>
    public string Of(string id) => PseudonymHash.Compute(_key, id);

    /// <summary>The pseudonym of <paramref name="id"/>, recorded so that it resolves.</summary>
    public async ValueTask<string> IssueAsync(string id, CancellationToken cancellationToken)
    {
        var pseudonym = Of(id);
        if (!_idByPseudonym.ContainsKey(pseudonym))
        {
            await store.RecordAsync([new IssuedPseudonym(pseudonym, id)], cancellationToken);
            Remember(pseudonym, id);
        }

        return pseudonym;
    }

    /// <summary>Issues the pseudonyms of <paramref name="ids"/> in one write.</summary>
    public async ValueTask IssueAllAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var fresh = ids.Distinct(StringComparer.Ordinal)
            .Select(id => new IssuedPseudonym(Of(id), id))
            .Where(i => !_idByPseudonym.ContainsKey(i.Pseudonym))
            .ToList();
        await store.RecordAsync(fresh, cancellationToken);
        foreach (var issued in fresh)
        {
            Remember(issued.Pseudonym, issued.Id);
        }
    }

    /// <summary>The id that <paramref name="pseudonym"/> stands for, or null when no such pseudonym was issued.</summary>
    public async ValueTask<string?> ResolveAsync(string pseudonym, CancellationToken cancellationToken)
    {
        if (_idByPseudonym.TryGetValue(pseudonym, out var known))
        {
            return known;
        }

        if (!PseudonymHash.HasForm(pseudonym) || await store.FindIdAsync(pseudonym, cancellationToken) is not { } id || Of(id) != pseudonym)
        {
            return null;
        }

        Remember(pseudonym, id);
        return id;
    }

    /// <summary>
    /// The id that <paramref name="caller"/> means by <paramref name="named"/>: a processor names meters and households
    /// by pseudonym (null when it names none that was issued), everyone else by id.
    /// </summary>
    public ValueTask<string?> IdNamedByAsync(ClaimsPrincipal caller, string named, CancellationToken cancellationToken) =>
        caller.IsProcessor() ? ResolveAsync(named, cancellationToken) : ValueTask.FromResult<string?>(named);

    /// <summary>How <paramref name="caller"/> is shown <paramref name="id"/>: a processor its pseudonym, everyone else the id.</summary>
    public ValueTask<string> ShownToAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken) =>
        caller.IsProcessor() ? IssueAsync(id, cancellationToken) : ValueTask.FromResult(id);

    private void Remember(string pseudonym, string id)
    {
        if (_idByPseudonym.Count < MaxRemembered)
        {
            _idByPseudonym.TryAdd(pseudonym, id);
        }
    }
}
