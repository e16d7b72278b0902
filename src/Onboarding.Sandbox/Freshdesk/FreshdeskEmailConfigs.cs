using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>The helpdesk's mailboxes, as the seed configures them: read only.</summary>
internal sealed class FreshdeskEmailConfigs(FreshdeskStore store)
{
    public EmulatorResponse List()
    {
        var items = new JsonArray();
        foreach (var config in store.Seed.EmailConfigs)
            items.Add(ToJson(config));
        return new EmulatorResponse(200, items);
    }

    public EmulatorResponse Get(long id) =>
        new(200, ToJson(store.EmailConfig(id) ?? throw FreshdeskProblem.NotFound()));

    private static JsonObject ToJson(FreshdeskEmailConfigSeed config) => new()
    {
        ["id"] = config.Id,
        ["name"] = config.Name,
        ["product_id"] = null,
        ["to_email"] = config.ReplyEmail,
        ["reply_email"] = config.ReplyEmail,
        ["group_id"] = null,
        ["primary_role"] = config.Primary,
        ["active"] = true,
    };
}
