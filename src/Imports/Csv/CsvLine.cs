namespace MeterGrains.Imports.Csv;

/// <summary>One line of an upload: its 1-based number and text, or <see cref="TooLong"/> when it was cut off unread.</summary>
public readonly record struct CsvLine(long Number, string Text, bool TooLong);
