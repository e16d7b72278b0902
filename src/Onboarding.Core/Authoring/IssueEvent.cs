using System.Globalization;
using System.Text.Json;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Authoring;

/// <summary>The parts of a GitHub <c>issues</c> event that turning a form into a pull request needs.</summary>
/// <param name="AuthorAssociation">The issue author's relation to the repository: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ….</param>
public sealed record IssueEvent(
    string Action,
    int Number,
    string Body,
    string State,
    IReadOnlyList<string> Labels,
    string AuthorAssociation,
    DateOnly CreatedOn)
{
    /// <summary>Authors whose requests become pull requests: people of the organisation, not anyone who can open an issue.</summary>
    public static IReadOnlyList<string> TrustedAuthors { get; } = ["OWNER", "MEMBER", "COLLABORATOR"];

    /// <summary>The event, or the sentence saying why the file is not an issues event.</summary>
    public static (IssueEvent? Event, string? Problem) Parse(ReadOnlySpan<byte> payload)
    {
        if (WorkflowEvent.TryParse(payload) is not { } document)
            return (null, WorkflowEvent.NotJson);

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("issue", out var issue) || issue.ValueKind != JsonValueKind.Object
                || Text(root, "action") is not { } action
                || !issue.TryGetProperty("number", out var number) || !number.TryGetInt32(out var n))
            {
                return (null, "the event file is not a GitHub issues event (it has no action and issue)");
            }

            if (root.TryGetProperty("comment", out _) || issue.TryGetProperty("pull_request", out _))
                return (null, "the event is about a comment or a pull request, not an issue");

            var labels = issue.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.Object ? Text(l, "name") : null).OfType<string>().ToList()
                : [];
            var created = Text(issue, "created_at") is { } stamp && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? DateOnly.FromDateTime(at.UtcDateTime)
                : (DateOnly?)null;
            if (created is null)
                return (null, "the event's issue has no created_at date");

            return (new IssueEvent(action, n, Text(issue, "body") ?? "", Text(issue, "state") ?? "open", labels, Text(issue, "author_association") ?? "NONE", created.Value), null);
        }
    }

    /// <summary>Why this event makes no pull request, or null when it should.</summary>
    public string? Skipped(string label)
    {
        if (Action is not ("opened" or "edited"))
            return $"issue #{Number} was {Action}; only an opened or edited request is converted";
        if (!Labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            return $"issue #{Number} does not have the {label} label";
        if (State != "open")
            return $"issue #{Number} is closed";
        if (!TrustedAuthors.Contains(AuthorAssociation, StringComparer.OrdinalIgnoreCase))
            return $"issue #{Number} was opened by someone outside the organisation ({AuthorAssociation}); ask a member to open the request";
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
