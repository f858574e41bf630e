using MeterGrains.Exports;

namespace MeterGrains.Api.Exports;

/// <summary>Recorded exports, newest day first.</summary>
public sealed record ExportListResponse(IReadOnlyList<ExportRecord> Exports);
