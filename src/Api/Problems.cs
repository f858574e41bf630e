using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MeterGrains.Api;

/// <summary>RFC 7807 problem details with a clear detail, for the typed results of the endpoints.</summary>
internal static class Problems
{
    public static ProblemDetails BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemDetails NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    private static ProblemDetails Create(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{status % 100 + 1}",
    };
}
