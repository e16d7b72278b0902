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
        var schemaLoad = Task.Run(_schema);
        var read = files
            .AsParallel()
            .AsOrdered()
            .Select(file => (File: file, Yaml: YamlReader.Read(file)))
            .ToList();
        var schema = schemaLoad.GetAwaiter().GetResult();
        var checkedFiles = read
            .AsParallel()
            .AsOrdered()
            .Select(r => CheckOne(r.File, r.Yaml.Root, r.Yaml.Problems, schema, today))
            .ToList();

        var problems = checkedFiles.SelectMany(c => c.Problems).ToList();
        var bound = checkedFiles.Where(c => c.Document is not null).Select(c => c.Document!).ToList();
        problems.AddRange(ManifestRules.CheckAcross(bound));

        var order = files.Select((f, i) => (f.Path, i)).GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
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
