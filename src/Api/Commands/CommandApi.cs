using MeterGrains.Gateway.Commands;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Commands;

/// <summary>
/// Commands to devices (operators): <c>POST /api/v1/meters/{meterId}/commands</c> accepts one for the meter's device
/// (202 with its id) and <c>GET /api/v1/commands/{id}</c> shows whether it was sent, acknowledged or failed.
/// </summary>
public static class CommandApi
{
    public static RouteGroupBuilder MapCommandApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("Commands");
        group.MapPost("/meters/{meterId}/commands", SubmitAsync).WithName("SendCommand");
        group.MapGet("/commands/{id}", GetAsync).WithName("GetCommand");
        return group;
    }

    /// <summary>Accepts a command: 202 with the pending command, 400 for a bad command, 404 when the meter has no registered device.</summary>
    public static async Task<Results<Accepted<CommandResponse>, ProblemHttpResult>> SubmitAsync(
        string meterId, CommandRequest request, CommandService commands, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        ArgumentNullException.ThrowIfNull(request);
        var submission = await commands.SubmitAsync(meterId, request.Name, request.Args, cancellationToken);
        return submission switch
        {
            { Command: { } command } => TypedResults.Accepted($"/api/v1/commands/{command.Id}", CommandResponse.From(command)),
            { Invalid: { } problem } => Problems.BadRequest(problem),
            _ => Problems.NotFound(submission.NoDevice!),
        };
    }

    public static async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> GetAsync(
        string id, CommandService commands, CancellationToken cancellationToken)
    {
        var command = id.Length <= 64 ? await commands.GetAsync(id, cancellationToken) : null;
        return command is null ? Problems.NotFound($"Command '{id}' does not exist.") : TypedResults.Ok(CommandResponse.From(command));
    }
}
