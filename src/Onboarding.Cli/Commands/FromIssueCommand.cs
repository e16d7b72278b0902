using System.Text;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding from-issue --event PATH</c>: turns a submitted new-community issue form into
/// <c>communities/&lt;name&gt;.yaml</c>, validates it with the rest, keeps one comment on the issue that says what to
/// change (or that it is ready), and hands the workflow the file, branch and pull-request text through GITHUB_OUTPUT.
/// </summary>
internal static class FromIssueCommand
{
    /// <param name="EventPath">The GitHub issues event file; null reads $GITHUB_EVENT_PATH.</param>
    public sealed record Options(string? EventPath);

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        Secrets.MaskUnderActions(context);
        var eventPath = options.EventPath ?? context.Environment.Get("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(eventPath))
        {
            context.Error.WriteLine("onboarding from-issue: say which event to read: --event PATH (a GitHub issues event).");
            return ExitCodes.Usage;
        }

        if (!context.Files.FileExists(eventPath))
        {
            context.Error.WriteLine($"onboarding from-issue: {eventPath}: no such event file.");
            return ExitCodes.Usage;
        }

        var (bytes, _) = context.Files.ReadHead(eventPath, 16 * 1024 * 1024);
        var (issue, problem) = IssueEvent.Parse(bytes);
        if (issue is null)
        {
            context.Error.WriteLine($"onboarding from-issue: {eventPath}: {problem}.");
            return ExitCodes.Usage;
        }

        var outputs = new StepOutputs(context);
        if (issue.Skipped(NewCommunityForm.IssueLabel) is { } skipped)
        {
            context.Out.WriteLine($"Nothing to do: {skipped}.");
            outputs.Set("ready", "false");
            return ExitCodes.Success;
        }

        var conversion = NewCommunityForm.Convert(issue.Body, issue.CreatedOn, issue.Number);
        var draft = conversion.Draft;
        var path = ManifestWriter.PathFor(draft.Name);
        var text = ManifestWriter.Write(draft);
        var problems = conversion.Problems.ToList();
        var warnings = new List<AnswerProblem>();

        if (IsFileName(draft.Name) && context.Files.FileExists(path))
        {
            problems.Insert(0, new AnswerProblem(NewCommunityForm.Name.Label,
                $"A community called {draft.Name} already exists ({path}). To change it, edit that file in a pull request; for a new community, choose another short name."));
        }
        else
        {
            var validation = Validate(context, path, text);
            problems.AddRange(FormFeedback.FromValidation(validation.Problems.Where(p => p.File == path && p.Severity == Severity.Error)));
            warnings.AddRange(FormFeedback.FromValidation(validation.Problems.Where(p => p.File == path && p.Severity == Severity.Warning)));
        }

        var ready = problems.Count == 0;
        var comment = ready ? FormFeedback.Ready(path, issue.Number, warnings) : FormFeedback.NeedsChanges(problems);
        await CommentAsync(context, issue.Number, comment, cancellationToken);

        if (!ready)
        {
            foreach (var p in problems)
                context.Out.WriteLine($"{p.Question}: {OneLine(p.Message)}");
            context.Out.WriteLine($"Issue #{issue.Number}: {problems.Count} {(problems.Count == 1 ? "answer needs" : "answers need")} a change; no manifest written.");
            outputs.Set("ready", "false");
            return ExitCodes.Failure;
        }

        context.Files.WriteAllText(path, text);
        outputs.Set("ready", "true");
        outputs.Set("file", path);
        // The validated manifest itself: the job that pushes it gets this, never the issue's text.
        outputs.Set("manifest", text);
        outputs.Set("name", draft.Name);
        outputs.Set("branch", FormFeedback.BranchFor(issue.Number));
        outputs.Set("title", FormFeedback.PullRequestTitle(draft));
        outputs.Set("body", FormFeedback.PullRequestBody(draft, path, issue.Number));
        context.Out.WriteLine($"Wrote {path} from issue #{issue.Number}.");
        return ExitCodes.Success;
    }

    /// <summary>The new manifest checked together with every existing one (names, domains and deals are unique across them).</summary>
    private static ValidationResult Validate(CliContext context, string path, string text)
    {
        var files = new List<SourceFile>();
        if (context.Files.DirectoryExists(ManifestSources.DefaultDirectory))
        {
            var (existing, _) = ManifestSources.Collect(context, []);
            files.AddRange(existing.Where(f => f.Path != path));
        }

        // Last, so a clash is reported on the new file rather than on the one already merged.
        files.Add(new SourceFile(path, Encoding.UTF8.GetBytes(text)));
        return new ManifestValidator().Validate(files, context.Today);
    }

    /// <summary>One comment on the issue, found again by its marker and updated in place; a failure is a warning.</summary>
    private static async Task CommentAsync(CliContext context, int number, string body, CancellationToken cancellationToken)
    {
        var token = Secrets.Value(context, Secrets.PullRequestToken);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (token is null || string.IsNullOrEmpty(repository))
        {
            context.Out.WriteLine("No GITHUB_TOKEN and GITHUB_REPOSITORY: nothing is said on the issue.");
            return;
        }

        try
        {
            using var client = WorkflowGitHub.Client(context, repository, token);
            foreach (var ignored in await WorkflowGitHub.KeepCommentAsync(client, number, FormFeedback.Marker, body, cancellationToken))
                context.Out.WriteLine($"::warning title=Issue comment::{GitHubActions.Data(ignored)}");
        }
        catch (ServiceException e)
        {
            context.Out.WriteLine($"::warning title=Issue comment::{GitHubActions.Data(Secrets.Redact(context, e.Message))}");
        }
    }

    private static bool IsFileName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
