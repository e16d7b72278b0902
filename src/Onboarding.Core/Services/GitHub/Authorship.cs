namespace Onboarding.Core.Services.GitHub;

/// <summary>
/// Whether an item carrying one of onboarding's markers is onboarding's: only what the token's own account wrote is.
/// Logins are compared as GitHub compares them, without regard to case.
/// </summary>
public static class Authorship
{
    public static bool IsOwn(string author, string ownLogin) =>
        author.Length > 0 && string.Equals(author, ownLogin, StringComparison.OrdinalIgnoreCase);

    /// <summary>The sentence that says an item is ignored, e.g. "issue #12 carries onboarding's marker but was opened by mallory, not by onboarding-bot (the token's account); it is ignored."
    /// Logins are written without "@", so the sentence mentions nobody where it is posted.</summary>
    /// <param name="what">"issue #12" or "a comment on #12".</param>
    /// <param name="verb">"opened" or "written".</param>
    public static string Ignored(string what, string verb, string author, string ownLogin) =>
        $"{what} carries onboarding's marker but was {verb} by {Login(author)}, not by {Login(ownLogin)} (the token's account); it is ignored.";

    /// <summary>A login as text: GitHub logins are letters, digits, hyphens (and "[bot]"); anything else is dropped so a name cannot carry markup.</summary>
    private static string Login(string login)
    {
        var kept = new string([.. login.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '[' or ']' or '_')]);
        return kept.Length == 0 ? "(unknown)" : kept;
    }
}
