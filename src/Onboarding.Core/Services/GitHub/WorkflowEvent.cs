using System.Text.Json;

namespace Onboarding.Core.Services.GitHub;

/// <summary>The event file a workflow run gets (<c>GITHUB_EVENT_PATH</c>), read once the same way by every command that takes one.</summary>
public static class WorkflowEvent
{
    /// <summary>The reason given when <see cref="TryParse"/> finds no JSON.</summary>
    public const string NotJson = "the event file is not JSON";

    /// <summary>The payload as JSON (nested no deeper than GitHub's events are), or null when it is not JSON.</summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
