namespace MeterGrains.Integration.Tests.Security;

/// <summary>
/// Who calls in the authorization walk, in the order each endpoint is called: refused callers first, so that the
/// operator's write is the one that takes effect.
/// </summary>
public enum Caller
{
    /// <summary>No credentials at all.</summary>
    None,

    /// <summary>An <c>X-Api-Key</c> that is not configured.</summary>
    InvalidKey,

    /// <summary>A well-formed bearer JWT signed with another key.</summary>
    InvalidToken,

    /// <summary>The processor's API key.</summary>
    Processor,

    /// <summary>A bearer JWT of a resident of another household.</summary>
    ResidentOther,

    /// <summary>A bearer JWT of a resident of the household the request is about.</summary>
    ResidentOwn,

    /// <summary>The operator's API key.</summary>
    Operator,
}
