using MeterGrains.Exports;

namespace MeterGrains.Api.Exports;

/// <summary>The days an export run worked on, each with its files or <c>busy</c>.</summary>
public sealed record ExportRunResponse(IReadOnlyList<DayExport> Days);
