using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Core.Tests.Workflows;

/// <summary>
/// The safety rules every GitHub Actions workflow of this repository, and its composite action (action.yml), follow
/// (docs/reliability.md, "Workflow safety"), checked on the parsed YAML. Each problem is one sentence naming the file
/// and where in it.
/// </summary>
internal static partial class WorkflowRules
{
    /// <summary>Events whose runs hold write tokens or secrets while the event is controlled by someone outside.</summary>
    private static readonly string[] PrivilegedEvents = ["pull_request_target", "workflow_run"];

    /// <summary>Events that run pull-request code, forks included.</summary>
    private static readonly string[] PullRequestEvents = ["pull_request", "pull_request_target"];

    /// <param name="localAction">What action.yml declares, to check the workflow's <c>uses: ./</c> steps against; null skips that.</param>
    public static IReadOnlyList<string> Check(string file, string text, LocalAction? localAction = null)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return [$"{file}: is not one YAML mapping."];

        var events = Events(Child(root, "on"));
        CheckPermissions(file, root, problems);
        CheckPinnedActions(file, text, problems);
        if (Child(root, "env") is { } workflowEnv && Mentions(workflowEnv, SecretReference))
            problems.Add($"{file}: env: at the workflow level names a secret; give it only to the step that needs it.");

        if (Child(root, "jobs") is not YamlMappingNode jobs)
            return [.. problems, $"{file}: has no jobs."];
        foreach (var (jobKey, jobNode) in jobs.Children)
        {
            var job = (YamlMappingNode)jobNode;
            var where = $"{file}: job '{jobKey}'";
            var hasEnvironment = Child(job, "environment") is not null;
            if (Scalar(Child(job, "permissions")) == "write-all")
                problems.Add($"{where}: permissions: write-all; name the few permissions the job needs.");
            if (Scalar(Child(job, "secrets")) == "inherit")
                problems.Add($"{where}: secrets: inherit passes every secret; pass only those the called workflow needs.");
            if (Child(job, "env") is { } jobEnv && Mentions(jobEnv, SecretReference))
                problems.Add($"{where}: env: at the job level names a secret; give it only to the step that needs it.");
            foreach (var key in new[] { "if", "runs-on", "container", "services", "strategy", "outputs", "with" })
            {
                if (Child(job, key) is { } other && Mentions(other, SecretReference))
                    problems.Add($"{where}: {key}: names a secret; secrets belong in the env: of the step that needs them.");
            }

            if (Child(job, "steps") is not YamlSequenceNode steps)
                continue;
            var index = 0;
            var localActionIds = new HashSet<string>(StringComparer.Ordinal);
            var localActionCalled = false;
            foreach (var stepNode in steps.Children)
            {
                index++;
                var step = (YamlMappingNode)stepNode;
                var at = StepName(where, index, step);
                CheckStep(at, step, events, hasEnvironment, problems);
                if (Scalar(Child(step, "uses")) != "./")
                    continue;

                // On a cache miss the first call builds the program, and a build runs code from packages.
                if (!localActionCalled && Mentions(step, CredentialReference))
                    problems.Add($"{at}: the first uses: ./ of a job may build the program, which runs code from packages; call it once without secrets or tokens first.");
                localActionCalled = true;
                if (Scalar(Child(step, "id")) is { } id)
                    localActionIds.Add(id);
                if (localAction is not null && Child(step, "with") is YamlMappingNode inputs)
                {
                    foreach (var input in inputs.Children.Keys.Select(Scalar).OfType<string>().Where(i => !localAction.Inputs.Contains(i)))
                        problems.Add($"{at}: with: {input} is not an input of action.yml.");
                }
            }

            if (localAction is not null)
                CheckLocalActionOutputs(where, job, localActionIds, localAction, problems);
            CheckKillSwitch(where, job, steps, problems);
            CheckLeastPrivilege(where, job, steps, events, problems);
            if (events.Contains("pull_request_target"))
                CheckPullRequestTarget(where, job, steps, problems);
        }

        return problems;
    }

    /// <summary>The commands that write to HubSpot, Freshdesk or the infrastructure repository.</summary>
    private static readonly string[] ServiceWriters = ["apply", "first-value", "setup"];

    /// <summary>The repository variable that stops every write to the services during an incident.</summary>
    private const string KillSwitch = "vars.ONBOARDING_PAUSED";

    /// <summary>
    /// A job that runs a command which writes to the services does not start while the kill switch holds a reason:
    /// its <c>if:</c> requires <c>vars.ONBOARDING_PAUSED == ''</c>, so not even its read-only checks reach a service.
    /// </summary>
    private static void CheckKillSwitch(string where, YamlMappingNode job, YamlSequenceNode steps, List<string> problems)
    {
        var writer = steps.Children.OfType<YamlMappingNode>()
            .Where(s => Scalar(Child(s, "uses")) == "./")
            .Select(s => Scalar(Child(Child(s, "with"), "command")))
            .FirstOrDefault(c => c is not null && ServiceWriters.Contains(c, StringComparer.Ordinal));
        if (writer is null)
            return;
        var condition = Regex.Replace(Scalar(Child(job, "if")) ?? "", @"\s+", " ");
        if (!condition.Contains($"{KillSwitch} == ''", StringComparison.Ordinal) || condition.Contains("||", StringComparison.Ordinal))
            problems.Add($"{where}: runs {writer}, which writes to the services, without honouring the kill switch; add \"&& {KillSwitch} == ''\" to the job's if: (and no ||).");
    }

    /// <summary>
    /// Least privilege and review integrity (docs/reliability.md, "Security"): the job that reads an issue's text
    /// writes nothing but issues and holds no secret; the job that pushes never sees that text and never force-pushes;
    /// an app's token is asked for with the permissions it needs; first-value gets no Freshdesk key and drift only
    /// read-only credentials; the review check runs the default branch's code, reads only, and runs again on reviews
    /// and pushes.
    /// </summary>
    private static void CheckLeastPrivilege(string where, YamlMappingNode job, YamlSequenceNode steps, HashSet<string> events, List<string> problems)
    {
        var commands = steps.Children.OfType<YamlMappingNode>()
            .Where(s => Scalar(Child(s, "uses")) == "./")
            .Select(s => Scalar(Child(Child(s, "with"), "command")))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var writes = Child(job, "permissions") is YamlMappingNode granted
            ? granted.Children.Where(p => Scalar(p.Value) == "write").Select(p => Scalar(p.Key)).OfType<string>().ToList()
            : [];

        if (commands.Contains("from-issue") || Mentions(job, IssueText))
        {
            foreach (var scope in writes.Where(s => s != "issues"))
                problems.Add($"{where}: reads the issue's text with {scope}: write; the job that reads it may write issues only, and a separate job pushes the validated manifest.");
            if (Mentions(job, SecretReference) || Child(job, "environment") is not null)
                problems.Add($"{where}: reads the issue's text with a secret or an environment at hand; that job gets neither.");
        }

        var index = 0;
        foreach (var step in steps.Children.OfType<YamlMappingNode>())
        {
            index++;
            var at = StepName(where, index, step);
            var uses = Scalar(Child(step, "uses")) ?? "";
            var command = uses == "./" ? Scalar(Child(Child(step, "with"), "command")) : null;
            if (Scalar(Child(step, "run")) is { } run && ForcePush().IsMatch(run))
                problems.Add($"{at}: force-pushes; add a commit on top instead, so nothing a reviewer approved is rewritten.");
            if (uses.StartsWith("actions/create-github-app-token@", StringComparison.Ordinal)
                && !(Child(step, "with") is YamlMappingNode inputs && inputs.Children.Keys.Select(Scalar).Any(k => k?.StartsWith("permission-", StringComparison.Ordinal) == true)))
                problems.Add($"{at}: asks for the app's token without permission- inputs, so it holds every permission of the app; name the few it needs (permission-contents: write, ...).");
            if (command == "first-value" && Mentions(step, FreshdeskSecret))
                problems.Add($"{at}: gives first-value a Freshdesk key, which it never uses.");
            if (command == "drift" && Scalars(step).SelectMany(t => SecretName().Matches(t)).Any(m => !m.Groups["name"].Value.Contains("READONLY", StringComparison.Ordinal)))
                problems.Add($"{at}: gives drift a secret that is not read-only; drift reads the services with the *_READONLY_* credentials only, with no fallback.");
        }

        if (commands.Contains("review-check"))
        {
            var checkedOut = steps.Children.OfType<YamlMappingNode>().FirstOrDefault(s => (Scalar(Child(s, "uses")) ?? "").StartsWith("actions/checkout@", StringComparison.Ordinal));
            if (Scalar(Child(Child(checkedOut, "with"), "ref")) is not { } reference || !reference.Contains("default_branch", StringComparison.Ordinal))
                problems.Add($"{where}: runs the review check from the pull request's own code; check out the default branch (ref: ${{{{ github.event.repository.default_branch }}}}).");
            if (writes.Count > 0)
                problems.Add($"{where}: the review check may write ({string.Join(", ", writes)}); it only reads reviews and issues.");
            if (!events.Contains("pull_request_review") || !events.Contains("pull_request"))
                problems.Add($"{where}: runs the review check without both pull_request (new commits) and pull_request_review (reviews given or dismissed) among the workflow's events.");
        }
    }

    /// <summary>
    /// A <c>pull_request_target</c> job runs the default branch's workflow with a write token and, for the live plan,
    /// secrets, on an event anyone may cause: it runs no pull-request code and no script at all, names neither the head
    /// ref nor the head commit (the program reads the pull request's files through the API, as data), only runs this
    /// repository's action from the default branch's checkout, does not run for forks, holds at most contents: read and
    /// pull-requests: write, and only read-only secrets.
    /// </summary>
    private static void CheckPullRequestTarget(string where, YamlMappingNode job, YamlSequenceNode steps, List<string> problems)
    {
        var condition = Regex.Replace(Scalar(Child(job, "if")) ?? "", @"\s+", " ");
        if (!SameRepositoryCondition().IsMatch(condition) || condition.Contains("||", StringComparison.Ordinal))
            problems.Add($"{where}: runs on pull_request_target for forks too; add \"github.event.pull_request.head.repo.full_name == github.repository\" to the job's if: (and no ||).");

        if (Child(job, "permissions") is not YamlMappingNode granted)
        {
            problems.Add($"{where}: runs on pull_request_target without its own permissions:; grant contents: read and pull-requests: write at most.");
        }
        else
        {
            foreach (var (scope, level) in granted.Children.Select(p => (Scalar(p.Key), Scalar(p.Value))))
            {
                var allowed = scope switch
                {
                    "contents" => level is "read" or "none",
                    "pull-requests" => level is "read" or "write" or "none",
                    _ => level == "none",
                };
                if (!allowed)
                    problems.Add($"{where}: runs on pull_request_target with {scope}: {level}; it may hold contents: read and pull-requests: write at most.");
            }
        }

        if (Scalars(job).FirstOrDefault(t => PullRequestHead().IsMatch(t)) is { } head)
            problems.Add($"{where}: names the pull request's head ({PullRequestHead().Match(head).Value}) in a pull_request_target job; the program reads the pull request's files through the API, never its ref or commit.");

        var index = 0;
        foreach (var step in steps.Children.OfType<YamlMappingNode>())
        {
            index++;
            var at = StepName(where, index, step);
            var uses = Scalar(Child(step, "uses")) ?? "";
            if (Child(step, "run") is not null)
                problems.Add($"{at}: runs a script in a pull_request_target job; such a job runs only pinned actions and this repository's action from the default branch.");
            if (uses.StartsWith("./", StringComparison.Ordinal) && uses != "./")
                problems.Add($"{at}: uses {uses} in a pull_request_target job; only the default branch's checkout's own action (uses: ./) may run.");
            if (Child(step, "working-directory") is not null || (uses.StartsWith("actions/checkout@", StringComparison.Ordinal) && Child(Child(step, "with"), "path") is not null))
                problems.Add($"{at}: moves away from the default branch's checkout (path: or working-directory:) in a pull_request_target job.");
            if (Scalars(step).SelectMany(t => SecretName().Matches(t)).FirstOrDefault(m => !m.Groups["name"].Value.Contains("READONLY", StringComparison.Ordinal)) is { } secret)
                problems.Add($"{at}: gives {secret.Value} to a pull_request_target job; a pull request's plan reads the services with the *_READONLY_* credentials only.");
        }
    }

    /// <summary>
    /// The rules for this repository's composite action (action.yml), which actionlint does not read: its scripts take
    /// inputs only through env:, its actions are pinned, and it takes no secret or token of its own.
    /// </summary>
    public static IReadOnlyList<string> CheckAction(string file, string text)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return [$"{file}: is not one YAML mapping."];

        var runs = Child(root, "runs");
        if (Scalar(Child(runs, "using")) != "composite")
            problems.Add($"{file}: runs.using is not composite; these rules, and the workflows, expect a composite action.");
        CheckPinnedActions(file, text, problems);
        if (Mentions(root, CredentialReference))
            problems.Add($"{file}: names a secret or github.token; the action gets credentials only through the env: of the step that calls it.");
        if (Child(runs, "steps") is not YamlSequenceNode steps)
            return [.. problems, $"{file}: has no steps."];

        var index = 0;
        foreach (var stepNode in steps.Children)
        {
            index++;
            var step = (YamlMappingNode)stepNode;
            var at = StepName(file, index, step);
            CheckScripts(at, step, problems);
            if (Child(step, "run") is not null && Child(step, "shell") is null)
                problems.Add($"{at}: run: has no shell:; a composite action's step must name one (bash).");
        }

        return problems;
    }

    /// <summary>Every <c>steps.ID.outputs.NAME</c> of a <c>uses: ./</c> step names an output that action.yml declares.</summary>
    private static void CheckLocalActionOutputs(string where, YamlMappingNode job, HashSet<string> ids, LocalAction localAction, List<string> problems)
    {
        foreach (var text in Scalars(job))
        {
            foreach (Match match in StepOutputReference().Matches(text))
            {
                if (ids.Contains(match.Groups["id"].Value) && !localAction.Outputs.Contains(match.Groups["name"].Value))
                    problems.Add($"{where}: {match.Value} is not an output of action.yml.");
            }
        }
    }

    private static string StepName(string where, int index, YamlMappingNode step) =>
        $"{where}, step {index}{(Scalar(Child(step, "name")) is { } name ? $" ('{name}')" : "")}";

    /// <summary>Untrusted text (titles, bodies, branch names, labels, inputs) must never become part of a script.</summary>
    private static void CheckScripts(string at, YamlMappingNode step, List<string> problems)
    {
        var uses = Scalar(Child(step, "uses")) ?? "";
        if (Scalar(Child(step, "run")) is { } run && run.Contains("${{", StringComparison.Ordinal))
            problems.Add($"{at}: run: contains a ${{{{ }}}} expression; pass the value through env: and use \"$NAME\" in the script.");
        if (uses.StartsWith("actions/github-script@", StringComparison.Ordinal) && Scalar(Child(Child(step, "with"), "script")) is { } script && script.Contains("${{", StringComparison.Ordinal))
            problems.Add($"{at}: the github-script script contains a ${{{{ }}}} expression; pass the value through env: and read process.env.");
    }

    private static void CheckStep(string at, YamlMappingNode step, HashSet<string> events, bool hasEnvironment, List<string> problems)
    {
        var uses = Scalar(Child(step, "uses")) ?? "";
        var with = Child(step, "with") as YamlMappingNode;

        CheckScripts(at, step, problems);

        // Secrets only in the step that needs them, of a job in a protected environment, never where pull-request code runs.
        foreach (var key in new[] { "run", "if", "name", "uses", "working-directory", "shell" })
        {
            if (Child(step, key) is { } node && Mentions(node, SecretReference))
                problems.Add($"{at}: {key}: names a secret; give secrets to a step through env:.");
        }

        if (Mentions(step, SecretReference))
        {
            if (!hasEnvironment)
                problems.Add($"{at}: uses a secret in a job without a protected environment: (the secrets live in the 'production' environment).");
            // pull_request runs the pull request's code; pull_request_target runs the default branch's, under CheckPullRequestTarget.
            if (events.Contains("pull_request"))
                problems.Add($"{at}: uses a secret in a workflow that runs on pull requests, whose code comes from anyone.");
        }

        // A privileged run never checks out or fetches the pull request's code.
        if (events.Overlaps(PrivilegedEvents))
        {
            if (uses.StartsWith("actions/checkout@", StringComparison.Ordinal) && (Child(with, "ref") is not null || Child(with, "repository") is not null))
                problems.Add($"{at}: checks out another ref or repository in a {string.Join("/", events.Intersect(PrivilegedEvents))} workflow, which would run pull-request code with its privileges.");
            if (Scalar(Child(step, "run")) is { } privilegedRun && PullRequestFetch().IsMatch(privilegedRun))
                problems.Add($"{at}: fetches pull-request code in a {string.Join("/", events.Intersect(PrivilegedEvents))} workflow.");
        }
    }

    /// <summary>The workflow's default token reads at most; a job that writes says so itself.</summary>
    private static void CheckPermissions(string file, YamlMappingNode root, List<string> problems)
    {
        var permissions = Child(root, "permissions");
        if (permissions is null)
        {
            problems.Add($"{file}: has no permissions: at the top; set 'contents: read' (or {{}}) and grant more per job.");
            return;
        }

        if (Scalar(permissions) is { } all && all != "read-all")
            problems.Add($"{file}: permissions: {all} at the top; grant write permissions per job instead.");
        if (permissions is YamlMappingNode map)
        {
            foreach (var (scope, level) in map.Children)
            {
                if (Scalar(level) is not ("read" or "none"))
                    problems.Add($"{file}: permissions: {scope}: {Scalar(level)} at the top; grant write permissions per job instead.");
            }
        }
    }

    /// <summary>Every action is pinned to a full commit SHA, with the version it is in a comment; local actions are ours.</summary>
    private static void CheckPinnedActions(string file, string text, List<string> problems)
    {
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var match = UsesLine().Match(raw);
            if (!match.Success)
                continue;
            var target = match.Groups["target"].Value.Trim('"', '\'');
            if (target.StartsWith("./", StringComparison.Ordinal))
                continue;
            if (target.StartsWith("docker://", StringComparison.Ordinal))
            {
                if (!target.Contains("@sha256:", StringComparison.Ordinal))
                    problems.Add($"{file}:{line}: {target} is not pinned to an image digest (@sha256:...).");
                continue;
            }

            if (!PinnedAction().IsMatch(target))
                problems.Add($"{file}:{line}: {target} is not pinned to a full commit SHA; use owner/repo@<40 hex digits> # vX.Y.Z.");
            else if (!match.Groups["comment"].Value.Contains('v', StringComparison.Ordinal))
                problems.Add($"{file}:{line}: {target} has no '# vX.Y.Z' comment saying which release the SHA is.");
        }
    }

    private static HashSet<string> Events(YamlNode? on) => on switch
    {
        YamlScalarNode scalar => new HashSet<string>(StringComparer.Ordinal) { scalar.Value ?? "" },
        YamlSequenceNode sequence => sequence.Children.Select(Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal),
        YamlMappingNode mapping => mapping.Children.Keys.Select(Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(),
    };

    private static bool Mentions(YamlNode node, Regex pattern) => node switch
    {
        YamlScalarNode scalar => pattern.IsMatch(scalar.Value ?? ""),
        YamlSequenceNode sequence => sequence.Children.Any(c => Mentions(c, pattern)),
        YamlMappingNode mapping => mapping.Children.Any(p => Mentions(p.Key, pattern) || Mentions(p.Value, pattern)),
        _ => false,
    };

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(p => Scalars(p.Key).Concat(Scalars(p.Value))),
        _ => [],
    };

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A secret other than the workflow's own token (which permissions: limits).</summary>
    private static Regex SecretReference { get; } = SecretPattern();

    [GeneratedRegex(@"secrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]|secrets\[")]
    private static partial Regex SecretPattern();

    /// <summary>Any secret, the workflow's own token included.</summary>
    private static Regex CredentialReference { get; } = CredentialPattern();

    [GeneratedRegex(@"secrets\.[A-Za-z_]|secrets\[|github\.token\b")]
    private static partial Regex CredentialPattern();

    /// <summary>An issue's or a comment's text, which its author controls.</summary>
    private static Regex IssueText { get; } = IssueTextPattern();

    [GeneratedRegex(@"github\.event\.(issue\.(title|body)|comment\.body)\b")]
    private static partial Regex IssueTextPattern();

    private static Regex FreshdeskSecret { get; } = FreshdeskSecretPattern();

    [GeneratedRegex(@"secrets\.[A-Z_]*FRESHDESK", RegexOptions.IgnoreCase)]
    private static partial Regex FreshdeskSecretPattern();

    [GeneratedRegex(@"secrets\.(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\bpush\b[^\n]*(\s--force\b|\s--force-with-lease\b|\s-f\b|\s[""']?\+\S)")]
    private static partial Regex ForcePush();

    [GeneratedRegex(@"steps\.(?<id>[A-Za-z0-9_-]+)\.outputs\.(?<name>[A-Za-z0-9_-]+)")]
    private static partial Regex StepOutputReference();

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*(?<target>[^\s#]+)\s*(?<comment>#.*)?$")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"github\.event\.pull_request\.head\.repo\.full_name\s*==\s*github\.repository\b")]
    private static partial Regex SameRepositoryCondition();

    /// <summary>The pull request's head branch or commit, which holds its code.</summary>
    [GeneratedRegex(@"pull_request\.head\.(sha|ref|label)\b|github\.head_ref\b|refs/pull/|merge_commit_sha")]
    private static partial Regex PullRequestHead();

    [GeneratedRegex(@"refs/pull/|gh\s+pr\s+checkout|git\s+fetch[^\n]*pull/")]
    private static partial Regex PullRequestFetch();
}

/// <summary>The inputs and outputs that action.yml declares, which a workflow's <c>uses: ./</c> steps must keep to.</summary>
internal sealed record LocalAction(IReadOnlySet<string> Inputs, IReadOnlySet<string> Outputs)
{
    public static LocalAction Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return new LocalAction(Keys(root, "inputs"), Keys(root, "outputs"));
    }

    private static HashSet<string> Keys(YamlMappingNode root, string section) =>
        root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlMappingNode map
            ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
