using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>A label matcher: <c>=</c> compares the whole value, <c>=~</c> matches a fully anchored RE2-like regular expression.</summary>
public sealed record PromMatcher(string Label, bool IsRegex, string Value)
{
    private Regex? _regex;

    public bool Matches(IReadOnlyDictionary<string, string> labels, string metric)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = Label == "__name__" ? metric : labels.GetValueOrDefault(Label, "");
        if (!IsRegex)
            return string.Equals(actual, Value, StringComparison.Ordinal);
        // Prometheus anchors label regexes at both ends.
        _regex ??= new Regex("^(?:" + Value + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return _regex.IsMatch(actual);
    }
}

/// <summary>
/// The part of PromQL the First Value check uses, and nothing more: a vector selector (<c>metric{l="v", l=~"re"}</c>),
/// optionally wrapped in <c>max by (label) (...)</c>. Anything else is refused as Prometheus refuses bad queries, so a
/// client that drifts from the documented query fails in tests instead of getting an answer the real server would not give.
/// </summary>
public sealed record PromQuery(string? Metric, IReadOnlyList<PromMatcher> Matchers, string? MaxBy)
{
    /// <exception cref="FormatException">The text is not in the supported subset; the message says where.</exception>
    public static PromQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        reader.SkipSpace();
        if (reader.AtEnd)
            throw reader.Error("no expression found in input");
        string? by = null;
        var start = reader.Position;
        var first = reader.Identifier();
        PromQuery selector;
        if (first is "max" && reader.PeekWordAfterSpace("by"))
        {
            reader.SkipSpace();
            reader.Identifier();
            reader.Expect('(');
            by = reader.Identifier() ?? throw reader.Error("expected a label name in the grouping");
            reader.Expect(')');
            reader.Expect('(');
            selector = Selector(reader, reader.Identifier());
            reader.Expect(')');
        }
        else if (first is "sum" or "min" or "max" or "count" or "avg" or "rate" or "count_over_time" or "max_over_time")
        {
            throw new FormatException($"1:{start + 1}: the sandbox Prometheus understands only a selector and max by (label) (...), not {first}");
        }
        else
        {
            selector = Selector(reader, first);
        }

        reader.SkipSpace();
        if (!reader.AtEnd)
            throw reader.Error($"unexpected character '{reader.Current}'");
        return selector with { MaxBy = by };
    }

    private static PromQuery Selector(Reader reader, string? metric)
    {
        var matchers = new List<PromMatcher>();
        reader.SkipSpace();
        if (reader.TryTake('{'))
        {
            reader.SkipSpace();
            while (!reader.TryTake('}'))
            {
                var label = reader.Identifier() ?? throw reader.Error("expected a label matcher");
                reader.SkipSpace();
                bool regex;
                if (reader.TryTake("=~"))
                    regex = true;
                else if (reader.TryTake("!=") || reader.TryTake("!~"))
                    throw reader.Error("the sandbox Prometheus understands only the matchers = and =~");
                else if (reader.TryTake('='))
                    regex = false;
                else
                    throw reader.Error("expected a matcher operator");
                reader.SkipSpace();
                var value = reader.QuotedString();
                if (regex)
                {
                    try
                    {
                        _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException)
                    {
                        throw reader.Error($"invalid regular expression \"{value}\"");
                    }
                }

                matchers.Add(new PromMatcher(label, regex, value));
                reader.SkipSpace();
                if (reader.TryTake(','))
                    reader.SkipSpace();
                else if (reader.Current != '}')
                    throw reader.Error("expected , or } in the label matchers");
            }
        }

        if (metric is null && matchers.Count == 0)
            throw reader.Error("vector selector must contain at least one non-empty matcher");
        return new PromQuery(metric, matchers, null);
    }

    public bool Selects(PrometheusSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return (Metric is null || string.Equals(series.Metric, Metric, StringComparison.Ordinal))
            && Matchers.All(m => m.Matches(series.Labels, series.Metric));
    }

    private sealed class Reader(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public char Current => AtEnd ? '\0' : text[Position];

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
                Position++;
        }

        public string? Identifier()
        {
            SkipSpace();
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or ':') && !(Position == start && char.IsAsciiDigit(Current)))
                Position++;
            return Position == start ? null : text[start..Position];
        }

        public bool PeekWordAfterSpace(string word)
        {
            var i = Position;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            return string.CompareOrdinal(text, i, word, 0, word.Length) == 0
                && (i + word.Length >= text.Length || !char.IsAsciiLetterOrDigit(text[i + word.Length]));
        }

        public bool TryTake(char c)
        {
            if (Current != c || AtEnd)
                return false;
            Position++;
            return true;
        }

        public bool TryTake(string s)
        {
            if (string.CompareOrdinal(text, Position, s, 0, s.Length) != 0)
                return false;
            Position += s.Length;
            return true;
        }

        public void Expect(char c)
        {
            SkipSpace();
            if (!TryTake(c))
                throw Error(AtEnd ? $"unexpected end of input, expected '{c}'" : $"unexpected character '{Current}', expected '{c}'");
        }

        public string QuotedString()
        {
            var quote = Current;
            if (quote is not ('"' or '\''))
                throw Error("expected a quoted label value");
            Position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                    throw Error("unterminated quoted string");
                var c = text[Position++];
                if (c == quote)
                    return value.ToString();
                if (c == '\\' && !AtEnd)
                    c = text[Position++];
                value.Append(c);
            }
        }

        public FormatException Error(string what) => new($"1:{Position + 1}: parse error: {what}");
    }
}
