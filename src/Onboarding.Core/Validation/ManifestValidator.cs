using Onboarding.Core.Manifests;

namespace Onboarding.Core.Validation;

/// <summary>What validating a set of manifests found.</summary>
/// <param name="Documents">The manifests without errors, ready for the plan.</param>
public sealed record ValidationResult(int FileCount, IReadOnlyList<Problem> Problems, IReadOnlyList<ManifestDocument> Documents)
{
    public int ErrorCount => Problems.Count(p => p.Severity == Severity.Error);

    public int WarningCount => Problems.Count(p => p.Severity == Severity.Warning);

    public bool IsValid => ErrorCount == 0;
}

/// <summary>
/// Validates manifests: YAML safety, the schema, then the rules within and across files. Reports every problem, not
/// the first; never throws for bad input.
/// </summary>
public sealed class ManifestValidator
{
    private readonly Func<SchemaValidator> _schema;

    public ManifestValidator()
        : this(() => SchemaValidator.Default)
    {
    }

    public ManifestValidator(SchemaValidator schema)
        : this(() => schema)
    {
    }

    private ManifestValidator(Func<SchemaValidator> schema)
    {
        _schema = schema;
    }

    /// <param name="today">Dates after it are in the future (injected: Core does not read the clock).</param>
    public ValidationResult Validate(IReadOnlyList<SourceFile> files, DateOnly today)
    {
        // Loading the schema is the one slow sequential step of a cold start; it overlaps with reading the YAML.
        // Parallel.For over arrays rather than PLINQ: PLINQ's generic operators are compiled at run time (ReadyToRun
        // cannot precompile them for our types), which cost more at start-up than the loops they ran.
        var schemaLoad = Task.Run(_schema);
        var read = new (YamlMapping? Root, IReadOnlyList<Problem> Problems)[files.Count];
        Parallel.For(0, files.Count, i => read[i] = YamlReader.Read(files[i]));
        var schema = schemaLoad.GetAwaiter().GetResult();
        var checkedFiles = new (List<Problem> Problems, ManifestDocument? Document)[files.Count];
        Parallel.For(0, files.Count, i => checkedFiles[i] = CheckOne(files[i], read[i].Root, read[i].Problems, schema, today));

        var problems = checkedFiles.SelectMany(c => c.Problems).ToList();
        var bound = checkedFiles.Where(c => c.Document is not null).Select(c => c.Document!).ToList();
        problems.AddRange(ManifestRules.CheckAcross(bound));

        var order = new Dictionary<string, int>(files.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
            order.TryAdd(files[i].Path, i);
        var sorted = problems
            .OrderBy(p => order.GetValueOrDefault(p.File))
            .ThenBy(p => p.Location.Line)
            .ThenBy(p => p.Location.Column)
            .ToList();
        var failed = sorted.Where(p => p.Severity == Severity.Error).Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        var valid = bound.Where(d => !failed.Contains(d.Path)).ToList();
        return new ValidationResult(files.Count, sorted, valid);
    }

    private static (List<Problem> Problems, ManifestDocument? Document) CheckOne(
        SourceFile file, YamlMapping? root, IReadOnlyList<Problem> yamlProblems, SchemaValidator schema, DateOnly today)
    {
        var found = yamlProblems.ToList();
        if (root is null)
            return (found, null);

        var locations = YamlJson.Locate(root);
        // A field the YAML reader already refused (an alias, a tag) would only get a second, confusing sentence.
        var refused = found.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        var schemaProblems = schema.Validate(file.Path, root, locations).Where(p => !refused.Contains(p.Field)).ToList();
        found.AddRange(schemaProblems);
        var document = new ManifestDocument(file.Path, CommunityBinder.Bind(root), locations);
        var flagged = schemaProblems.Select(p => p.Field).Concat(found.Select(p => p.Field)).ToHashSet(StringComparer.Ordinal);
        found.AddRange(ManifestRules.CheckFile(file, document, flagged, today));
        return (found, document);
    }
}
