using Onboarding.Core.Turnup;
using Onboarding.Sandbox.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>
/// Where plan, apply and drift get the issue templates the turnup issues are filled in from: for now, the sample
/// templates built into the program (<see cref="SampleTemplates"/>). Reading them from the infrastructure repository
/// (with a copy to fall back on) replaces this one method; everything after it takes a <see cref="TurnupTemplateSet"/>.
/// </summary>
internal static class TurnupTemplates
{
    public static TurnupTemplateSet Load() => SampleTemplates.Load();
}
