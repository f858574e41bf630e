namespace MeterGrains.Gateway.Commands;

/// <summary>The outcome of <see cref="CommandService.SubmitAsync"/>: the stored command, or why there is none.</summary>
/// <param name="Command">The pending command, when accepted.</param>
/// <param name="Invalid">Why the request is malformed (400).</param>
/// <param name="NoDevice">Why the meter cannot be reached (404: no registered device).</param>
public sealed record CommandSubmission(StoredCommand? Command, string? Invalid, string? NoDevice);
