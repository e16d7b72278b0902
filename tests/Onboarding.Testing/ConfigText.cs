using Onboarding.Sandbox;

namespace Onboarding.Testing;

/// <summary>Configuration texts for tests.</summary>
public static class ConfigText
{
    /// <summary>The least a configuration must say (the sandbox's values); line numbers in tests refer to it.</summary>
    public const string Minimal = """
        # yaml-language-server: $schema=schemas/onboarding.schema.json
        hubspot:
          community_object_type: "2-4711203"
          portal_id: 24681357
        freshdesk:
          domain: sandbox
          email_config_id: 43000012345
        github:
          infrastructure_repository: example-org/infrastructure
          bd_team: "@example-org/bd"

        """;

    /// <summary>
    /// <see cref="Minimal"/> with every service, Prometheus included, at an address where nothing listens: a command
    /// that tried to reach a service would fail, so a test can show that a command stops before it does.
    /// </summary>
    public static string Unreachable { get; } = Minimal
        .Replace("  portal_id: 24681357\n", "  portal_id: 24681357\n  base_url: http://127.0.0.1:9/\n", StringComparison.Ordinal)
        .Replace("  domain: sandbox\n", "  base_url: http://127.0.0.1:9/\n", StringComparison.Ordinal)
        .Replace("  bd_team: \"@example-org/bd\"\n", "  bd_team: \"@example-org/bd\"\n  api_url: http://127.0.0.1:9/\n", StringComparison.Ordinal)
        + "prometheus_url: http://127.0.0.1:9/{community}/\n";

    /// <summary>
    /// A configuration pointing at a running sandbox's HubSpot, Freshdesk and GitHub (the sandbox's own ids), with
    /// <paramref name="more"/> (top-level YAML lines, such as <c>prometheus_url</c>) after it.
    /// </summary>
    public static string For(SandboxServer sandbox, string infrastructureRepository = "example-org/infrastructure", string more = "")
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return $"""
            hubspot:
              base_url: {sandbox.HubSpot.BaseAddress}
              community_object_type: "2-4711203"
              portal_id: 24681357
            freshdesk:
              base_url: {sandbox.Freshdesk.BaseAddress}
              email_config_id: 43000012345
            github:
              api_url: {sandbox.GitHub.BaseAddress}
              infrastructure_repository: {infrastructureRepository}
              bd_team: "@example-org/bd"

            """ + more;
    }

    /// <summary>The sandbox's Prometheus, with the shared login for <paramref name="sharedLogin"/> only (<see cref="For"/>'s <c>more</c>).</summary>
    public static string Prometheus(SandboxServer sandbox, params string[] sharedLogin)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(sharedLogin);
        return $"prometheus_url: {sandbox.PrometheusTemplate}\n"
            + (sharedLogin.Length == 0 ? "" : "prometheus_shared_login:\n" + string.Concat(sharedLogin.Select(c => $"  - {c}\n")));
    }
}
