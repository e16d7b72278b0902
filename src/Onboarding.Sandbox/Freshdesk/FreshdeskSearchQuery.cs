using System.Globalization;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// The ticket search language: the whole query wrapped in double quotes, terms <c>field:value</c> with string values
/// in single quotes (<c>tag:'x'</c>), numbers bare (<c>status:2</c>), dates compared with <c>:&gt;</c> and <c>:&lt;</c>,
/// combined with AND / OR and parentheses.
/// </summary>
internal sealed class FreshdeskSearchQuery
{
    private const int MaxLength = 512;
    private static readonly string[] DateFields = ["created_at", "updated_at", "due_by", "fr_due_by"];
    private static readonly string[] NumberFields = ["status", "priority", "group_id", "agent_id"];

    private readonly string _text;
    private readonly IReadOnlyCollection<string> _customFields;
    private int _position;

    private FreshdeskSearchQuery(string text, IReadOnlyCollection<string> customFields)
    {
        _text = text;
        _customFields = customFields;
    }

    /// <summary>Parses the raw <c>query</c> parameter (still in its double quotes) into a ticket predicate.</summary>
    public static Func<TicketRecord, bool> Parse(string? raw, IReadOnlyCollection<string> customFields)
    {
        if (string.IsNullOrEmpty(raw))
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("query", "It should be a/an String", "missing_field"));
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
            throw Invalid("It should be a string enclosed in double quotes");
        if (raw.Length > MaxLength)
            throw Invalid($"It should have at most {MaxLength} characters");
        var parser = new FreshdeskSearchQuery(raw[1..^1], customFields);
        var predicate = parser.ParseOr();
        parser.SkipSpaces();
        if (parser._position != parser._text.Length)
            throw Invalid($"Unexpected text at position {parser._position + 1}");
        return predicate;
    }

    private static FreshdeskProblem Invalid(string message) =>
        FreshdeskProblem.Validation(new FreshdeskFieldError("query", message, "invalid_value"));

    private Func<TicketRecord, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("OR"))
        {
            var l = left;
            var right = ParseAnd();
            left = t => l(t) || right(t);
        }

        return left;
    }

    private Func<TicketRecord, bool> ParseAnd()
    {
        var left = ParsePrimary();
        while (TryKeyword("AND"))
        {
            var l = left;
            var right = ParsePrimary();
            left = t => l(t) && right(t);
        }

        return left;
    }

    private Func<TicketRecord, bool> ParsePrimary()
    {
        SkipSpaces();
        if (Peek() == '(')
        {
            _position++;
            var inner = ParseOr();
            SkipSpaces();
            if (Peek() != ')')
                throw Invalid("A parenthesis is not closed");
            _position++;
            return inner;
        }

        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            _position++;
        var field = _text[start.._position];
        if (field.Length == 0 || Peek() != ':')
            throw Invalid($"Expected field:value at position {start + 1}");
        _position++;
        var comparison = '=';
        if (Peek() is '>' or '<')
            comparison = _text[_position++];
        var value = ParseValue();
        return Term(field, comparison, value);
    }

    private object? ParseValue()
    {
        if (Peek() == '\'')
        {
            var end = _text.IndexOf('\'', _position + 1);
            if (end < 0)
                throw Invalid("A quoted value is not closed");
            var text = _text[(_position + 1)..end];
            _position = end + 1;
            return text;
        }

        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '-' or '.'))
            _position++;
        var word = _text[start.._position];
        if (word == "null")
            return null;
        if (word is "true" or "false")
            return word == "true";
        if (long.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            return number;
        throw Invalid($"Expected a value at position {start + 1}");
    }

    private Func<TicketRecord, bool> Term(string field, char comparison, object? value)
    {
        if (DateFields.Contains(field))
            return DateTerm(field, comparison, value);
        if (comparison != '=')
            throw Invalid($"'{field}' cannot be compared with > or <");
        if (field == "tag")
        {
            if (value is null)
                return t => t.Tags.Count == 0;
            if (value is not string tag)
                throw Invalid("tag should be a string in single quotes");
            return t => t.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
        }

        if (field == "type")
        {
            var type = value as string;
            if (value is not null && type is null)
                throw Invalid("type should be a string in single quotes");
            return t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase);
        }

        if (NumberFields.Contains(field))
        {
            if (value is not null and not long)
                throw Invalid($"{field} should be a number");
            var number = (long?)value;
            return field switch
            {
                "status" => t => t.Status == number,
                "priority" => t => t.Priority == number,
                "group_id" => t => t.GroupId == number,
                _ => t => t.ResponderId == number,
            };
        }

        if (_customFields.Contains(field))
        {
            return t => t.CustomFields.TryGetValue(field, out var node)
                ? value is null ? node is null : string.Equals(node?.ToString(), Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)
                : value is null;
        }

        throw FreshdeskProblem.Validation(new FreshdeskFieldError("query", $"'{field}' is not a searchable ticket field", "invalid_field"));
    }

    private static Func<TicketRecord, bool> DateTerm(string field, char comparison, object? value)
    {
        if (value is not string text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw Invalid($"{field} should be a date in single quotes like '2017-10-30'");
        Func<TicketRecord, DateTimeOffset?> read = field switch
        {
            "created_at" => t => t.CreatedAt,
            "updated_at" => t => t.UpdatedAt,
            "due_by" => t => t.DueBy,
            _ => t => t.FrDueBy,
        };
        return t => read(t) is { } at && (comparison switch
        {
            '>' => DateOnly.FromDateTime(at.UtcDateTime) >= date,
            '<' => DateOnly.FromDateTime(at.UtcDateTime) <= date,
            _ => DateOnly.FromDateTime(at.UtcDateTime) == date,
        });
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) != 0)
            return false;
        var after = _position + keyword.Length;
        if (after < _text.Length && !char.IsWhiteSpace(_text[after]) && _text[after] != '(')
            return false;
        _position = after;
        return true;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    internal void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
    }
}
