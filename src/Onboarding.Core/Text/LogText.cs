namespace Onboarding.Core.Text;

/// <summary>
/// Text for a workflow's log. The Actions runner takes a line whose first characters, after white space, are <c>::</c>
/// (or <c>##[</c>) as a command to itself (<c>::add-mask::</c>, <c>::error::</c>, <c>::stop-commands::</c>). Reports quote
/// what others wrote (issue bodies and templates in a diff, a service's words in a note), so no line of them may start so.
/// </summary>
public static class LogText
{
    /// <summary><paramref name="text"/> with every line that would be a workflow command made plain (<c>: :</c> and <c># #[</c> read the same).</summary>
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("::", StringComparison.Ordinal) && !text.Contains("##[", StringComparison.Ordinal))
            return text;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = line.Length - line.TrimStart().Length;
            if (line.AsSpan(start).StartsWith("::", StringComparison.Ordinal))
                lines[i] = string.Concat(line.AsSpan(0, start), ": :", line.AsSpan(start + 2));
            else if (line.AsSpan(start).StartsWith("##[", StringComparison.Ordinal))
                lines[i] = string.Concat(line.AsSpan(0, start), "# #[", line.AsSpan(start + 3));
        }

        return string.Join('\n', lines);
    }
}
