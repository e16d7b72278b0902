using Onboarding.Core.Authoring;
using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Authoring;

/// <summary>Bodies of submitted new-community forms, for the tests of what the program makes of them.</summary>
internal static class FormBodies
{
    /// <summary>A form body as GitHub writes it: every question, required ones answered, the rest _No response_.</summary>
    /// <param name="answers">Answers by question id, underscores optional and any case (<c>LongName</c>, <c>long_name</c>).</param>
    public static string Body(params (string Id, string Answer)[] answers)
    {
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = "alpha",
            ["long_name"] = "The Alpha Community",
            ["representatives"] = "Ana Ruiz <ana@alpha.example.edu>",
            ["deals"] = "1001",
            ["hubs"] = "prod alpha.hubs.example.org",
        };
        foreach (var (id, answer) in answers)
            given[NewCommunityForm.Questions.Single(q => string.Equals(q.Id.Replace("_", "", StringComparison.Ordinal), id.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).Id] = answer;
        return string.Join("\n\n", NewCommunityForm.Questions.Select(q => $"### {q.Label}\n\n{given.GetValueOrDefault(q.Id, IssueFormBody.NoResponse)}"));
    }
}
