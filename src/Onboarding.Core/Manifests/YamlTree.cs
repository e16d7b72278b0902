namespace Onboarding.Core.Manifests;

/// <summary>A 1-based line and column in a manifest file.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static SourceLocation Start { get; } = new(1, 1);

    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// The YAML of a manifest as a small tree that remembers where every node came from, so that every problem found
/// later (schema or rule) can point at a line and column.
/// </summary>
public abstract record YamlNode(SourceLocation Location);

public sealed record YamlScalar(SourceLocation Location, string Value, bool IsPlain) : YamlNode(Location)
{
    /// <summary>A plain (unquoted) scalar that YAML 1.2 reads as null: empty, ~ or null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YamlSequence(SourceLocation Location, IReadOnlyList<YamlNode> Items) : YamlNode(Location);

public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

public sealed record YamlMapping(SourceLocation Location, IReadOnlyList<YamlEntry> Entries) : YamlNode(Location)
{
    public YamlEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
                return entry;
        }

        return null;
    }

    public YamlNode? this[string key] => Find(key)?.Value;
}
