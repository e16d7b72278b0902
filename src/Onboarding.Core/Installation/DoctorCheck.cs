namespace Onboarding.Core.Installation;

/// <summary>
/// One line of <c>onboarding doctor</c>: what was checked, whether it passed, and when not, a sentence saying what is
/// wrong and how to fix it; <see cref="Fix"/> is what <c>onboarding setup</c> creates for it (null: by hand).
/// </summary>
public sealed record DoctorCheck(string Service, string Title, bool Passed, string? Problem = null, SetupStep? Fix = null)
{
    public static DoctorCheck Pass(string service, string title) => new(service, title, true);

    public static DoctorCheck Fail(string service, string title, string problem, SetupStep? fix = null) => new(service, title, false, problem, fix);
}
