using System.Text.RegularExpressions;
using Onboarding.Testing;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Onboarding.Core.Tests.Workflows;

/// <summary>
/// Every workflow in .github/workflows, including ones added later, and the repository's action (action.yml) follow
/// the safety rules; and each rule can fail.
/// </summary>
public sealed class WorkflowSafetyTests
{
    private const string Pinned = "actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0";

    [Fact]
    public void Workflows_EveryFileInTheRepository_FollowsTheSafetyRules()
    {
        // Given every workflow file, whoever added it
        var folder = RepositoryFiles.PathOf(".github/workflows");
        var files = Directory.GetFiles(folder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var action = LocalAction.Parse(File.ReadAllText(RepositoryFiles.PathOf("action.yml")));

        // When
        var problems = files.SelectMany(f => WorkflowRules.Check(".github/workflows/" + Path.GetFileName(f), File.ReadAllText(f), action)).ToList();

        // Then
        files.Count.ShouldBeGreaterThanOrEqualTo(3, "the validate, apply and first-value workflows at least");
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Fact]
    public void Workflows_EveryFileInTheRepository_RunsTheProgramThroughTheAction()
    {
        // Given every workflow file
        var files = Directory.GetFiles(RepositoryFiles.PathOf(".github/workflows")).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();

        // Then each calls action.yml, and none builds the program itself
        files.ShouldAllBe(f => Regex.IsMatch(File.ReadAllText(f), @"(?m)^\s*(-\s+)?uses:\s*\./\s*$"));
        files.ShouldAllBe(f => !File.ReadAllText(f).Contains("dotnet ", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplyWorkflow_ApplyJob_MayReadWhoApprovedALargeChange()
    {
        // Given the apply workflow: its own token reads the merged pull request's labels and label events (pull-requests:
        // read) and the labeller's permission (metadata, which every token may read)
        var apply = Jobs("apply.yml")["apply"];

        // When
        var permissions = Permissions(apply);

        // Then
        permissions.ShouldContain(p => p.Key == "pull-requests" && (p.Value == "read" || p.Value == "write"),
            "apply checks who added the approval label from the pull request's events, with the workflow's own token");
    }

    [Fact]
    public void ApplyWorkflow_ApplyJob_MayCommentTheOutcomeAndSetTheStatusAndNothingMore()
    {
        // Given the apply workflow: its own token keeps the outcome comment on the merged pull request and sets the
        // commit status; every other write goes to the services with their own credentials
        var apply = Jobs("apply.yml")["apply"];

        // When
        var permissions = Permissions(apply);

        // Then
        permissions.ShouldBe(new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write", ["statuses"] = "write" });
    }

    [Fact]
    public void CheckAction_TheRepositoryAction_FollowsTheSafetyRules()
    {
        var problems = WorkflowRules.CheckAction("action.yml", File.ReadAllText(RepositoryFiles.PathOf("action.yml")));

        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Fact]
    public void CheckAction_SafeCompositeAction_HasNoProblem()
    {
        var problems = WorkflowRules.CheckAction("action.yml", $$$"""
            inputs:
              command:
                description: The command.
            runs:
              using: composite
              steps:
                - uses: {{{Pinned}}}
                - shell: bash
                  env:
                    COMMAND: ${{ inputs.command }}
                  run: ./run "$COMMAND"
            """);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("shell: bash\n  run: ./run ${{ inputs.args }}", "run: contains a ${{ }} expression")]
    [InlineData("uses: actions/cache/restore@v5", "is not pinned to a full commit SHA")]
    [InlineData("run: ./run", "run: has no shell:")]
    [InlineData("shell: bash\n  env:\n    GITHUB_TOKEN: ${{ github.token }}\n  run: ./run", "names a secret or github.token")]
    public void CheckAction_UnsafeStep_NamesTheRule(string step, string expected)
    {
        // Given a composite action with one unsafe step
        var text = $$$"""
            runs:
              using: composite
              steps:
                - {{{step.Replace("\n", "\n    ", StringComparison.Ordinal)}}}
            """;

        // When
        var problems = WorkflowRules.CheckAction("action.yml", text);

        // Then
        problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal), string.Join('\n', problems));
    }

    [Fact]
    public void Check_LocalActionFirstCalledWithASecret_IsRefused()
    {
        // Given a job whose first call of the action (the one that may build the program) carries a token
        var problems = WorkflowRules.Check("apply.yml", $$$"""
            on: push
            permissions:
              contents: read
            jobs:
              apply:
                if: vars.ONBOARDING_PAUSED == ''
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: {{{Pinned}}}
                  - name: Apply
                    uses: ./
                    env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                    with:
                      command: apply
            """);

        problems.ShouldBe(["apply.yml: job 'apply', step 2 ('Apply'): the first uses: ./ of a job may build the program, which runs code from packages; call it once without secrets or tokens first."]);
    }

    [Fact]
    public void Check_LocalActionCalledWithoutSecretsFirst_HasNoProblem()
    {
        var problems = WorkflowRules.Check("apply.yml", $$$"""
            on: push
            permissions:
              contents: read
            jobs:
              apply:
                if: vars.ONBOARDING_PAUSED == ''
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: {{{Pinned}}}
                  - uses: ./
                  - id: apply
                    uses: ./
                    env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                      GITHUB_TOKEN: ${{ github.token }}
                    with:
                      command: apply
                  - env:
                      CHANGES: ${{ steps.apply.outputs.changes }}
                    run: echo "$CHANGES"
            """, new LocalAction(new HashSet<string> { "command" }, new HashSet<string> { "changes" }));

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Check_LocalActionInputOrOutputNotDeclared_IsRefused()
    {
        // Given an action that declares the input 'command' and the output 'changes'
        var action = new LocalAction(new HashSet<string> { "command" }, new HashSet<string> { "changes" });

        // When a workflow passes a misspelt input and reads an output that does not exist
        var problems = WorkflowRules.Check("plan.yml", $$$"""
            on: pull_request
            permissions:
              contents: read
            jobs:
              plan:
                runs-on: ubuntu-latest
                steps:
                  - id: plan
                    uses: ./
                    with:
                      comand: plan
                  - if: steps.plan.outputs.change-count != '0'
                    run: echo changed
            """, action);

        // Then
        problems.ShouldBe(
        [
            "plan.yml: job 'plan', step 1: with: comand is not an input of action.yml.",
            "plan.yml: job 'plan': steps.plan.outputs.change-count is not an output of action.yml.",
        ]);
    }

    [Theory]
    [InlineData("if: github.ref == 'refs/heads/main'", "apply")]
    [InlineData("if: github.ref == 'refs/heads/main'", "first-value")]
    [InlineData("if: vars.ONBOARDING_PAUSED == '' || github.event_name == 'workflow_dispatch'", "apply")]
    [InlineData("timeout-minutes: 5", "setup")]
    public void Check_JobWritingToServicesIgnoresTheKillSwitch_IsRefused(string jobLine, string command)
    {
        // Given a job that runs a command writing to the services, whose if: does not stop it while onboarding is paused
        var text = $$$"""
            on: push
            permissions:
              contents: read
            jobs:
              apply:
                {{{jobLine}}}
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: {{{Pinned}}}
                  - uses: ./
                  - uses: ./
                    env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                    with:
                      command: {{{command}}}
            """;

        // When
        var problems = WorkflowRules.Check("apply.yml", text);

        // Then
        problems.ShouldBe([$"apply.yml: job 'apply': runs {command}, which writes to the services, without honouring the kill switch; add \"&& vars.ONBOARDING_PAUSED == ''\" to the job's if: (and no ||)."]);
    }

    [Fact]
    public void Check_JobWritingToServicesHonoursTheKillSwitch_HasNoProblem()
    {
        var problems = WorkflowRules.Check("apply.yml", $$$"""
            on: push
            permissions:
              contents: read
            jobs:
              apply:
                if: github.ref == 'refs/heads/main' && vars.ONBOARDING_PAUSED == ''
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: {{{Pinned}}}
                  - uses: ./
                  - uses: ./
                    env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                    with:
                      command: apply
            """);

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Check_SafeWorkflow_HasNoProblem()
    {
        var problems = WorkflowRules.Check("ok.yml", $$$"""
            on:
              pull_request:
            permissions:
              contents: read
            jobs:
              plan:
                runs-on: ubuntu-latest
                permissions:
                  pull-requests: write
                steps:
                  - uses: {{{Pinned}}}
                  - name: Plan
                    env:
                      TITLE: ${{ github.event.pull_request.title }}
                    run: echo "$TITLE"
            """);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("run: echo \"${{ github.event.issue.title }}\"", "run: contains a ${{ }} expression")]
    [InlineData("run: git checkout ${{ github.head_ref }}", "run: contains a ${{ }} expression")]
    [InlineData("uses: actions/checkout@v5", "is not pinned to a full commit SHA")]
    [InlineData("uses: someone/action@main", "is not pinned to a full commit SHA")]
    [InlineData("uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "has no '# vX.Y.Z' comment")]
    [InlineData("uses: docker://alpine:3", "is not pinned to an image digest")]
    [InlineData("env:\n    TOKEN: ${{ secrets.HUBSPOT_TOKEN }}\n  run: ./apply", "uses a secret in a job without a protected environment")]
    [InlineData("run: ./apply --token \"$T\"\n  if: ${{ secrets.HUBSPOT_TOKEN != '' }}", "if: names a secret")]
    public void Check_UnsafeStep_NamesTheRule(string step, string expected)
    {
        // Given a workflow on issues (as an issue-form-to-pull-request workflow would be) with one unsafe step
        var text = $$$"""
            on:
              issues:
                types: [opened]
            permissions:
              contents: read
            jobs:
              work:
                runs-on: ubuntu-latest
                steps:
                  - {{{step.Replace("\n", "\n      ", StringComparison.Ordinal)}}}
            """;

        // When
        var problems = WorkflowRules.Check("issue-form.yml", text);

        // Then
        problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal), string.Join('\n', problems));
    }

    [Fact]
    public void Check_PullRequestTargetCheckingOutTheHead_IsRefused()
    {
        var problems = WorkflowRules.Check("pr-target.yml", $$$"""
            on: pull_request_target
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: {{{Pinned}}}
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: git fetch origin refs/pull/1/head
            """);

        problems.ShouldContain(p => p.Contains("checks out another ref or repository in a pull_request_target workflow", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("fetches pull-request code in a pull_request_target workflow", StringComparison.Ordinal));
    }

    /// <summary>The live plan job as the rules want it; each case of the theory below changes one line of it.</summary>
    private const string LivePlan = """
        on:
          pull_request_target:
            types: [opened, synchronize]
        permissions:
          contents: read
        jobs:
          live-plan:
            if: github.event.pull_request.head.repo.full_name == github.repository
            runs-on: ubuntu-latest
            environment: pull-request-plan
            permissions:
              contents: read
              pull-requests: write
            steps:
              - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0
                with:
                  persist-credentials: false
              - uses: ./
              - uses: ./
                env:
                  HUBSPOT_READONLY_TOKEN: ${{ secrets.HUBSPOT_READONLY_TOKEN }}
                  GITHUB_TOKEN: ${{ github.token }}
                with:
                  command: plan
                  args: |
                    --pull-request
                    ${{ github.event.pull_request.number }}
        """;

    [Fact]
    public void Check_PullRequestTargetLivePlanFromTheDefaultBranch_HasNoProblem()
    {
        var problems = WorkflowRules.Check("live-plan.yml", LivePlan);

        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Theory]
    [InlineData("    if: github.event.pull_request.head.repo.full_name == github.repository\n", "", "runs on pull_request_target for forks too")]
    [InlineData("== github.repository\n", "== github.repository || github.actor == 'dependabot[bot]'\n", "runs on pull_request_target for forks too")]
    [InlineData("      contents: read\n      pull-requests: write\n", "      contents: write\n      pull-requests: write\n", "with contents: write; it may hold contents: read and pull-requests: write at most.")]
    [InlineData("      contents: read\n      pull-requests: write\n", "      contents: read\n      pull-requests: write\n      issues: write\n", "with issues: write;")]
    [InlineData("    permissions:\n      contents: read\n      pull-requests: write\n", "", "without its own permissions:")]
    [InlineData("          persist-credentials: false\n", "          ref: ${{ github.event.pull_request.head.sha }}\n", "checks out another ref or repository in a pull_request_target workflow")]
    [InlineData("          persist-credentials: false\n", "          ref: ${{ github.event.pull_request.head.sha }}\n", "names the pull request's head (pull_request.head.sha)")]
    [InlineData("          GITHUB_TOKEN: ${{ github.token }}\n", "          GITHUB_TOKEN: ${{ github.token }}\n          BRANCH: ${{ github.head_ref }}\n", "names the pull request's head (github.head_ref)")]
    [InlineData("      - uses: ./\n        env:", "      - run: ./scripts/plan.sh\n      - uses: ./\n        env:", "runs a script in a pull_request_target job")]
    [InlineData("      - uses: ./\n        env:", "      - uses: ./pr/.github/actions/plan\n        env:", "uses ./pr/.github/actions/plan in a pull_request_target job")]
    [InlineData("          persist-credentials: false\n", "          persist-credentials: false\n          path: pr\n", "moves away from the default branch's checkout")]
    [InlineData("secrets.HUBSPOT_READONLY_TOKEN", "secrets.HUBSPOT_TOKEN", "gives secrets.HUBSPOT_TOKEN to a pull_request_target job")]
    public void Check_PullRequestTargetJobUnsafe_NamesTheRule(string safe, string unsafeText, string expected)
    {
        // Given the live plan job with one thing changed that would let pull-request code near its secrets
        var text = LivePlan.Replace(safe, unsafeText, StringComparison.Ordinal);
        text.ShouldNotBe(LivePlan, "the case must change the workflow");

        // When
        var problems = WorkflowRules.Check("live-plan.yml", text);

        // Then
        problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal), string.Join('\n', problems));
    }

    [Fact]
    public void Check_SecretOnPullRequestAndPullRequestTarget_IsRefused()
    {
        // Given the live plan job in a workflow that runs on pull_request too, where the pull request's code runs
        var text = LivePlan.Replace("on:\n", "on:\n  pull_request:\n", StringComparison.Ordinal);

        // When
        var problems = WorkflowRules.Check("live-plan.yml", text);

        // Then
        problems.ShouldContain(p => p.Contains("uses a secret in a workflow that runs on pull requests, whose code comes from anyone.", StringComparison.Ordinal));
    }

    [Fact]
    public void Workflows_TheRepository_PlansPullRequestsLiveOnlyOnPullRequestTarget()
    {
        // Given every workflow file
        var files = Directory.GetFiles(RepositoryFiles.PathOf(".github/workflows")).Where(f => f.EndsWith(".yml", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();

        // Then one plans pull requests live, on pull_request_target (the rules above check how), and the offline plan stays on every pull request
        var live = files.Where(t => t.Contains("--pull-request", StringComparison.Ordinal)).ShouldHaveSingleItem();
        Regex.IsMatch(live, @"(?m)^  pull_request_target:").ShouldBeTrue();
        Regex.IsMatch(live, @"(?m)^  pull_request:").ShouldBeFalse();
        live.ShouldContain("secrets.HUBSPOT_READONLY_TOKEN");
        files.ShouldContain(t => Regex.IsMatch(t, @"(?m)^  pull_request:\s*$") && Regex.IsMatch(t, @"(?m)^\s+command:\s*plan\s*$") && !t.Contains("secrets.", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SecretsOnPullRequestsOrBroadlyGiven_AreRefused()
    {
        var problems = WorkflowRules.Check("drift.yml", $$$"""
            on: [pull_request, schedule]
            permissions: write-all
            env:
              KEY: ${{ secrets.FRESHDESK_API_KEY }}
            jobs:
              drift:
                runs-on: ubuntu-latest
                environment: production
                env:
                  TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                steps:
                  - env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                    run: ./drift
              call:
                uses: ./.github/workflows/apply.yml
                secrets: inherit
            """);

        problems.ShouldContain("drift.yml: permissions: write-all at the top; grant write permissions per job instead.");
        problems.ShouldContain("drift.yml: env: at the workflow level names a secret; give it only to the step that needs it.");
        problems.ShouldContain("drift.yml: job 'drift': env: at the job level names a secret; give it only to the step that needs it.");
        problems.ShouldContain("drift.yml: job 'drift', step 1: uses a secret in a workflow that runs on pull requests, whose code comes from anyone.");
        problems.ShouldContain("drift.yml: job 'call': secrets: inherit passes every secret; pass only those the called workflow needs.");
    }

    [Fact]
    public void Check_NoTopLevelPermissions_IsRefused()
    {
        var problems = WorkflowRules.Check("bare.yml", """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo hi
            """);

        problems.ShouldBe(["bare.yml: has no permissions: at the top; set 'contents: read' (or {}) and grant more per job."]);
    }

    [Fact]
    public void Check_IssueTextReadWithWriteAccessAndSecrets_IsRefused()
    {
        // Given one job that converts the issue, pushes and opens the pull request, with the app's key at hand
        var problems = WorkflowRules.Check("from-issue.yml", $$$"""
            on:
              issues:
                types: [opened]
            permissions: {}
            jobs:
              convert:
                runs-on: ubuntu-latest
                environment: onboarding-bot
                permissions:
                  contents: write
                  pull-requests: write
                  issues: write
                steps:
                  - uses: {{{Pinned}}}
                  - uses: ./
                  - uses: ./
                    env:
                      KEY: ${{ secrets.ONBOARDING_APP_PRIVATE_KEY }}
                    with:
                      command: from-issue
            """);

        // Then
        problems.ShouldContain("from-issue.yml: job 'convert': reads the issue's text with contents: write; the job that reads it may write issues only, and a separate job pushes the validated manifest.");
        problems.ShouldContain("from-issue.yml: job 'convert': reads the issue's text with pull-requests: write; the job that reads it may write issues only, and a separate job pushes the validated manifest.");
        problems.ShouldContain("from-issue.yml: job 'convert': reads the issue's text with a secret or an environment at hand; that job gets neither.");
    }

    [Fact]
    public void Check_PushJobGivenTheIssuesText_IsRefused()
    {
        var problems = WorkflowRules.Check("from-issue.yml", $$$"""
            on:
              issues:
                types: [opened]
            permissions: {}
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  contents: write
                steps:
                  - env:
                      BODY: ${{ github.event.issue.body }}
                    run: gh pr create --body "$BODY"
            """);

        problems.ShouldBe(["from-issue.yml: job 'publish': reads the issue's text with contents: write; the job that reads it may write issues only, and a separate job pushes the validated manifest."]);
    }

    [Theory]
    [InlineData("git push --force \"$remote\" HEAD:refs/heads/x")]
    [InlineData("git -c x=y push -f origin HEAD")]
    [InlineData("git push origin \"+HEAD:refs/heads/$BRANCH\"")]
    [InlineData("authorised push --force-with-lease \"$remote\" HEAD")]
    public void Check_ForcePush_IsRefused(string script)
    {
        var problems = WorkflowRules.Check("push.yml", $$$"""
            on: workflow_dispatch
            permissions:
              contents: read
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - name: Push
                    run: {{{script}}}
            """);

        problems.ShouldBe(["push.yml: job 'publish', step 1 ('Push'): force-pushes; add a commit on top instead, so nothing a reviewer approved is rewritten."]);
    }

    [Fact]
    public void Check_AppTokenWithoutPermissionInputs_IsRefused()
    {
        // Given the app's token asked for as it was, then with the permissions named
        string Workflow(string extra) => $$$"""
            on: workflow_dispatch
            permissions:
              contents: read
            jobs:
              publish:
                runs-on: ubuntu-latest
                environment: onboarding-bot
                steps:
                  - uses: actions/create-github-app-token@fee1f7d63c2ff003460e3d139729b119787bc349 # v2.2.2
                    with:
                      app-id: ${{ vars.ONBOARDING_APP_ID }}
                      private-key: ${{ secrets.ONBOARDING_APP_PRIVATE_KEY }}{{{extra}}}
            """;

        // When
        var broad = WorkflowRules.Check("app.yml", Workflow(""));
        var named = WorkflowRules.Check("app.yml", Workflow("\n          permission-contents: write"));

        // Then
        broad.ShouldBe(["app.yml: job 'publish', step 1: asks for the app's token without permission- inputs, so it holds every permission of the app; name the few it needs (permission-contents: write, ...)."]);
        named.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("first-value", "FRESHDESK_API_KEY: ${{ secrets.FRESHDESK_API_KEY }}", "gives first-value a Freshdesk key, which it never uses.")]
    [InlineData("drift", "HUBSPOT_TOKEN: ${{ secrets.HUBSPOT_TOKEN }}", "gives drift a secret that is not read-only;")]
    [InlineData("drift", "HUBSPOT_TOKEN: ${{ secrets.HUBSPOT_READONLY_TOKEN || secrets.HUBSPOT_TOKEN }}", "gives drift a secret that is not read-only;")]
    public void Check_CommandGivenACredentialItMustNotHave_IsRefused(string command, string variable, string expected)
    {
        var problems = WorkflowRules.Check($"{command}.yml", $$$"""
            on: schedule
            permissions:
              contents: read
            jobs:
              run:
                if: vars.ONBOARDING_PAUSED == ''
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: ./
                  - uses: ./
                    env:
                      {{{variable}}}
                    with:
                      command: {{{command}}}
            """);

        problems.ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Fact]
    public void Check_DriftWithReadOnlyCredentials_HasNoProblem()
    {
        var problems = WorkflowRules.Check("drift.yml", """
            on: schedule
            permissions:
              contents: read
            jobs:
              run:
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: ./
                  - uses: ./
                    env:
                      HUBSPOT_READONLY_TOKEN: ${{ secrets.HUBSPOT_READONLY_TOKEN }}
                      GITHUB_TOKEN: ${{ github.token }}
                    with:
                      command: drift
            """);

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Check_ReviewCheckFromThePullRequestsCodeWithWritesOnPushesOnly_IsRefused()
    {
        var problems = WorkflowRules.Check("review.yml", $$$"""
            on: pull_request
            permissions:
              contents: read
            jobs:
              review:
                runs-on: ubuntu-latest
                permissions:
                  pull-requests: write
                steps:
                  - uses: {{{Pinned}}}
                  - uses: ./
                  - uses: ./
                    env:
                      GITHUB_TOKEN: ${{ github.token }}
                    with:
                      command: review-check
            """);

        problems.ShouldBe(
        [
            "review.yml: job 'review': runs the review check from the pull request's own code; check out the default branch (ref: ${{ github.event.repository.default_branch }}).",
            "review.yml: job 'review': the review check may write (pull-requests); it only reads reviews and issues.",
            "review.yml: job 'review': runs the review check without both pull_request (new commits) and pull_request_review (reviews given or dismissed) among the workflow's events.",
        ]);
    }

    [Fact]
    public void Workflows_TheRepository_RunsTheReviewCheckOnReviewsAndNewCommits()
    {
        // Given every workflow file
        var files = Directory.GetFiles(RepositoryFiles.PathOf(".github/workflows")).Where(f => f.EndsWith(".yml", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();

        // Then one runs the review check, on reviews and on pushes to the pull request (the rules above check the rest)
        var review = files.Where(t => Regex.IsMatch(t, @"(?m)^\s+command:\s*review-check\s*$")).ShouldHaveSingleItem();
        review.ShouldContain("pull_request_review:");
        Regex.IsMatch(review, @"(?m)^  pull_request:\n    types: \[[^\]]*\bsynchronize\b").ShouldBeTrue();
    }

    [Fact]
    public void Workflows_FromIssue_ParsesAndPushesInSeparateJobs()
    {
        // Given the issue form's workflow
        var jobs = Jobs("from-issue.yml");
        static string Text(YamlNode node) => new SerializerBuilder().Build().Serialize(node);
        static string[] Writes(YamlNode job) => [.. Permissions(job).Where(p => p.Value == "write").Select(p => p.Key)];

        // Then the job that runs from-issue may write issues only, and the one that pushes receives the manifest from it
        var convert = jobs.Children.Values.Single(j => Text(j).Contains("command: from-issue", StringComparison.Ordinal));
        Writes(convert).ShouldBe(["issues"]);
        var publish = jobs.Children.Values.Single(j => Writes(j).Contains("contents"));
        Writes(publish).ShouldBe(["contents", "pull-requests"]);
        Text(publish).ShouldContain("needs: convert");
        Text(publish).ShouldContain("${{ needs.convert.outputs.manifest }}");
        Text(publish).ShouldNotContain("github.event.issue.title");
        Text(publish).ShouldNotContain("github.event.issue.body");
    }

    /// <summary>The jobs of the repository's workflow <paramref name="file"/>, by id.</summary>
    private static YamlMappingNode Jobs(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryFiles.PathOf($".github/workflows/{file}"))));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
    }

    /// <summary>A job's <c>permissions</c>, scope to access, in the order written.</summary>
    private static Dictionary<string, string> Permissions(YamlNode job) =>
        ((YamlMappingNode)((YamlMappingNode)job)["permissions"]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());
}
