namespace Onboarding.Core.Apply;

/// <summary>Whether a guarded change was approved, and a sentence saying how (or why not).</summary>
public sealed record Approval(bool Approved, string Why);

/// <summary>
/// How apply checks large or destructive changes (<see cref="Planning.ChangeGuard"/>) before it makes them.
/// </summary>
/// <param name="TotalCommunities">Every community in the repository, the base of the "more than a quarter" rule.</param>
/// <param name="Allowed">Approved up front (<c>--allow-large-change</c>).</param>
/// <param name="FindApproval">Looks for the approval label on the merged pull request; asked only when a change needs
/// approval. Null when there is no pull request to ask (apply --all).</param>
public sealed record ApplyGuard(int TotalCommunities, bool Allowed, Func<CancellationToken, Task<Approval>>? FindApproval);
