using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Testing;

/// <summary>Valid manifest texts for tests and benchmarks; each index gives a distinct community.</summary>
public static class ManifestText
{
    public const string SchemaLine = "# yaml-language-server: $schema=../schemas/community.schema.json";

    /// <summary>A valid manifest; line numbers are stable so tests can assert locations:
    /// line 2 name, 3 long_name, 6 first representative's name, 7 its email, 11 first deal, 13 first hub name.</summary>
    public static string Valid(string name = "alpha", string deal = "1001", string domain = "alpha.hubs.example.org") => $"""
        {SchemaLine}
        name: {name}
        long_name: The {name} community
        website: https://{name}.example.org
        representatives:
          - name: Rep One
            email: rep.one@{name}.example.org
        technical_contacts:
          - name: Tech One
            email: tech.one@{name}.example.org
        deals: ["{deal}"]
        hubs:
          - name: prod
            domain: {domain}
            status: requested
            requested: 2026-01-15
            auth:
              method: github
              organizations: [{name}-org]
              admins: [rep-one]
            resources: ["r5.xlarge:4"]

        """;

    /// <summary>
    /// <see cref="Valid"/> under another name, with a deal and a domain of its own (a deal belongs to one manifest). The
    /// deal is derived from the name the same way in every run (string.GetHashCode differs from process to process).
    /// </summary>
    public static string Another(string name) =>
        Valid(name, $"9000{BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name))) % 100000:D5}", $"{name}.hubs.example.org");

    /// <summary><see cref="Valid"/> of alpha without its technical contact (the community is then asked for one).</summary>
    public static string WithoutTechnicalContact(string alpha) =>
        alpha.Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal);

    /// <summary><see cref="Valid"/> of alpha without its hub's admins and organisations (more to ask for).</summary>
    public static string WithoutHubAdmins(string alpha) =>
        alpha.Replace("      admins: [rep-one]\n", "", StringComparison.Ordinal).Replace("      organizations: [alpha-org]\n", "", StringComparison.Ordinal);

    /// <summary>The n-th of many distinct, valid, realistic manifests (for benchmarks and generators).</summary>
    public static string Generated(int n)
    {
        var name = "c" + n.ToString("D6", CultureInfo.InvariantCulture);
        var deployed = n % 3 == 0;
        var status = deployed
            ? $"""
                status: deployed
                requested: "2025-0{1 + (n % 9)}-01"
                deployed: "2025-0{1 + (n % 9)}-20"
                url: https://{name}.hubs.example.org
            """
            : """
                status: requested
                requested: "2026-02-01"
            """;
        return $"""
            {SchemaLine}
            name: {name}
            long_name: Generated Community {n}
            website: https://{name}.example.org
            github_organization: https://github.com/{name}-org
            context: |
              ## What do you want to achieve?
              Community number {n} wants shared notebooks for its members.
            representatives:
              - name: Rep {n}
                email: rep@{name}.example.org
                github: rep-{name}
            technical_contacts:
              - name: Tech {n}
                email: tech@{name}.example.org
            deals: ["{100000 + n}"]
            cloud:
              provider: {(n % 2 == 0 ? "aws" : "gcp")}
              region: {(n % 2 == 0 ? "us-west-2" : "us-central1")}
            hubs:
              - name: prod
                domain: {name}.hubs.example.org
            {status}
                auth:
                  method: github
                  organizations: [{name}-org]
                  admins: [rep-{name}]
                resources: ["{(n % 2 == 0 ? "r5.xlarge:4" : "n2-highmem-4:3")}"]
                dask: {(n % 5 == 0 ? "true" : "false")}

            """;
    }
}
