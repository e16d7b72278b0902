using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;

namespace Onboarding.Core.Authoring;

/// <summary>
/// Validates a draft exactly as <c>onboarding validate</c> would validate the file written from it, together with
/// the manifests already in the repository (names, domains and deals belong to one community), and returns the
/// draft's own problems. Prompts use it to check one answer as it is typed.
/// </summary>
public static class DraftCheck
{
    public static IReadOnlyList<Problem> Problems(ManifestDraft draft, IReadOnlyList<SourceFile> existing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(existing);
        var path = ManifestWriter.PathFor(draft.Name);
        var files = existing.Where(f => f.Path != path).Append(new SourceFile(path, Encoding.UTF8.GetBytes(ManifestWriter.Write(draft)))).ToList();
        return [.. new ManifestValidator().Validate(files, today).Problems.Where(p => p.File == path)];
    }

    /// <summary>
    /// The problems of one field (and the fields under it) when <paramref name="draft"/> is filled in around it with
    /// valid stand-ins for the required answers not given yet, so that only the answer in question is judged.
    /// </summary>
    public static IReadOnlyList<Problem> ProblemsOf(string field, ManifestDraft draft, IReadOnlyList<SourceFile> existing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(field);
        var filled = Complete(draft);
        return [.. Problems(filled, existing, today).Where(p => p.Severity == Severity.Error && Within(p.Field, field))];
    }

    private static bool Within(string problemField, string field) =>
        problemField == field || problemField.StartsWith(field + ".", StringComparison.Ordinal) || problemField.StartsWith(field + "[", StringComparison.Ordinal);

    /// <summary>The draft with stand-ins for the required answers not given yet.</summary>
    private static ManifestDraft Complete(ManifestDraft draft) => draft with
    {
        Name = draft.Name.Length > 0 ? draft.Name : "standin",
        LongName = draft.LongName.Length > 0 ? draft.LongName : "Stand-in",
        Representatives = draft.Representatives.Count > 0 ? draft.Representatives : [new Person("Stand In", "stand.in@example.org", null)],
        Deals = draft.Deals.Count > 0 ? draft.Deals : ["9999999999999999999"],
        Hubs = draft.Hubs.Count > 0 ? draft.Hubs : [new HubDraft { Name = "standin", Domain = "standin.invalid-hub.example.org", Requested = null }],
    };
}
