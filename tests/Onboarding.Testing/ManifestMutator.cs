using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Testing;

/// <summary>
/// Turns a valid manifest into a hostile one: YAML structure (keys deleted, duplicated, swapped, retyped, nested
/// deeply, anchors, aliases, tags, several documents), bytes (truncation, bit flips, invalid UTF-8, BOMs, NULs, mixed
/// line ends, huge lines) and values (hostile text, huge numbers, impossible dates). One <see cref="Random"/> drives
/// every choice, so an input is reproduced from its seed alone (<see cref="SeedFor"/>).
/// </summary>
public sealed partial class ManifestMutator(Random random)
{
    private static readonly string[] Tokens =
    [
        ":", ": ", "- ", "-", "&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", "\"", "'", "\t", "\n", "\r\n", "#", "---\n", "...\n",
        "|", ">", "? ", ",", "%YAML 1.2\n", "<script>", "@team", "\u202E", "\u200B", "é", "💥", "~", "null", "true", "0x1F", "  ", "    ",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "-0", "1e999", "-1e999", "99999999999999999999999999999999", "0x7fffffff", "0o777", ".inf", "-.inf", ".nan",
        "1_000", "3.14159", "\"31415926535\"", "\"00000000000000000000001\"", "\"-5\"", "\"1e3\"", "\"99999999999999999999999999\"",
    ];

    private static readonly string[] Dates =
    [
        "\"2026-02-30\"", "\"2026-02-29\"", "\"2024-02-29\"", "\"2026-13-01\"", "\"2026-00-10\"", "\"0000-00-00\"", "\"9999-12-31\"",
        "\"2026-11-25\"", "\"2026-11-24\"", "\"1900-01-01\"", "2026-01-15", "2026-01-15T10:00:00Z", "\"26-1-5\"", "\"2026/01/15\"",
        "\"२०२६-०१-१५\"", "\"2026-01-15 \"",
    ];

    private static readonly string[] Retyped =
    [
        "", "~", "null", "true", "false", "[]", "{}", "[a, b]", "{a: 1}", "\n  - x\n  - y", "\n  a: 1", "|\n  block\n  text", ">-\n  folded",
        "\"\"", "''", "yes", "no", "on", "0", "12", "-", "? x", "*", "&", "!", "%", "@", "`",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3], [0xFF], [0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly byte[][] Boms =
    [
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00],
    ];

    /// <summary>The seed of input <paramref name="index"/> of a run with <paramref name="seed"/>: each input reproduces alone.</summary>
    /// <remarks>A fixed mix (SplitMix64's finaliser), not <see cref="HashCode"/>, which differs from process to process.</remarks>
    public static int SeedFor(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>A mutated copy of <paramref name="original"/> (1 to 4 mutations), and the names of the mutations made.</summary>
    public (byte[] Bytes, IReadOnlyList<string> Mutations) Mutate(byte[] original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var bytes = original;
        var made = new List<string>();
        // Half the inputs carry one mutation, so a fair share still validates and reaches planning and rendering.
        var count = random.Next(2) == 0 ? 1 : 2 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var (next, name) = random.Next(10) switch
            {
                < 4 => Structural(bytes),
                < 7 => Value(bytes),
                _ => ByteLevel(bytes),
            };
            bytes = next;
            made.Add(name);
        }

        return (bytes, made);
    }

    private (byte[], string) Structural(byte[] bytes)
    {
        var lines = Lines(bytes);
        if (lines.Count == 0)
            return (bytes, "none");
        var at = random.Next(lines.Count);
        string name;
        switch (random.Next(11))
        {
            case 0:
                var (start, length) = Block(lines, at);
                lines.RemoveRange(start, length);
                name = "delete key";
                break;
            case 1:
                var (from, size) = Block(lines, at);
                lines.InsertRange(from + size, lines.GetRange(from, size));
                name = "duplicate key";
                break;
            case 2:
                var first = Block(lines, at);
                var second = Block(lines, random.Next(lines.Count));
                if (first.Start > second.Start)
                    (first, second) = (second, first);
                if (first.Start + first.Length <= second.Start)
                {
                    var a = lines.GetRange(first.Start, first.Length);
                    var b = lines.GetRange(second.Start, second.Length);
                    lines.RemoveRange(second.Start, second.Length);
                    lines.InsertRange(second.Start, a);
                    lines.RemoveRange(first.Start, first.Length);
                    lines.InsertRange(first.Start, b);
                }

                name = "swap keys";
                break;
            case 3:
                name = ReplaceValue(lines, at, Pick(Retyped)) ? "change type" : "none";
                break;
            case 4:
                var depth = 1 + random.Next(80);
                var nested = random.Next(2) == 0
                    ? new string('[', depth) + "x" + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{a: ", depth)) + "x" + new string('}', depth);
                name = ReplaceValue(lines, at, nested) ? "deep nesting" : "none";
                break;
            case 5:
                var indent = Indent(lines[at]);
                var deep = new StringBuilder();
                var levels = 1 + random.Next(40);
                for (var level = 0; level < levels; level++)
                    deep.Append('\n').Append(' ', indent + (2 * (level + 1))).Append('k').Append(level).Append(':');
                deep.Append(" x");
                name = ReplaceValue(lines, at, deep.ToString()) ? "deep block nesting" : "none";
                break;
            case 6:
                name = random.Next(4) switch
                {
                    0 => ReplaceValue(lines, at, "&anchor " + Pick(Retyped)) ? "anchor" : "none",
                    1 => ReplaceValue(lines, at, "*anchor") ? "alias" : "none",
                    2 => ReplaceValue(lines, at, "!!binary aGVsbG8=") ? "tag" : "none",
                    _ => ReplaceValue(lines, at, Pick(["!custom x", "!!python/object:os.system ls", "!<tag:yaml.org,2002:str> x", "!!merge <<"])) ? "tag" : "none",
                };
                break;
            case 7:
                lines.Insert(at, Pick(["<<: *anchor", "<<: {a: 1}", "? complex key\n: value", "[a, b]: c", "{a: 1}: c", "\"\": empty key", "~: null key", "123: number key"]));
                name = "odd key";
                break;
            case 8:
                name = random.Next(4) switch
                {
                    0 => Append(lines, "---", [.. lines]),
                    1 => Append(lines, "...", ["name: second"]),
                    2 => Prepend(lines, "%YAML 1.1", "---"),
                    _ => Prepend(lines, "%TAG ! tag:evil.example,2026:", "---"),
                };
                break;
            case 9:
                var shift = random.Next(2) == 0 ? " " : (random.Next(2) == 0 ? "\t" : "   ");
                lines[at] = random.Next(2) == 0 ? shift + lines[at] : lines[at].TrimStart();
                name = "indentation";
                break;
            default:
                var key = KeyLine().Match(lines[at]);
                if (key.Success)
                    lines[at] = key.Groups["indent"].Value + Pick(["Name", "long-name", "longName", "name ", "nаme", "hubs_", "__proto__", "$ref", "x" + new string('y', 300)]) + ":" + key.Groups["rest"].Value;
                name = key.Success ? "rename key" : "none";
                break;
        }

        return (Encode(lines), name);
    }

    private (byte[], string) Value(byte[] bytes)
    {
        var lines = Lines(bytes);
        var candidates = Enumerable.Range(0, lines.Count).Where(i => KeyLine().IsMatch(lines[i]) || ItemLine().IsMatch(lines[i])).ToList();
        if (candidates.Count == 0)
            return (bytes, "none");
        var at = candidates[random.Next(candidates.Count)];
        string value;
        string name;
        switch (random.Next(4))
        {
            case 0:
                var (payloadName, payload) = HostileText.Payloads[random.Next(HostileText.Payloads.Count)];
                value = Quote(payload, Indent(lines[at]));
                name = "hostile text (" + payloadName + ")";
                break;
            case 1:
                value = Pick(Numbers);
                name = "number";
                break;
            case 2:
                value = Pick(Dates);
                name = "date";
                break;
            default:
                // A plausible value with one invisible character inside: an email, a handle or a name.
                var original = ValueOf(lines[at]).Trim('"', '\'');
                var c = HostileText.Invisible[random.Next(HostileText.Invisible.Count)];
                value = "\"" + original.Insert(original.Length == 0 ? 0 : random.Next(original.Length), c.ToString()) + "\"";
                name = "invisible character";
                break;
        }

        return ReplaceValue(lines, at, value) ? (Encode(lines), "value: " + name) : (bytes, "none");
    }

    private (byte[], string) ByteLevel(byte[] original)
    {
        var bytes = original.ToList();
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        string name;
        switch (random.Next(11))
        {
            case 0:
                bytes.RemoveRange(at, bytes.Count - at);
                name = "truncate";
                break;
            case 1:
                if (bytes.Count > 0)
                    bytes[at] ^= (byte)(1 << random.Next(8));
                name = "flip bit";
                break;
            case 2:
                bytes.InsertRange(at, Pick(InvalidUtf8));
                name = "invalid UTF-8";
                break;
            case 3:
                bytes.InsertRange(random.Next(3) == 0 ? at : 0, Pick(Boms));
                name = "BOM";
                break;
            case 4:
                bytes.Insert(at, 0);
                name = "NUL";
                break;
            case 5:
                var mixed = new List<byte>(bytes.Count + 64);
                foreach (var b in bytes)
                {
                    if (b == '\n' && random.Next(3) == 0)
                        mixed.AddRange(random.Next(2) == 0 ? "\r\n"u8.ToArray() : "\r"u8.ToArray());
                    else
                        mixed.Add(b);
                }

                bytes = mixed;
                name = "CR/LF mix";
                break;
            case 6:
                // Up to 300,000 characters: past the 256 KiB file limit as often as not.
                var length = random.Next(2) == 0 ? 1_000 + random.Next(20_000) : 100_000 + random.Next(200_000);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string(Pick(['x', ' ', '[', '"', 'é', '#', ':']), length)));
                name = "huge line";
                break;
            case 7:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20)));
                name = "delete bytes";
                break;
            case 8:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Tokens)));
                name = "insert token";
                break;
            case 9:
                bytes.Insert(at, (byte)random.Next(256));
                name = "insert byte";
                break;
            default:
                var utf16 = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(original));
                bytes = [.. Encoding.Unicode.GetPreamble(), .. utf16];
                name = "UTF-16";
                break;
        }

        return ([.. bytes], name);
    }

    /// <summary>Replaces the value of a <c>key: value</c> or <c>- value</c> line; false when the line has neither.</summary>
    private static bool ReplaceValue(List<string> lines, int at, string value)
    {
        var key = KeyLine().Match(lines[at]);
        if (key.Success)
        {
            lines[at] = key.Groups["indent"].Value + key.Groups["key"].Value + ": " + value;
            return true;
        }

        var item = ItemLine().Match(lines[at]);
        if (!item.Success)
            return false;
        lines[at] = item.Groups["indent"].Value + "- " + value;
        return true;
    }

    private static string ValueOf(string line)
    {
        var key = KeyLine().Match(line);
        if (key.Success)
            return key.Groups["rest"].Value.TrimStart(':').Trim();
        var item = ItemLine().Match(line);
        return item.Success ? item.Groups["value"].Value.Trim() : "";
    }

    /// <summary>Text as YAML writes it: a double-quoted scalar with escapes, or a literal block under the key.</summary>
    private string Quote(string text, int indent)
    {
        if (random.Next(3) == 0 && !text.Contains('\r', StringComparison.Ordinal))
        {
            var pad = new string(' ', indent + 2);
            return "|\n" + string.Join('\n', text.Split('\n').Select(l => pad + l));
        }

        return HostileText.Yaml(text);
    }

    /// <summary>The line at <paramref name="at"/> with the more-indented lines under it.</summary>
    private static (int Start, int Length) Block(List<string> lines, int at)
    {
        var indent = Indent(lines[at]);
        var end = at + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent))
            end++;
        return (at, end - at);
    }

    private static string Append(List<string> lines, string separator, List<string> more)
    {
        lines.Add(separator);
        lines.AddRange(more);
        return "several documents";
    }

    private static string Prepend(List<string> lines, string directive, string start)
    {
        lines.InsertRange(0, [directive, start]);
        return "directive";
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static List<string> Lines(byte[] bytes) => [.. Encoding.UTF8.GetString(bytes).Split('\n')];

    private static byte[] Encode(List<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [GeneratedRegex(@"^(?<indent>\s*(?:- )?)(?<key>[A-Za-z_][A-Za-z0-9_]*)(?<rest>:(?: .*)?)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^(?<indent>\s*)- (?<value>[^:]*)$")]
    private static partial Regex ItemLine();
}
