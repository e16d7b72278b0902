using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Core.Reference;

namespace Onboarding.Core.Resources;

/// <summary>One user server size offered on a hub's profile list.</summary>
/// <param name="Key">The profile option slug, e.g. <c>mem_4_gb</c>; unique within one generated list.</param>
public sealed record ResourceChoice(
    string Key,
    string DisplayName,
    string Description,
    long MemGuarantee,
    long MemLimit,
    double CpuGuarantee,
    double CpuLimit,
    string NodeType,
    bool IsDefault);

/// <summary>The generated choices, or every spec that could not be used.</summary>
public sealed record ResourceChoicesResult(IReadOnlyList<ResourceChoice> Choices, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The infrastructure team's proportional-memory sizing: per node type, a full-node choice and successive halves of
/// it, CPU guaranteed in proportion to memory. The output must equal their generator's, so every number follows
/// their arithmetic step for step.
/// </summary>
public static partial class ResourceChoices
{
    /// <summary>What the plan assumes when a hub names no resources.</summary>
    public const string DefaultSpec = "r5.xlarge:4";

    private const double GiB = 1024.0 * 1024 * 1024;

    public static ResourceChoicesResult Generate(IEnumerable<string> specs, bool markDefault = false, IReadOnlyDictionary<string, NodeCapacity>? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        nodes ??= NodeCapacities.All;
        var parsed = new List<ResourceSpec>();
        var problems = new List<SpecProblem>();
        foreach (var text in specs)
        {
            var (spec, problem) = ResourceSpec.Parse(text, nodes);
            if (problem is not null)
                problems.Add(problem);
            else
                parsed.Add(spec!);
        }

        if (problems.Count > 0)
            return new ResourceChoicesResult([], problems);

        var choices = new List<ResourceChoice>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in parsed)
        {
            foreach (var choice in ForNode(spec.NodeType, nodes[spec.NodeType], spec.Count))
            {
                var key = choice.Key;
                for (var n = 1; !used.Add(key); n++)
                    key = $"{choice.Key}_{n.ToString(CultureInfo.InvariantCulture)}";
                choices.Add(choice with { Key = key });
            }
        }

        if (markDefault && choices.Count > 0)
            choices[0] = choices[0] with { IsDefault = true };
        return new ResourceChoicesResult(choices, []);
    }

    /// <summary>The choices of one node type, smallest first.</summary>
    public static IReadOnlyList<ResourceChoice> ForNode(string nodeType, NodeCapacity node, int count)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // Room for daemonsets added later or Kubernetes upgrades: 2% of the node, at most 2 GiB and 1 CPU.
        var memory = (double)node.Available.Memory;
        var cpu = node.Available.Cpu;
        var usableMemory = memory - Math.Min(memory * 0.02, 2 * GiB);
        var usableCpu = cpu - Math.Min(cpu * 0.02, 1);
        var cpuText = PythonFormat.Fixed(usableCpu, 0);

        var largestFirst = new List<ResourceChoice>();
        var mem = usableMemory;
        for (var i = 0; i < count; i++)
        {
            var cpuGuarantee = mem / usableMemory * usableCpu;
            var size = mem < GiB
                ? PythonFormat.Fixed(mem / 1024 / 1024, 0) + " MB"
                : PythonFormat.Fixed(mem / 1024 / 1024 / 1024, 0) + " GB";
            var cpuShown = PythonFormat.Fixed(cpuGuarantee, cpuGuarantee < 2 ? 1 : 0);
            var description = cpuGuarantee == usableCpu
                ? $"~{cpuText} CPUs always available"
                : $"Up to ~{cpuText} CPUs when available";
            var bytes = (long)mem;
            largestFirst.Add(new ResourceChoice(
                "mem_" + size.Replace('.', '_').Replace(' ', '_').ToLowerInvariant(),
                $"~{size} RAM, ~{cpuShown} CPUs",
                description,
                bytes,
                bytes,
                cpuGuarantee,
                usableCpu,
                nodeType,
                IsDefault: false));
            mem /= 2;
        }

        largestFirst.Reverse();
        return largestFirst;
    }

    /// <summary>The choices as the YAML mapping a hub's profile list takes, laid out as the team's tool writes it.</summary>
    public static string ToYaml(IReadOnlyList<ResourceChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var yaml = new StringBuilder();
        foreach (var c in choices)
        {
            yaml.Append(Scalar(c.Key)).Append(":\n");
            yaml.Append("  display_name: ").Append(Scalar(c.DisplayName)).Append('\n');
            yaml.Append("  description: ").Append(Scalar(c.Description)).Append('\n');
            yaml.Append("  kubespawner_override:\n");
            yaml.Append("    mem_guarantee: ").Append(c.MemGuarantee.ToString(CultureInfo.InvariantCulture)).Append('\n');
            yaml.Append("    mem_limit: ").Append(c.MemLimit.ToString(CultureInfo.InvariantCulture)).Append('\n');
            yaml.Append("    cpu_guarantee: ").Append(PythonFormat.Repr(c.CpuGuarantee)).Append('\n');
            yaml.Append("    cpu_limit: ").Append(PythonFormat.Repr(c.CpuLimit)).Append('\n');
            yaml.Append("    node_selector:\n");
            yaml.Append("      node.kubernetes.io/instance-type: ").Append(Scalar(c.NodeType)).Append('\n');
            if (c.IsDefault)
                yaml.Append("  default: true\n");
        }

        return yaml.ToString();
    }

    // Everything we write is generated from measured data, so plain text is the rule; the quoting covers a future
    // node type or text that a YAML reader would take for something else.
    private static string Scalar(string text) =>
        PlainSafe().IsMatch(text) && !LooksTyped().IsMatch(text) ? text : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    // No space at the end: a plain YAML scalar would lose it.
    [GeneratedRegex(@"^[A-Za-z0-9~](?:[A-Za-z0-9 ~.,/_()-]*[A-Za-z0-9~.,/_()-])?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\.[0-9]+|[0-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LooksTyped();
}
