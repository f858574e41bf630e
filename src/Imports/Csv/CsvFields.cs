namespace MeterGrains.Imports.Csv;

/// <summary>The header line's delimiter and fields, as strings (data lines are split into a reused <see cref="CsvRecord"/>).</summary>
public static class CsvFields
{
    /// <summary>The delimiter of a header line: a comma, else a semicolon or a tab when the line has one.</summary>
    public static char DelimiterOf(string header) =>
        header.Contains(',') ? ',' : header.Contains(';') ? ';' : header.Contains('\t') ? '\t' : ',';

    /// <summary>Fills <paramref name="fields"/> with the fields of <paramref name="line"/>; false for an unclosed quote.</summary>
    public static bool Split(string line, char delimiter, List<string> fields)
    {
        fields.Clear();
        var record = new CsvRecord();
        if (!record.Split(line, delimiter))
        {
            return false;
        }

        for (var i = 0; i < record.Count; i++)
        {
            fields.Add(record[i].ToString());
        }

        return true;
    }
}
