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
}
