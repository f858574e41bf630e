namespace MeterGrains.Imports.Csv;

/// <summary>Splits one CSV line into fields: RFC 4180 quoting ("a, b" and "" for a quote) within the line, fields trimmed.</summary>
public static class CsvFields
{
    /// <summary>The delimiter of a header line: a comma, else a semicolon or a tab when the line has one.</summary>
    public static char DelimiterOf(string header) =>
        header.Contains(',') ? ',' : header.Contains(';') ? ';' : header.Contains('\t') ? '\t' : ',';

    /// <summary>Fills <paramref name="fields"/> with the fields of <paramref name="line"/>; false for an unclosed quote.</summary>
    public static bool Split(string line, char delimiter, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text.Append(line[i++]);
                }

                fields.Add(text.ToString());
                var next = line.IndexOf(delimiter, i);
                if (next < 0)
                {
                    return true;
                }

                i = next + 1;
                continue;
            }

            var end = line.IndexOf(delimiter, i);
            fields.Add((end < 0 ? line[i..] : line[i..end]).Trim());
            if (end < 0)
            {
                return true;
            }

            i = end + 1;
        }
    }
}
