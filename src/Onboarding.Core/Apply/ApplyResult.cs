using Onboarding.Core.Planning;

namespace Onboarding.Core.Apply;

/// <summary>One step as apply carried it out.</summary>
/// <param name="Found">True when the thing was already there (a re-run after a crash, or the service committed before
/// it failed to answer): nothing was made twice.</param>
/// <param name="Link">Where to see it: an issue URL, a HubSpot record, a Freshdesk ticket.</param>
public sealed record StepResult(StepKind Kind, string Service, string Target, string Key, bool Found, string? Link)
{
    /// <summary>Something a person should know or fix about how the step went (a turnup issue GitHub would not assign); null when nothing.</summary>
    public string? Note { get; init; }
}

public enum CommunityOutcome
{
    Applied,
    Failed,
    NotAttempted,

    /// <summary>Held back by the guard: a large or destructive change that was not approved; nothing of it was made.</summary>
    Held,

    /// <summary>The manifest pauses the community (<c>paused:</c>); nothing was read or written for it.</summary>
    Paused,
}

public sealed record CommunityResult(string Name, string ManifestPath, CommunityOutcome Outcome, IReadOnlyList<StepResult> Steps, string? Error)
{
    /// <summary>The BD owner's login, named when the community was held back or failed so they hear of it; null otherwise.</summary>
    public string? BdOwner { get; init; }

    /// <summary>Values changed by hand in HubSpot or Freshdesk that this run left alone (and reports).</summary>
    public IReadOnlyList<KeptEdit> KeptEdits { get; init; } = [];

    public static CommunityResult NotAttempted(string name, string path, string why) => new(name, path, CommunityOutcome.NotAttempted, [], why);
}

/// <summary>What one apply run did.</summary>
public sealed record ApplyReport(IReadOnlyList<string> Notes, IReadOnlyList<CommunityResult> Communities)
{
    public bool Succeeded => Communities.All(c => c.Outcome is CommunityOutcome.Applied or CommunityOutcome.Paused);

    public int ChangeCount => Communities.Sum(c => c.Steps.Count(s => !s.Found));

    /// <summary>How many values changed by hand the run left alone.</summary>
    public int KeptEditCount => Communities.Sum(c => c.KeptEdits.Count);
}
