using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Onboarding.Core.Manifests;

/// <summary>
/// Reads a manifest's bytes into a located <see cref="YamlMapping"/>, refusing what a manifest never needs and an
/// attacker might use: huge or binary files, several documents, anchors and aliases (alias bombs), tags, duplicate
/// keys, deep nesting. Every refusal is a located <see cref="Problem"/>; nothing throws.
/// </summary>
public static class YamlReader
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDepth = 20;

    public static (YamlMapping? Root, IReadOnlyList<Problem> Problems) Read(SourceFile file)
    {
        var problems = new List<Problem>();
        if (file.Length > MaxBytes)
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                $"The file is {Kib(file.Length)} KiB; a manifest may be at most {MaxBytes / 1024} KiB. Is this the right file?"));
            return (null, problems);
        }

        var text = Decode(file, problems);
        if (text is null)
            return (null, problems);

        var reader = new TreeBuilder(file.Path, problems);
        YamlNode? root;
        try
        {
            root = reader.ReadStream(text);
        }
        catch (YamlException e)
        {
            var location = e.Message.Contains("tab", StringComparison.Ordinal) && FirstTabIndent(text) is { } tab
                ? tab
                : ToLocation(e.End.Line > e.Start.Line ? e.End : e.Start);
            problems.Add(Problem.Error(file.Path, WithinText(location, text), "", SyntaxSentence(e)));
            return (null, problems);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner occasionally fails this way on malformed flow collections, and its parser throws
            // ArgumentException for a verbatim tag that is not a URI (!<tag:x[[>); the last event it produced is the
            // best location we have.
            problems.Add(Problem.Error(file.Path, WithinText(reader.LastLocation, text), "",
                "The YAML is not well-formed after this point. Check brackets, quotes and indentation from here on."));
            return (null, problems);
        }

        if (root is null)
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                "The file is empty. A manifest needs at least name, long_name, representatives, deals and hubs."));
            return (null, problems);
        }

        if (root is not YamlMapping mapping)
        {
            problems.Add(Problem.Error(file.Path, WithinText(root.Location, text), "",
                "The file must be a list of fields such as \"name: tidepool\", one per line, not a single value or a list."));
            return (null, problems);
        }

        return (mapping, problems);
    }

    private static string? Decode(SourceFile file, List<Problem> problems)
    {
        var bytes = file.Content.AsSpan();
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                "The file is saved as UTF-16; save it as UTF-8 (the usual setting of every editor)."));
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];

        // The common case, checked fast; the slow walk below only runs to locate a bad byte.
        if (System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0))
            return Encoding.UTF8.GetString(bytes);

        var line = 1;
        var column = 1;
        var index = 0;
        while (index < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[index..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                problems.Add(Problem.Error(file.Path, new SourceLocation(line, column), "",
                    "The file is not UTF-8 text here (an invalid byte); save it as UTF-8."));
                return null;
            }

            if (rune.Value == 0)
            {
                problems.Add(Problem.Error(file.Path, new SourceLocation(line, column), "",
                    "The file contains binary data (a NUL byte); a manifest is a text file."));
                return null;
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            index += consumed;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>YamlDotNet reports the end of the file one line past the last; a location never goes past the last line.</summary>
    private static SourceLocation WithinText(SourceLocation location, string text)
    {
        var lines = LineCount(text);
        return location.Line <= lines ? location : new SourceLocation(lines, 1);
    }

    /// <summary>Lines as YAML counts them: CRLF, a lone CR or LF, NEL, LS and PS each end one.</summary>
    public static int LineCount(string text)
    {
        var lines = 1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\r':
                    lines++;
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    break;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    lines++;
                    break;
            }
        }

        return lines;
    }

    /// <summary>YamlDotNet reports a tab in indentation at the enclosing mapping; the tab itself is more helpful.</summary>
    private static SourceLocation? FirstTabIndent(string text)
    {
        var line = 1;
        foreach (var row in text.Split('\n'))
        {
            var indent = row.Length - row.TrimStart(' ', '\t').Length;
            var tab = row.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
                return new SourceLocation(line, tab + 1);
            line++;
        }

        return null;
    }

    private static string Kib(long length) => Math.Ceiling(length / 1024.0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static SourceLocation ToLocation(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string SyntaxSentence(YamlException e)
    {
        // YamlDotNet's messages start with "(Line: 3, Col: 1, Idx: ...) - (...): ". The location is reported apart.
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (cut >= 0)
            message = message[(cut + 3)..];
        message = message.Trim().TrimEnd('.');
        return $"The YAML is not well-formed here: {message}. Check the indentation and quoting on this line and the one before.";
    }

    /// <summary>Builds the tree from parser events, depth-first with a depth bound.</summary>
    private sealed class TreeBuilder(string path, List<Problem> problems)
    {
        private Parser _parser = null!;

        public SourceLocation LastLocation { get; private set; } = SourceLocation.Start;

        public YamlNode? ReadStream(string text)
        {
            _parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
                return null;
            _parser.Consume<DocumentStart>();
            var root = ReadNode(0, "");
            _parser.Consume<DocumentEnd>();
            if (_parser.Accept<DocumentStart>(out var second))
            {
                problems.Add(Problem.Error(path, ToLocation(second.Start), "",
                    "The file holds more than one YAML document (a second \"---\"); a manifest is exactly one document."));
            }

            return root;
        }

        private YamlNode ReadNode(int depth, string field)
        {
            var current = _parser.Current ?? throw new YamlException("Unexpected end of the file.");
            var location = ToLocation(current.Start);
            LastLocation = ToLocation(current.End);
            if (depth > MaxDepth)
            {
                throw new YamlException(current.Start, current.End,
                    $"Values are nested more than {MaxDepth} levels deep; a manifest never needs that");
            }

            if (current is NodeEvent node)
                CheckAnchorAndTag(node, location, field);

            switch (current)
            {
                case AnchorAlias alias:
                    _parser.MoveNext();
                    problems.Add(Problem.Error(path, location, field,
                        $"The alias \"*{alias.Value}\" repeats another part of the file; manifests do not allow anchors or aliases. Write the value out in full."));
                    return new YamlScalar(location, "", IsPlain: true);
                case Scalar scalar:
                    _parser.MoveNext();
                    return new YamlScalar(location, scalar.Value, scalar.Style == ScalarStyle.Plain);
                case SequenceStart:
                {
                    _parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!_parser.TryConsume<SequenceEnd>(out _))
                        items.Add(ReadNode(depth + 1, $"{field}[{items.Count}]"));
                    return new YamlSequence(location, items);
                }

                case MappingStart:
                {
                    _parser.MoveNext();
                    var entries = new List<YamlEntry>();
                    var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                    while (!_parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(depth + 1, field);
                        if (keyNode is not YamlScalar key)
                        {
                            problems.Add(Problem.Error(path, keyNode.Location, field,
                                "A field name must be a plain word followed by a colon, not a list or a block."));
                            ReadNode(depth + 1, field);
                            continue;
                        }

                        var child = field.Length == 0 ? key.Value : $"{field}.{key.Value}";
                        var value = ReadNode(depth + 1, child);
                        if (seen.TryGetValue(key.Value, out var first))
                        {
                            problems.Add(Problem.Error(path, key.Location, child,
                                $"\"{key.Value}\" appears twice here (first on line {first.Line}); keep only one."));
                            continue;
                        }

                        seen[key.Value] = key.Location;
                        entries.Add(new YamlEntry(key, value));
                    }

                    return new YamlMapping(location, entries);
                }

                default:
                    throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}");
            }
        }

        private void CheckAnchorAndTag(NodeEvent node, SourceLocation location, string field)
        {
            if (!node.Anchor.IsEmpty)
            {
                problems.Add(Problem.Error(path, location, field,
                    $"The anchor \"&{node.Anchor.Value}\" is not allowed; manifests do not use anchors or aliases. Remove it and write values out in full."));
            }

            if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
            {
                problems.Add(Problem.Error(path, location, field,
                    $"The YAML tag \"{node.Tag.Value}\" is not allowed; write the plain value without it."));
            }
        }
    }
}
