using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Tests.Persistence;

namespace Onboarding.Sandbox.Tests.Hosting;

/// <summary>The journal as JSON lines: what a user reads to see what was sent, and what the contract test reads back.</summary>
public sealed class JournalFileTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly JournalEntry Json = new(1, "hubspot", "POST", "/crm/v3/objects/contacts/batch/read", "?archived=false", """{"inputs":[{"id":"ana@tidepool.example.org"}],"properties":["email"]}""", 200, false, null, At);

    private static readonly JournalEntry Text = new(2, "freshdesk", "GET", "/api/v2/contacts", "?email=ana%2Btest%40tidepool.example.org", null, 200, false, null, At.AddSeconds(1));

    private static readonly JournalEntry Escaped = new(3, "hubspot", "GET", "/crm/v3/objects/2-4711203/Tide pool? Ünïcode%2Fslash", "", null, 404, false, null, At.AddSeconds(2));

    private static readonly JournalEntry Html = new(4, "github", "PATCH", "/api/v3/repos/example-org/infrastructure/issues/4", "", "not json: <b>bold</b>\nsecond line", 400, true, "FailAfterCommit", At.AddSeconds(3));

    [Fact]
    public void WriteTo_EntriesOfEveryShape_ReadBackAsRecorded()
    {
        // Given a journal written to a file
        using var folder = new StateFolder();
        var journal = new RequestJournal();
        var path = folder.File("journal.jsonl");

        // When requests are recorded while it is open
        using (journal.WriteTo(path))
        {
            foreach (var entry in new[] { Json, Text, Escaped, Html })
                journal.Add(entry);
        }

        // Then each is one line, and reads back as it was recorded
        File.ReadAllLines(path).Length.ShouldBe(4);
        JournalFile.Read(path).ShouldBe([Json, Text, Escaped, Html]);
    }

    [Fact]
    public void ToLine_JsonAndTextBodies_JsonStaysJsonAndPathCarriesItsQuery()
    {
        // When
        var json = JsonNode.Parse(JournalFile.ToLine(Json))!;
        var text = JsonNode.Parse(JournalFile.ToLine(Html))!;
        var none = JsonNode.Parse(JournalFile.ToLine(Text))!;

        // Then a user reads the request as it went out: the JSON body as JSON, other bodies as text, the path with its query
        json["body"]!["inputs"]![0]!["id"]!.GetValue<string>().ShouldBe("ana@tidepool.example.org");
        json["path"]!.GetValue<string>().ShouldBe("/crm/v3/objects/contacts/batch/read?archived=false");
        (json["method"]!.GetValue<string>(), json["status"]!.GetValue<int>(), json["service"]!.GetValue<string>(), json["sequence"]!.GetValue<long>()).ShouldBe(("POST", 200, "hubspot", 1L));
        text["body"]!.GetValue<string>().ShouldBe("not json: <b>bold</b>\nsecond line");
        none["body"].ShouldBeNull();
        none["path"]!.GetValue<string>().ShouldBe("/api/v2/contacts?email=ana%2Btest%40tidepool.example.org");
    }

    [Fact]
    public void ToLine_PrettyPrintedJsonBody_StaysOnOneLineAsTheSameJson()
    {
        // Given
        var pretty = Json with { Body = "{\n  \"properties\": {\n    \"email\": \"ana@tidepool.example.org\"\n  }\n}" };

        // When
        var line = JournalFile.ToLine(pretty);

        // Then
        line.ShouldNotContain("\n");
        JsonNode.DeepEquals(JsonNode.Parse(line)!["body"], JsonNode.Parse(pretty.Body!)).ShouldBeTrue();
    }

    [Fact]
    public void WriteTo_Disposed_StopsWriting()
    {
        // Given
        using var folder = new StateFolder();
        var journal = new RequestJournal();
        var path = folder.File("journal.jsonl");
        var file = journal.WriteTo(path);
        journal.Add(Json);

        // When
        file.Dispose();
        journal.Add(Text);

        // Then
        JournalFile.Read(path).ShouldBe([Json]);
        journal.Entries.Count.ShouldBe(2);
    }

    [Fact]
    public void Read_LineThatIsNoEntry_SaysWhichLine()
    {
        // Given
        using var folder = new StateFolder();
        var path = folder.File("journal.jsonl");
        File.WriteAllLines(path, [JournalFile.ToLine(Json), """{"sequence":2,"service":"github"}"""]);

        // When
        var error = Should.Throw<InvalidDataException>(() => JournalFile.Read(path));

        // Then
        error.Message.ShouldBe($"{path}, line 2: not a journal entry (it has no \"method\")");
    }
}
