using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// The issue templates of the sandbox's infrastructure repository: written in our own words, in the structure of the
/// real repository's <c>.github/ISSUE_TEMPLATE/</c> (the same kinds of fields and the same table questions), so the
/// program fills them in exactly as it fills in the real ones.
/// </summary>
public static class SampleTemplates
{
    public const string SyncChat = "02_new-hub_phase-0.md";
    public const string CloudAccount = "03_new-hub_phase-1.yaml";
    public const string Cluster = "04_new-hub_phase-2.yaml";
    public const string HubSetup = "05_new-hub_phase-3.yaml";
    public const string Decommission = "06_decommission-hub.md";

    /// <summary>Where the repository keeps them.</summary>
    public const string Folder = ".github/ISSUE_TEMPLATE";

    public static IReadOnlyList<string> FileNames { get; } = [SyncChat, CloudAccount, Cluster, HubSetup, Decommission];

    /// <summary>The sentence the plan gives as the templates' source.</summary>
    public const string Source = "The turnup issues are filled in from the sample templates built into the program.";

    /// <summary>The samples read as the program reads any template set.</summary>
    /// <exception cref="InvalidOperationException">A sample does not read (the tests keep them readable).</exception>
    public static TurnupTemplateSet Load()
    {
        var files = new Dictionary<TurnupPhase, SourceFile>
        {
            [TurnupPhase.SyncChat] = File(SyncChat),
            [TurnupPhase.CloudAccount] = File(CloudAccount),
            [TurnupPhase.Cluster] = File(Cluster),
            [TurnupPhase.HubSetup] = File(HubSetup),
            [TurnupPhase.Decommission] = File(Decommission),
        };
        var (templates, problems) = TurnupTemplateSet.Read(Source, files);
        return problems.Any(p => p.Severity == Severity.Error)
            ? throw new InvalidOperationException("A sample template does not read: " + string.Join(" ", problems))
            : templates;
    }

    /// <summary>The bytes of one sample template, by its file name.</summary>
    /// <exception cref="ArgumentException">There is no sample of that name.</exception>
    public static byte[] Content(string fileName)
    {
        using var stream = typeof(SampleTemplates).Assembly.GetManifestResourceStream("Onboarding.Sandbox.GitHub.Templates." + fileName)
            ?? throw new ArgumentException($"There is no sample template {fileName}.", nameof(fileName));
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static SourceFile File(string fileName) => new($"{Folder}/{fileName}", Content(fileName));
}
