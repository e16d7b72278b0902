using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>
/// An error answer a store decided on. It is thrown, so a check deep inside a store operation can end it (stores check
/// before they change anything); each service's problem knows its own error shape, and <see cref="EmulatorRoutes"/>
/// writes it.
/// </summary>
internal abstract class EmulatorProblem : Exception
{
    protected EmulatorProblem(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; }

    /// <summary>The service's answer to this problem (the request is at hand for what the answer names, such as the route's documentation).</summary>
    public abstract EmulatorResponse ToResponse(HttpContext context);
}
