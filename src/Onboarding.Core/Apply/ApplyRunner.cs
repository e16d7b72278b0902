using Onboarding.Core.Planning;
using Onboarding.Core.Services;

namespace Onboarding.Core.Apply;

/// <summary>
/// Applies communities one at a time with exactly the planning code of <c>plan</c>: read, plan, execute. A failure in
/// one community does not stop the others; a service that keeps failing stops the run rather than being flooded.
/// </summary>
public sealed class ApplyRunner(IObservedStateReader reader, PlanExecutor executor, OnboardingSettings settings, DateOnly? today = null)
{
    /// <summary>After this many communities in a row fail on the same service, the rest are not attempted.</summary>
    public const int ConsecutiveFailuresToStop = 3;

    public async Task<ApplyReport> RunAsync(IReadOnlyList<PlanInput> inputs, IReadOnlyList<string> notes, CancellationToken cancellationToken = default)
    {
        var results = new List<CommunityResult>();
        var allNotes = notes.ToList();
        string? failingService = null;
        var failuresInARow = 0;
        foreach (var input in inputs.OrderBy(i => i.Head.Path, StringComparer.Ordinal))
        {
            var name = input.Head.Community.Name;
            if (failuresInARow >= ConsecutiveFailuresToStop)
            {
                results.Add(CommunityResult.NotAttempted(name, input.Head.Path, $"not attempted: {failingService} kept failing"));
                continue;
            }

            try
            {
                var plan = await PlanBuilder.PlanOneAsync(input, reader, settings, cancellationToken, today);
                var steps = await executor.ExecuteAsync(plan, cancellationToken);
                results.Add(new CommunityResult(name, input.Head.Path, CommunityOutcome.Applied, steps, null));
                failuresInARow = 0;
            }
            catch (ServiceException e)
            {
                results.Add(new CommunityResult(name, input.Head.Path, CommunityOutcome.Failed, [], e.Message));
                failuresInARow = e.Service == failingService ? failuresInARow + 1 : 1;
                failingService = e.Service;
            }
        }

        if (failuresInARow >= ConsecutiveFailuresToStop)
        {
            allNotes.Add($"{failingService} failed for {ConsecutiveFailuresToStop} communities in a row, so the run stopped early instead of flooding it; " +
                "run apply again once it answers (nothing is done twice).");
        }

        return new ApplyReport(allNotes, results);
    }
}
