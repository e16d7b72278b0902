using Onboarding.Core.Configuration;
using Onboarding.Sandbox;
using Onboarding.Services;

namespace Onboarding.Testing;

/// <summary>The addresses and credentials of a running sandbox, as the clients take them.</summary>
public static class SandboxAccess
{
    public static ServiceAccess Of(SandboxServer sandbox) => new(
        sandbox.HubSpot.BaseAddress, sandbox.Options.HubSpot.Tokens[0],
        sandbox.Freshdesk.BaseAddress, sandbox.Options.Freshdesk.ApiKey,
        sandbox.GitHub.BaseAddress, sandbox.Options.GitHub.Tokens[0].Token,
        new PrometheusAddress(sandbox.PrometheusTemplate))
    {
        PrometheusLogins = sandbox.Options.Prometheus.ClientLogins(),
    };
}
