namespace MeterGrains.Api.Privacy;

/// <summary>The pseudonyms issued so far, so that what a processing app names can be mapped back to an id.</summary>
public interface IPseudonymStore
{
    /// <summary>Records pseudonyms; recording one again is harmless.</summary>
    Task RecordAsync(IReadOnlyCollection<IssuedPseudonym> issued, CancellationToken cancellationToken);

    /// <summary>The id recorded for <paramref name="pseudonym"/>, or null when it was never issued.</summary>
    Task<string?> FindIdAsync(string pseudonym, CancellationToken cancellationToken);
}
