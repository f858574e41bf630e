using System.Net.Http.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MeterGrains.Grpc.V1;
using MeterGrains.Integration.Tests.Infrastructure;
using F = MeterGrains.Integration.Tests.Security.WalkSiloFixture;

namespace MeterGrains.Integration.Tests.Security;

/// <summary>
/// What every routed endpoint and hub method must answer to each <see cref="Caller"/>. A route without a case here
/// fails <see cref="AuthorizationWalkTests"/>: whoever adds an endpoint (REST, gRPC, hub method) writes down who may
/// call it. Writes by refused callers must not take effect, so one operator call per write is the only one that does.
/// </summary>
internal static class EndpointExpectations
{
    /// <summary>One request to a REST endpoint (pattern as routed) and the status each caller must get.</summary>
    public sealed record RestCase(string Method, string Pattern, string Path, Func<HttpContent?> Body, Expect Expect)
    {
        public string Key => $"{Method} {Pattern}";
    }

    /// <summary>One call of a hub method and its outcome per caller (callers without valid credentials cannot connect).</summary>
    public sealed record HubCase(string Method, object[] Arguments, HubOutcome Operator, HubOutcome Processor, HubOutcome ResidentOwn, HubOutcome ResidentOther)
    {
        public HubOutcome For(Caller caller) => caller switch
        {
            Caller.Operator => Operator,
            Caller.Processor => Processor,
            Caller.ResidentOwn => ResidentOwn,
            Caller.ResidentOther => ResidentOther,
            _ => HubOutcome.Unauthorized,
        };
    }

    /// <summary>One gRPC call (path <c>/{service}/{method}</c>, one serialized request message) and its status per caller.</summary>
    public sealed record GrpcCase(
        string Path, byte[] Request, StatusCode Operator, StatusCode Processor, StatusCode ResidentOwn, StatusCode ResidentOther, StatusCode Unauthenticated)
    {
        public StatusCode For(Caller caller) => caller switch
        {
            Caller.Operator => Operator,
            Caller.Processor => Processor,
            Caller.ResidentOwn => ResidentOwn,
            Caller.ResidentOther => ResidentOther,
            _ => Unauthenticated,
        };
    }

    public enum HubOutcome
    {
        /// <summary>The invocation completes.</summary>
        Ok,

        /// <summary>The invocation fails with a hub error (the caller may not see it); nothing is sent.</summary>
        Refused,

        /// <summary>The connection is refused with 401.</summary>
        Unauthorized,
    }

    /// <summary>Endpoints the framework adds that belong to no API: gRPC's answers for unknown services and methods.</summary>
    public static bool IsFrameworkFallback(RoutedEndpoint endpoint) =>
        endpoint.DisplayName.StartsWith("gRPC - Unimplemented", StringComparison.Ordinal);

    public static IReadOnlyList<RestCase> Rest(WalkSiloFixture f)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        static HttpContent? None() => null;
        return
        [
            // Health probes and the contract are open.
            new("GET", "/health/startup", "/health/startup", None, Expect.Open(200)),
            new("GET", "/health/ready", "/health/ready", None, Expect.Open(200)),
            new("GET", "/health/live", "/health/live", None, Expect.Open(200)),
            new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", None, Expect.Open(200)),
            new("GET", "/metrics", "/metrics", None, Expect.Open(200)),
            // The dashboard's redirect, followed to the (public) page.
            new("GET", "/", "/", None, Expect.Open(200)),

            new("GET", "/api/v1/meters/{meterId}", $"/api/v1/meters/{F.OwnMeter}", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/meters/{meterId}", $"/api/v1/meters/{TestPseudonyms.Of(F.OwnMeter)}", None, Expect.ReadByPseudonym(200)),
            new("GET", "/api/v1/meters/{meterId}", $"/api/v1/meters/{F.Unknown}", None, Expect.UnknownToOperator()),
            new("GET", "/api/v1/meters/{meterId}/energy", $"/api/v1/meters/{F.OwnMeter}/energy", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/meters/{meterId}/energy", $"/api/v1/meters/{TestPseudonyms.Of(F.OwnMeter)}/energy", None, Expect.ReadByPseudonym(200)),
            new("GET", "/api/v1/meters/{meterId}/readings", $"/api/v1/meters/{F.OwnMeter}/readings", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/meters/{meterId}/readings", $"/api/v1/meters/{TestPseudonyms.Of(F.OwnMeter)}/readings", None, Expect.ReadByPseudonym(200)),
            // Forecasts from the own meter's imported history (WalkSiloFixture); the household's is its one grid meter's.
            new("GET", "/api/v1/meters/{meterId}/forecast", $"/api/v1/meters/{F.OwnMeter}/forecast", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/meters/{meterId}/forecast", $"/api/v1/meters/{TestPseudonyms.Of(F.OwnMeter)}/forecast", None, Expect.ReadByPseudonym(200)),
            new("POST", "/api/v1/imports/csv", $"/api/v1/imports/csv?meterId={F.OwnMeter}-import",
                () => new StringContent("ts,importPowerW\n2026-10-01T00:00:00Z,100\n", System.Text.Encoding.UTF8, "text/csv"), Expect.OperatorOnly(200)),
            new("POST", "/api/v1/meters/{meterId}/readings", $"/api/v1/meters/{F.OwnMeter}/readings",
                () => F.Json($$"""{"ts":"{{now:O}}","importPowerW":300}"""), Expect.OperatorOnly(200)),

            new("PUT", "/api/v1/households/{householdId}", $"/api/v1/households/{F.OwnHousehold}",
                () => JsonContent.Create(F.Household(F.OwnMeter)), Expect.OperatorOnly(200)),
            // The directory: operators (ids) and processing apps (pseudonyms); a resident has its one household.
            new("GET", "/api/v1/households", "/api/v1/households", None, new Expect(200, 200, 403, 403, 401)),
            new("GET", "/api/v1/households/{householdId}", $"/api/v1/households/{F.OwnHousehold}", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/households/{householdId}", $"/api/v1/households/{TestPseudonyms.Of(F.OwnHousehold)}", None, Expect.ReadByPseudonym(200)),
            new("GET", "/api/v1/households/{householdId}", $"/api/v1/households/{F.Unknown}", None, Expect.UnknownToOperator()),
            new("GET", "/api/v1/households/{householdId}/energy", $"/api/v1/households/{F.OwnHousehold}/energy", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/households/{householdId}/energy", $"/api/v1/households/{TestPseudonyms.Of(F.OwnHousehold)}/energy", None, Expect.ReadByPseudonym(200)),
            new("GET", "/api/v1/households/{householdId}/forecast", $"/api/v1/households/{F.OwnHousehold}/forecast", None, Expect.ReadByRealId(200)),
            new("GET", "/api/v1/households/{householdId}/forecast", $"/api/v1/households/{TestPseudonyms.Of(F.OwnHousehold)}/forecast", None, Expect.ReadByPseudonym(200)),
            new("GET", "/api/v1/households/{householdId}/forecast", $"/api/v1/households/{F.Unknown}/forecast", None, Expect.UnknownToOperator()),

            // Preferences: the household's own business; processors have no say.
            new("PUT", "/api/v1/households/{householdId}/preferences", $"/api/v1/households/{F.OwnHousehold}/preferences",
                () => F.Json("""{"tariff":{"currency":"EUR","importPerKwh":0.3,"exportPerKwh":0.1}}"""), Expect.OperatorAndOwnResident(200)),
            new("GET", "/api/v1/households/{householdId}/preferences", $"/api/v1/households/{F.OwnHousehold}/preferences", None, Expect.OperatorAndOwnResident(200)),

            // Processing apps post results by pseudonym; a real id is unknown to them.
            new("POST", "/api/v1/analytics/results", "/api/v1/analytics/results",
                () => F.Json($$"""{"kind":"anomaly","payload":{"score":4.2},"subject":"{{F.OwnMeter}}","from":"{{now.AddHours(-1):O}}","to":"{{now:O}}"}"""),
                new Expect(201, 404, 403, 403, 401)),
            new("POST", "/api/v1/analytics/results", "/api/v1/analytics/results",
                () => F.Json($$"""{"kind":"anomaly","payload":{"score":4.2},"subject":"{{TestPseudonyms.Of(F.OwnMeter)}}","from":"{{now.AddHours(-1):O}}","to":"{{now:O}}"}"""),
                new Expect(201, 201, 403, 403, 401)), // operators may name a pseudonym too
            new("GET", "/api/v1/analytics/results", "/api/v1/analytics/results", None, new Expect(200, 200, 403, 403, 401)),

            // Cohorts are aggregates (suppressed below k): operators and processing apps; residents are refused.
            new("GET", "/api/v1/cohorts/energy", "/api/v1/cohorts/energy", None, new Expect(200, 200, 403, 403, 401)),

            new("GET", "/api/v1/alerts", "/api/v1/alerts", None, Expect.OperatorOnly(200)),
            new("GET", "/api/v1/ingest/dead-letters", "/api/v1/ingest/dead-letters", None, Expect.OperatorOnly(200)),
            new("GET", "/api/v1/gateways", "/api/v1/gateways", None, Expect.AnyCaller(200)),
            new("GET", "/api/v1/audit", "/api/v1/audit", None, Expect.OperatorOnly(200)),
            // Exports hold every meter's raw data: operators only. Without a date, the due days (none on a fresh database).
            new("POST", "/api/v1/exports/run", "/api/v1/exports/run", None, Expect.OperatorOnly(200)),
            new("GET", "/api/v1/exports", "/api/v1/exports", None, Expect.OperatorOnly(200)),

            new("POST", "/api/v1/devices", "/api/v1/devices",
                () => JsonContent.Create(new { deviceId = F.NewDevice, family = "shelly-gen2" }), Expect.OperatorOnly(201)),
            new("GET", "/api/v1/devices/{deviceId}", $"/api/v1/devices/{F.Device}", None, Expect.OperatorOnly(200)),
            new("GET", "/api/v1/devices/{deviceId}", $"/api/v1/devices/{F.Unknown}", None, Expect.OperatorOnly(404)),
            new("POST", "/api/v1/devices/{deviceId}/credentials", $"/api/v1/devices/{F.Device}/credentials", None, Expect.OperatorOnly(200)),
            new("DELETE", "/api/v1/devices/{deviceId}", $"/api/v1/devices/{F.DeviceToRevoke}", None, Expect.OperatorOnly(204)),

            new("POST", "/api/v1/meters/{meterId}/commands", $"/api/v1/meters/{F.Device}/commands",
                () => F.Json("""{"name":"relay","args":{"channel":0,"on":false}}"""), Expect.OperatorOnly(202)),
            new("GET", "/api/v1/commands/{id}", $"/api/v1/commands/{f.CommandId}", None, Expect.OperatorOnly(200)),
            new("GET", "/api/v1/commands/{id}", $"/api/v1/commands/{Guid.NewGuid():N}", None, Expect.OperatorOnly(404)),
        ];
    }

    public static IReadOnlyList<HubCase> LiveHub() =>
    [
        new("SubscribeMeter", [F.OwnMeter], HubOutcome.Ok, HubOutcome.Refused, HubOutcome.Ok, HubOutcome.Refused),
        new("UnsubscribeMeter", [F.OwnMeter], HubOutcome.Ok, HubOutcome.Ok, HubOutcome.Ok, HubOutcome.Ok),
        new("SubscribeHousehold", [F.OwnHousehold], HubOutcome.Ok, HubOutcome.Refused, HubOutcome.Ok, HubOutcome.Refused),
        new("UnsubscribeHousehold", [F.OwnHousehold], HubOutcome.Ok, HubOutcome.Ok, HubOutcome.Ok, HubOutcome.Ok),
    ];

    public static IReadOnlyList<GrpcCase> GrpcMethods() =>
    [
        // Probes carry no credentials; an empty request asks about the whole server.
        new("/grpc.health.v1.Health/Check", [], StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK),
        new("/grpc.health.v1.Health/Watch", [], StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK),

        // Meters by real id: operators and the own resident; a processor knows only pseudonyms (NotFound).
        new("/metergrains.v1.Meters/GetMeter", new GetMeterRequest { MeterId = F.OwnMeter }.ToByteArray(),
            StatusCode.OK, StatusCode.NotFound, StatusCode.OK, StatusCode.PermissionDenied, StatusCode.Unauthenticated),
        new("/metergrains.v1.Meters/QueryBuckets", new QueryBucketsRequest { MeterId = F.OwnMeter }.ToByteArray(),
            StatusCode.OK, StatusCode.NotFound, StatusCode.OK, StatusCode.PermissionDenied, StatusCode.Unauthenticated),
        new("/metergrains.v1.Meters/StreamReadings", new StreamReadingsRequest { MeterId = F.OwnMeter }.ToByteArray(),
            StatusCode.OK, StatusCode.NotFound, StatusCode.OK, StatusCode.PermissionDenied, StatusCode.Unauthenticated),

        // Results: operators and processors; a result naming what the caller cannot name is rejected in the answer, not by status.
        new("/metergrains.v1.Analytics/PublishResults", new AnalyticsResult
            {
                Kind = "anomaly",
                Subject = TestPseudonyms.Of(F.OwnMeter),
                From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
                To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            }.ToByteArray(),
            StatusCode.OK, StatusCode.OK, StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.Unauthenticated),
    ];
}
