using System.Text;

namespace Onboarding.Core.Tests.Configurator;

/// <summary>Builds share links the way the configurator page does: base64url of the state, without padding.</summary>
internal static class Links
{
    public const string Page = "https://2i2c.org/hub-configurator/?state=";

    public static string Of(string stateJson) => Page + Encode(Encoding.UTF8.GetBytes(stateJson));

    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The link of one tier with the given selections (a JSON object's members).</summary>
    public static string Tier(string tier, string selections = "") =>
        Of("{\"tier\":\"" + tier + "\",\"selections\":{\"" + tier + "\":{" + selections + "}}}");
}
