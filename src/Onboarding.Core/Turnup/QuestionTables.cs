using System.Text.RegularExpressions;
using Onboarding.Core.Text;

namespace Onboarding.Core.Turnup;

/// <summary>
/// Finds the Question | Answer | Notes tables in a template's Markdown and fills in the rows it has answers for,
/// leaving every other byte as the template has it. Columns are found by their header, rows by their Question text.
/// </summary>
internal static partial class QuestionTables
{
    /// <summary>The text a reader sees of a question: link addresses, code marks and extra spaces left out, so a
    /// mapping keeps matching when a template reformats a question.</summary>
    public static string Visible(string question)
    {
        var text = MarkdownLink().Replace(question, "$1").Replace("`", "", StringComparison.Ordinal);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A lookup by visible question text, whatever the case.</summary>
    public static Dictionary<string, TableAnswer> Lookup(IReadOnlyDictionary<string, TableAnswer> answers)
    {
        var lookup = new Dictionary<string, TableAnswer>(StringComparer.OrdinalIgnoreCase);
        foreach (var (question, answer) in answers)
        {
            if (!lookup.TryAdd(Visible(question), answer))
                throw new ArgumentException($"Two answers are given for the question \"{Visible(question)}\".", nameof(answers));
        }

        return lookup;
    }

    /// <summary>The text with the rows of its question tables answered where <paramref name="lookup"/> has an answer;
    /// the visible text of every question left unanswered goes to <paramref name="unanswered"/>.</summary>
    public static string Fill(string text, Dictionary<string, TableAnswer> lookup, Action<string> unanswered)
    {
        var lines = text.Split('\n');
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence(lines[i], ref fence) || fence is not null)
                continue;
            if (i + 1 >= lines.Length || !IsRow(lines[i]) || !IsDelimiter(lines[i + 1]))
                continue;

            var header = Cells(lines[i]);
            if (header.Count != Cells(lines[i + 1]).Count)
                continue;
            var question = Column(header, "Question");
            var answer = Column(header, "Answer");
            var notes = Column(header, "Notes");
            var row = i + 2;
            for (; row < lines.Length && IsRow(lines[row]); row++)
            {
                if (question < 0 || answer < 0)
                    continue;
                var cells = Cells(lines[row]);
                var asked = question < cells.Count ? Visible(cells[question]) : "";
                if (asked.Length == 0)
                    continue;
                if (lookup.TryGetValue(asked, out var given) && !given.Answer.IsEmpty)
                    lines[row] = Answered(cells, header.Count, answer, notes, given);
                else
                    unanswered(asked);
            }

            i = row - 1;
        }

        return string.Join('\n', lines);
    }

    private static string Answered(List<string> cells, int columns, int answer, int notes, TableAnswer given)
    {
        while (cells.Count < columns)
            cells.Add("");
        var said = given.Assumed
            ? CellText.Join("; ", [CellText.Text(TurnupRenderer.AssumedNote), given.Notes])
            : given.Notes;
        cells[answer] = given.Answer.Markdown;
        if (notes >= 0 && !said.IsEmpty)
            cells[notes] = said.Markdown;
        else if (notes < 0 && given.Assumed)
            cells[answer] += " (" + MarkdownText.Cell(TurnupRenderer.AssumedNote) + ")";
        return "|" + string.Concat(cells.Select(c => c.Length == 0 ? " |" : $" {c} |"));
    }

    /// <summary>Tracks fenced code blocks (<c>```</c> or <c>~~~</c>), in which a table is only text.</summary>
    /// <returns>Whether the line opened or closed a fence.</returns>
    private static bool Fence(string line, ref string? fence)
    {
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3)
            return false;
        if (fence is not null)
        {
            if (!trimmed.StartsWith(fence, StringComparison.Ordinal) || trimmed.TrimEnd().Trim(fence[0]).Length != 0)
                return false;
            fence = null;
            return true;
        }

        var mark = trimmed.StartsWith("```", StringComparison.Ordinal) ? '`' : trimmed.StartsWith("~~~", StringComparison.Ordinal) ? '~' : '\0';
        if (mark == '\0')
            return false;
        fence = new string(mark, trimmed.Length - trimmed.TrimStart(mark).Length);
        return true;
    }

    /// <summary>A table line: not blank, not indented as code, with a cell separator.</summary>
    private static bool IsRow(string line) =>
        line.Trim().Length > 0 && line.Length - line.TrimStart(' ').Length < 4 && !line.StartsWith('\t') && line.Contains('|', StringComparison.Ordinal);

    private static bool IsDelimiter(string line) =>
        IsRow(line) && Cells(line) is { Count: > 0 } cells && cells.All(c => DelimiterCell().IsMatch(c));

    private static int Column(List<string> header, string name) =>
        header.FindIndex(h => string.Equals(Visible(h), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A row's cells, trimmed; a pipe escaped with a backslash stays inside its cell, as on GitHub.</summary>
    private static List<string> Cells(string line)
    {
        var text = line.Trim();
        if (text.StartsWith('|'))
            text = text[1..];
        if (text.EndsWith('|') && !text.EndsWith("\\|", StringComparison.Ordinal))
            text = text[..^1];

        var cells = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == '|')
            {
                cells.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        cells.Add(text[start..].Trim());
        return cells;
    }

    // Templates come from another repository: NonBacktracking bounds the time by the text's length.
    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("^:?-+:?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DelimiterCell();
}
