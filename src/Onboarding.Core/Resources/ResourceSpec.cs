using System.Globalization;
using Onboarding.Core.Reference;

namespace Onboarding.Core.Resources;

/// <summary>Why a spec was refused: its form (a usage mistake) or a node type nobody has measured.</summary>
public enum SpecProblemKind
{
    Malformed,
    UnknownNodeType,
}

/// <summary>A spec that cannot produce choices, with the sentence that says why.</summary>
public sealed record SpecProblem(string Spec, SpecProblemKind Kind, string Message);

/// <summary>One <c>node-type:count</c> request, e.g. <c>r5.xlarge:4</c>.</summary>
public sealed record ResourceSpec(string NodeType, int Count)
{
    /// <summary>Halving beyond this many choices gives servers of a few megabytes, which nobody can use.</summary>
    public const int MaxCount = 10;

    public override string ToString() => $"{NodeType}:{Count.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads a spec and checks its node type against <paramref name="nodes"/> (default: the embedded data).</summary>
    public static (ResourceSpec? Spec, SpecProblem? Problem) Parse(string text, IReadOnlyDictionary<string, NodeCapacity>? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        nodes ??= NodeCapacities.All;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var nodeType = colon < 0 ? text : text[..colon];
        var count = colon < 0 ? "" : text[(colon + 1)..];
        if (nodeType.Length == 0 || count.Length == 0 || !count.All(char.IsAsciiDigit) || count.Length > 3)
        {
            return (null, new SpecProblem(text, SpecProblemKind.Malformed,
                $"\"{text}\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4."));
        }

        var n = int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture);
        if (n is < 1 or > MaxCount)
        {
            return (null, new SpecProblem(text, SpecProblemKind.Malformed,
                $"\"{text}\" asks for {n} choices; ask for 1 to {MaxCount} (each choice halves the memory of the one before)."));
        }

        if (!nodes.ContainsKey(nodeType))
            return (null, new SpecProblem(text, SpecProblemKind.UnknownNodeType, UnknownNodeType(nodeType, nodes)));

        return (new ResourceSpec(nodeType, n), null);
    }

    internal static string UnknownNodeType(string nodeType, IReadOnlyDictionary<string, NodeCapacity> nodes) =>
        $"There is no node type \"{nodeType}\"; use one of: {string.Join(", ", nodes.Keys.Order(StringComparer.Ordinal))}.";
}
