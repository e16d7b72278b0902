using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Installation;

/// <summary>What <c>onboarding setup</c> would do: the steps it can take, and the failures only a person can fix.</summary>
public sealed record SetupPlan(IReadOnlyList<SetupStep> Steps, IReadOnlyList<DoctorCheck> ByHand)
{
    public static SetupPlan From(IReadOnlyList<DoctorCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var failed = checks.Where(c => !c.Passed).ToList();
        return new SetupPlan([.. failed.Select(c => c.Fix).OfType<SetupStep>()], [.. failed.Where(c => c.Fix is null)]);
    }
}

/// <summary>One step carried out: <paramref name="Note"/> is a sentence when something needs the user's attention.</summary>
public sealed record SetupOutcome(SetupStep Step, bool Done, string? Note = null);

/// <summary>
/// Carries out a setup plan: only creates, never changes or deletes. Something that appeared since doctor read
/// (a 409 or 422 saying it exists) counts as done, so setup is safe to run twice, or twice at once.
/// </summary>
public sealed class SetupRunner(IHubSpotPortal? portal, IFreshdeskAccount? freshdesk, IGitHubRepository? repository)
{
    public async Task<IReadOnlyList<SetupOutcome>> RunAsync(SetupPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var outcomes = new List<SetupOutcome>();
        foreach (var step in plan.Steps)
        {
            try
            {
                outcomes.Add(await RunAsync(step, cancellationToken));
            }
            catch (ServiceException e) when (e.Status is 409 or 422 || e.MayAlreadyExist)
            {
                outcomes.Add(new SetupOutcome(step, true, $"It already exists ({e.Message})."));
            }
            catch (ServiceException e)
            {
                outcomes.Add(new SetupOutcome(step, false, e.Message));
            }
        }

        return outcomes;
    }

    private async Task<SetupOutcome> RunAsync(SetupStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case CreateCommunityProperty property:
                await Need(portal).CreateCommunityPropertyAsync(property.Property, cancellationToken);
                return new SetupOutcome(step, true);
            case CreateContactLabel label:
                await Need(portal).CreateCommunityContactLabelAsync(label.Name, label.Label, cancellationToken);
                return new SetupOutcome(step, true);
            case CreateCompanyField field:
                var created = await Need(freshdesk).CreateCompanyFieldAsync(field.Name, field.Type, cancellationToken);
                return string.Equals(created.Name, field.Name, StringComparison.Ordinal)
                    ? new SetupOutcome(step, true)
                    : new SetupOutcome(step, true, $"Freshdesk named the new field {created.Name}: set freshdesk.company_fields.{field.Field} in onboarding.yaml to {created.Name}.");
            case CreateRepositoryLabel label:
                await Need(repository).CreateLabelAsync(label.Name, label.Color, label.LabelDescription, cancellationToken);
                return new SetupOutcome(step, true);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "Not a setup step.");
        }
    }

    private static T Need<T>(T? service)
        where T : class =>
        service ?? throw new ServiceException($"The service this step needs was not connected (its secret is not set).");
}
