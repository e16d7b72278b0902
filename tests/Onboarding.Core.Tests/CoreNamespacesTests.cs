using System.Text.RegularExpressions;
using Onboarding.Testing;

namespace Onboarding.Core.Tests;

/// <summary>
/// Onboarding.Core's namespaces form layers: none depends, directly or through others, on itself, so each can be read
/// (and changed) knowing only the ones below it. Dependencies are read from the sources: <c>using</c> directives
/// (plain, static and aliases) and fully qualified names, so a cycle is caught however it is written.
/// </summary>
public sealed partial class CoreNamespacesTests
{
    private const string Root = "Onboarding.Core";

    [Fact]
    public void CoreNamespaces_AsTheSourcesUseThem_FormNoCycle()
    {
        // Given
        var sources = CoreSources();

        // When
        var graph = DependencyGraph(sources);
        var cycle = FindCycle(graph);

        // Then
        graph.Values.SelectMany(uses => uses.Keys).ShouldNotBeEmpty("the scan found no dependency at all between Core's namespaces");
        cycle.ShouldBeNull($"Core's namespaces depend on each other in a cycle: {Describe(cycle, graph)}");
    }

    [Fact]
    public void CoreFiles_EachFile_DeclaresTheNamespaceOfItsFolder()
    {
        // Given
        var sources = CoreSources();

        // When
        var misplaced = sources
            .Select(source => (source.File, Expected: ExpectedNamespace(source.File), Declared: DeclaredNamespace(source.Text)))
            .Where(file => file.Declared != file.Expected)
            .Select(file => $"{file.File} declares {file.Declared ?? "no namespace"}, its folder says {file.Expected}")
            .ToList();

        // Then
        sources.ShouldNotBeEmpty();
        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void FindCycle_TwoNamespacesUsingEachOtherThroughAQualifiedName_ReportsTheCycle()
    {
        // Given
        (string File, string Text)[] sources =
        [
            ("Planning/Planner.cs", "using Onboarding.Core.Manifests;\n\nnamespace Onboarding.Core.Planning;\n"),
            ("Turnup/TurnupRenderer.cs", "namespace Onboarding.Core.Turnup;\n\nstatic class R { static Onboarding.Core.Planning.Plan? P; }\n"),
            ("Manifests/Community.cs", "using static Onboarding.Core.Turnup.TurnupRenderer;\n\nnamespace Onboarding.Core.Manifests;\n"),
        ];

        // When
        var graph = DependencyGraph(sources);
        var cycle = FindCycle(graph);

        // Then
        cycle.ShouldNotBeNull();
        Describe(cycle, graph).ShouldBe(
            "Manifests -> Turnup (Manifests/Community.cs) -> Planning (Turnup/TurnupRenderer.cs) -> Manifests (Planning/Planner.cs)");
    }

    /// <summary>Every C# file of Onboarding.Core (path relative to the project, with forward slashes) and its text.</summary>
    private static List<(string File, string Text)> CoreSources()
    {
        var project = RepositoryFiles.PathOf(Path.Combine("src", Root));
        return [.. Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(project, path).Replace('\\', '/'))
            .Where(file => !file.StartsWith("obj/", StringComparison.Ordinal) && !file.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => (file, File.ReadAllText(Path.Combine(project, file))))];
    }

    private static string ExpectedNamespace(string file)
    {
        var folder = Path.GetDirectoryName(file)!.Replace('\\', '/');
        return folder.Length == 0 ? Root : Root + "." + folder.Replace('/', '.');
    }

    private static string? DeclaredNamespace(string text)
    {
        var declarations = NamespaceDeclaration().Matches(text);
        return declarations.Count == 1 ? declarations[0].Groups["name"].Value : null;
    }

    /// <summary>
    /// Namespace (without the <c>Onboarding.Core.</c> prefix) → the namespaces it uses → the first file that does.
    /// A name such as <c>Onboarding.Core.Services.HubSpot.IHubSpot</c> belongs to the longest declared namespace it
    /// starts with.
    /// </summary>
    private static SortedDictionary<string, SortedDictionary<string, string>> DependencyGraph(IReadOnlyList<(string File, string Text)> sources)
    {
        var declared = sources.Select(source => DeclaredNamespace(source.Text)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var graph = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (file, text) in sources)
        {
            if (DeclaredNamespace(text) is not { } from)
                continue;
            if (!graph.TryGetValue(Short(from), out var uses))
                graph[Short(from)] = uses = new(StringComparer.Ordinal);

            var body = NamespaceDeclaration().Replace(text, "");
            foreach (Match reference in QualifiedName().Matches(body))
            {
                var to = OwningNamespace(reference.Value, declared);
                if (to is not null && to != from)
                    uses.TryAdd(Short(to), file);
            }
        }

        return graph;
    }

    private static string? OwningNamespace(string qualifiedName, HashSet<string> declared)
    {
        for (var name = qualifiedName; name.Length > Root.Length; name = name[..name.LastIndexOf('.')])
        {
            if (declared.Contains(name))
                return name;
        }

        return null;
    }

    private static string Short(string name) => name == Root ? name : name[(Root.Length + 1)..];

    /// <summary>One cycle (its first namespace repeated at the end), or null when the graph has none.</summary>
    private static List<string>? FindCycle(SortedDictionary<string, SortedDictionary<string, string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            var onPath = path.IndexOf(node);
            if (onPath >= 0)
                return [.. path[onPath..], node];
            if (!done.Add(node))
                return null;

            path.Add(node);
            var uses = graph.TryGetValue(node, out var found) ? found.Keys : Enumerable.Empty<string>();
            foreach (var next in uses)
            {
                if (Visit(next) is { } cycle)
                    return cycle;
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        foreach (var node in graph.Keys)
        {
            if (Visit(node) is { } cycle)
                return cycle;
        }

        return null;
    }

    private static string Describe(List<string>? cycle, SortedDictionary<string, SortedDictionary<string, string>> graph) =>
        cycle is null
            ? "none"
            : cycle[0] + string.Concat(cycle.Zip(cycle.Skip(1)).Select(step => $" -> {step.Second} ({graph[step.First][step.Second]})"));

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bOnboarding\.Core(\.[A-Za-z_]\w*)+")]
    private static partial Regex QualifiedName();
}
