using System.Text;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Tests.Authoring;
using Onboarding.Core.Tests.Planning;
using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

/// <summary>
/// 65,536 characters of hostile text (<see cref="HostileText.LongTexts"/>) in every text field of a manifest (the list comes
/// from the schema) and in every answer of the new-community form, through what <c>validate</c>, <c>from-issue</c>,
/// <c>new</c>, <c>plan</c> and <c>apply</c> do with it: each is answered within a second. A bound on pathological
/// behaviour (the form's email pattern once took 25 s on 2,000 <c>@</c>), not a speed goal: answers take milliseconds.
/// Each kind of input is a class of its own, so that the kinds run side by side.
/// </summary>
public static class LongHostileInputTests
{
    /// <summary>Generous: the slowest answer takes about a quarter of it in processor time, and quadratic behaviour on this input takes minutes.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    /// <summary>When a check still running is given up on.</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    private const string Path = "communities/tidepool.yaml";

    static LongHostileInputTests()
    {
        // The first validation loads the schema and compiles patterns; that is start-up, not what is measured.
        Check(SchemaExamples.WithText("long_name", "Warm-up"));
        Convert(FormBodies.Body());
    }

    public static TheoryData<string, string> FieldsAndTexts() =>
        [.. SchemaExamples.TextFields.SelectMany(f => HostileText.LongTexts.Select(t => (f.Path, t.Name)))];

    public static TheoryData<string, string> QuestionsAndTexts() =>
        [.. NewCommunityForm.Questions.SelectMany(q => HostileText.LongTexts.Select(t => (q.Id, t.Name)))];

    public static TheoryData<string> Texts() => [.. HostileText.LongTexts.Select(t => t.Name)];

    /// <summary>A manifest field holding the text, validated (and planned and rendered, should it be valid).</summary>
    public sealed class InManifestFields
    {
        [Theory]
        [MemberData(nameof(LongHostileInputTests.FieldsAndTexts), MemberType = typeof(LongHostileInputTests))]
        public void Validate_LongHostileTextInAManifestField_AnsweredWithinASecond(string field, string text)
        {
            // Given a manifest with every field, this one holding the text
            var manifest = SchemaExamples.WithText(field, Long(text));

            // When it is validated (and planned and rendered, should it be valid)
            var elapsed = Time(() => Check(manifest));

            // Then
            elapsed.ShouldBeLessThan(Bound, $"{field} holding {text}");
        }
    }

    /// <summary>An answer of the new-community form holding the text, through what from-issue does.</summary>
    public sealed class InFormAnswers
    {
        [Theory]
        [MemberData(nameof(LongHostileInputTests.QuestionsAndTexts), MemberType = typeof(LongHostileInputTests))]
        public void Convert_LongHostileTextInAFormAnswer_AnsweredWithinASecond(string question, string text)
        {
            // Given a submitted form with this answer
            var body = FormBodies.Body((question, Long(text)));

            // When from-issue's work is done: the answers read, the manifest written and validated, the replies written
            var elapsed = Time(() => Convert(body));

            // Then
            elapsed.ShouldBeLessThan(Bound, $"{question} answered with {text}");
        }
    }

    /// <summary>Every answer of onboarding new holding the text.</summary>
    public sealed class InNewsAnswers
    {
        [Theory]
        [MemberData(nameof(LongHostileInputTests.Texts), MemberType = typeof(LongHostileInputTests))]
        public void ToDraft_LongHostileTextInNewsAnswers_AnsweredWithinASecond(string text)
        {
            // Given onboarding new's answers, every one the text
            var value = Long(text);
            var answers = new CommunityAnswers
            {
                Name = value, LongName = value, Website = value, GitHubOrganization = value, Logo = value,
                Representatives = [value], TechnicalContacts = [value], Deals = [value], Configurator = value, Hubs = [value],
                SignIn = value, Admins = [value], Institutions = [value], Provider = value, Region = value, Context = value,
                Notes = value, Transcript = value, Requested = Validate.Today,
            };

            // When the draft is made and written
            var elapsed = Time(() => ManifestWriter.Write(answers.ToDraft().Draft));

            // Then
            elapsed.ShouldBeLessThan(Bound, text);
        }
    }

    /// <summary>A field holding the text as if validation had let it through, planned and printed.</summary>
    public sealed class PastValidation
    {
        [Theory]
        [MemberData(nameof(LongHostileInputTests.FieldsAndTexts), MemberType = typeof(LongHostileInputTests))]
        public void Plan_LongHostileTextInAFieldPastValidation_RenderedWithinASecond(string field, string text)
        {
            // Given the model of a manifest with every field, this one holding the text as if validation had let it through
            var tree = SchemaExamples.Manifest(f => f.Path == field ? new YamlScalar(SourceLocation.Start, Long(text), IsPlain: false) : null);
            var document = new ManifestDocument(Path, CommunityBinder.Bind(tree), YamlJson.Locate(tree));

            // When it is planned as a new community and the plan printed (issues, emails, ticket, notes and comments made)
            var elapsed = Time(() =>
            {
                try
                {
                    Plan(document);
                }
                catch (ArgumentException)
                {
                    // The turnup marker refuses a community or hub name that is not a machine name; validation refuses them first.
                }
            });

            // Then
            elapsed.ShouldBeLessThan(Bound, $"{field} holding {text}");
        }
    }

    private static string Long(string name) => HostileText.LongTexts.Single(t => t.Name == name).Text;

    private static void Check(string manifest)
    {
        var result = new ManifestValidator().Validate([new SourceFile(Path, Encoding.UTF8.GetBytes(manifest))], Validate.Today);
        if (result.IsValid)
            Plan(result.Documents[0]);
    }

    /// <summary>What plan does with one new community offline, and apply before it writes.</summary>
    private static void Plan(ManifestDocument document)
    {
        var plan = PlanBuilder.BuildAsync([new PlanInput(document, null)], null, PlanningFixture.Settings, TurnupFixtures.Templates, [], Validate.Today).GetAwaiter().GetResult();
        PlanRenderer.Text(plan);
        PlanRenderer.Markdown(plan);
    }

    private static void Convert(string body)
    {
        var (draft, problems) = NewCommunityForm.Convert(body, Validate.Today, 7);
        var text = ManifestWriter.Write(draft);
        var result = new ManifestValidator().Validate([new SourceFile(ManifestWriter.PathFor("alpha"), Encoding.UTF8.GetBytes(text))], Validate.Today);
        FormFeedback.NeedsChanges([.. problems, .. FormFeedback.FromValidation(result.Problems)]);
        FormFeedback.PullRequestTitle(draft);
        FormFeedback.PullRequestBody(draft, ManifestWriter.PathFor("alpha"), 7);
    }

    /// <summary>
    /// The processor time <paramref name="action"/> took, on a thread-pool thread that runs nothing else meanwhile (so
    /// the check's own cost, whatever else the machine is busy with; pool threads are reused, where starting a thread
    /// for each of the 2,180 checks cost more than many checks). One still running after <see cref="GiveUp"/> fails the
    /// test there and then, rather than hold up the run for the hours it may take; its thread is left to end with the
    /// test process. Queued rather than run as a task, which a wait could run inline, on the test's thread, unbounded.
    /// </summary>
    private static TimeSpan Time(Action action)
    {
        var elapsed = TimeSpan.Zero;
        Exception? failure = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(
            _ =>
            {
                var start = ThreadTime.Now();
                try
                {
                    action();
                }
#pragma warning disable CA1031 // Rethrown on the test's own thread below.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                }

                elapsed = ThreadTime.Now() - start;
                done.SetResult();
            },
            null);
        done.Task.Wait(GiveUp).ShouldBeTrue($"still running after {GiveUp.TotalSeconds:0} s");
        if (failure is not null)
            throw new InvalidOperationException("The check threw.", failure);
        return elapsed;
    }
}
