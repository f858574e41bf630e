namespace MeterGrains.Integration.Tests.Security;

/// <summary>The HTTP status each caller must get from one request.</summary>
public sealed record Expect(int Operator, int Processor, int ResidentOwn, int ResidentOther, int Unauthenticated)
{
    /// <summary>Operators only: everyone else with valid credentials gets 403.</summary>
    public static Expect OperatorOnly(int status) => new(status, 403, 403, 403, 401);

    /// <summary>Operators and the resident of the household the request is about.</summary>
    public static Expect OperatorAndOwnResident(int status) => new(status, 403, status, 403, 401);

    /// <summary>Any authenticated caller.</summary>
    public static Expect AnyCaller(int status) => new(status, status, status, status, 401);

    /// <summary>Open: credentials, valid or not, make no difference.</summary>
    public static Expect Open(int status) => new(status, status, status, status, status);

    /// <summary>
    /// A read of a meter or household by its real id: operators and the own resident, and 404 for a processor, who names
    /// things by pseudonym only (a real id is no pseudonym it was shown).
    /// </summary>
    public static Expect ReadByRealId(int status) => new(status, 404, status, 403, 401);

    /// <summary>The same read by the thing's pseudonym: only a processor knows it by that name.</summary>
    public static Expect ReadByPseudonym(int status) => new(404, status, 403, 403, 401);

    /// <summary>An id nobody knows: 404 for the operator and the processor, 403 for residents (it is not theirs).</summary>
    public static Expect UnknownToOperator() => new(404, 404, 403, 403, 401);

    public int For(Caller caller) => caller switch
    {
        Caller.Operator => Operator,
        Caller.Processor => Processor,
        Caller.ResidentOwn => ResidentOwn,
        Caller.ResidentOther => ResidentOther,
        _ => Unauthenticated,
    };
}
