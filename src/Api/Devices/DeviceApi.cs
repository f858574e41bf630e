using MeterGrains.Gateway.Devices;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Devices;

/// <summary>
/// The device registry, <c>/api/v1/devices</c> (operators): register a device and get its MQTT credentials once, read
/// it back without the secret, issue a new password, or revoke it.
/// </summary>
public static class DeviceApi
{
    public static RouteGroupBuilder MapDeviceApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/devices").WithTags("Devices");
        group.MapPost("/", RegisterAsync).WithName("RegisterDevice");
        group.MapGet("/{deviceId}", GetAsync).WithName("GetDevice");
        group.MapPost("/{deviceId}/credentials", RotateAsync).WithName("RotateDeviceCredentials");
        group.MapDelete("/{deviceId}", RevokeAsync).WithName("RevokeDevice");
        return group;
    }

    /// <summary>Registers a device: 201 with its credentials (the only time the password is shown), 409 when it or a meter is taken.</summary>
    public static async Task<Results<Created<DeviceCredentialsResponse>, ProblemHttpResult>> RegisterAsync(
        DeviceRequest request, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (DeviceFamilyNames.Parse(request.Family) is not { } family)
        {
            return Problems.BadRequest(
                $"family must be {DeviceFamilyNames.Generic}, {DeviceFamilyNames.ShellyGen1} or {DeviceFamilyNames.ShellyGen2} (is '{request.Family}')");
        }

        var meters = request.Meters ?? [];
        if (DeviceRules.Explain(request.DeviceId, family, meters) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var (issued, conflict) = await registry.RegisterAsync(request.DeviceId!, family, [.. meters.Select(static m => m!)], cancellationToken);
        return issued is null
            ? Problems.Conflict(conflict!)
            : TypedResults.Created($"/api/v1/devices/{issued.Username}", DeviceCredentialsResponse.From(issued));
    }

    public static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> GetAsync(
        string deviceId, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (Explain(deviceId) is { } invalid)
        {
            return invalid;
        }

        var device = await registry.GetAsync(deviceId, cancellationToken);
        return device is null ? NotRegistered(deviceId) : TypedResults.Ok(DeviceResponse.From(device));
    }

    /// <summary>Issues a new password; the old one stops working and the device's connections here are closed.</summary>
    public static async Task<Results<Ok<DeviceCredentialsResponse>, ProblemHttpResult>> RotateAsync(
        string deviceId, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (Explain(deviceId) is { } invalid)
        {
            return invalid;
        }

        var issued = await registry.RotateAsync(deviceId, cancellationToken);
        return issued is null ? NotRegistered(deviceId) : TypedResults.Ok(DeviceCredentialsResponse.From(issued));
    }

    /// <summary>Removes the device: it can no longer connect, and its connections here are closed.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string deviceId, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (Explain(deviceId) is { } invalid)
        {
            return invalid;
        }

        return await registry.RevokeAsync(deviceId, cancellationToken) ? TypedResults.NoContent() : NotRegistered(deviceId);
    }

    private static ProblemHttpResult? Explain(string deviceId) =>
        MeterIds.Explain(deviceId) is { } problem ? Problems.BadRequest(problem.Replace("meterId", "deviceId", StringComparison.Ordinal)) : null;

    private static ProblemHttpResult NotRegistered(string deviceId) => Problems.NotFound($"Device '{deviceId}' is not registered.");
}
