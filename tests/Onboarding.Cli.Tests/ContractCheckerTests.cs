using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;
using Onboarding.Testing.Contracts;

namespace Onboarding.Cli.Tests;

/// <summary>The contract check must catch what a vendor would refuse, or its passing proves nothing (issue #12).</summary>
public sealed class ContractCheckerTests
{
    private const string BatchRead = "/crm/v3/objects/contacts/batch/read";

    [Fact]
    public void Check_UnknownProperty_NamesItAndTheKnownOnes()
    {
        // When a contact update carries a field HubSpot's input has no place for
        var findings = Check("hubspot", "PATCH", "/crm/v3/objects/contacts/51", """{"properties":{"email":"a@b.example"},"id":"51"}""");

        // Then
        var finding = findings.ShouldHaveSingleItem();
        (finding.Operation, finding.Problem.Where, finding.Problem.Kind).ShouldBe(("PATCH /crm/v3/objects/contacts/{contactId}", "body.id", "unknown-property"));
        finding.Problem.Rule.ShouldBe("is not a property the description lists (known: properties)");
    }

    [Fact]
    public void Check_MissingRequiredField_IsAFindingAndSendingItPasses()
    {
        // When a batch read leaves out propertiesWithHistory, which HubSpot's description requires, and then sends it
        var without = Check("hubspot", "POST", BatchRead, """{"inputs":[{"id":"51"}],"properties":["email"]}""");
        var with = Check("hubspot", "POST", BatchRead, """{"inputs":[{"id":"51"}],"properties":["email"],"propertiesWithHistory":[]}""");

        // Then
        without.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("body.propertiesWithHistory", "required", "is required but missing"));
        with.ShouldBeEmpty();
    }

    [Fact]
    public void Check_WrongTypes_InBodyQueryAndPath_AreFindings()
    {
        // When an id is a number where HubSpot wants text, a limit is not a number, and a Freshdesk ticket id is not one either
        var body = Check("hubspot", "POST", BatchRead, """{"inputs":[{"id":51}],"properties":[],"propertiesWithHistory":[]}""");
        var query = Check("hubspot", "GET", "/crm/v3/objects/2-4711203?limit=many&properties=name,long_name");
        var path = Check("freshdesk", "GET", "/api/v2/tickets/first");

        // Then
        body.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("body.inputs[0].id", "type", "is an integer; the description says string"));
        query.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("query parameter 'limit'", "type", "is 'many'; the description says integer"));
        path.ShouldHaveSingleItem().Problem.Where.ShouldBe("path parameter 'id'");
    }

    [Fact]
    public void Check_TagOf33Characters_IsAFindingAndOf32Passes()
    {
        // Given
        var tag32 = new string('t', 32);
        var tag33 = new string('t', 33);

        // When
        var findings = Check("freshdesk", "PUT", "/api/v2/tickets/7", $$"""{"tags":["{{tag32}}","{{tag33}}"]}""");

        // Then
        var finding = findings.ShouldHaveSingleItem();
        (finding.Operation, finding.Problem.Where, finding.Place, finding.Problem.Kind).ShouldBe(("PUT /api/v2/tickets/{id}", "body.tags[1]", "body.tags[]", "maxLength"));
        finding.Problem.Rule.ShouldStartWith("has 33 characters");
        finding.Problem.Rule.ShouldEndWith("at most 32 are allowed");
    }

    [Fact]
    public void Check_UnknownPathOrMethod_IsAFinding()
    {
        // When
        var path = Check("github", "GET", "/api/v3/repos/example-org/infrastructure/releases");
        var method = Check("freshdesk", "DELETE", "/api/v2/tickets/7");
        var outside = Check("github", "GET", "/repos/example-org/infrastructure/issues");

        // Then
        path.ShouldHaveSingleItem().Problem.Kind.ShouldBe("path");
        method.ShouldHaveSingleItem().Problem.Rule.ShouldBe("DELETE is not an operation on /api/v2/tickets/{id} (the description has GET, PUT)");
        outside.ShouldHaveSingleItem().Problem.Rule.ShouldBe("/repos/example-org/infrastructure/issues is not under /api/v3/, where the API is served");
    }

    [Fact]
    public void Check_CompanyIdOnATicket_NeedsTheMultipleCompaniesFeature()
    {
        // Given
        const string ticket = """{"email":"ana@tidepool.example.org","subject":"s","description":"<p>d</p>","status":2,"priority":1,"company_id":43000200001}""";

        // When
        var without = Check("freshdesk", "POST", "/api/v2/tickets", ticket);
        var with = Check("freshdesk", "POST", "/api/v2/tickets", ticket, FreshdeskFacts.MultipleCompanies);

        // Then
        without.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("body.company_id", "feature", "may only be sent when the account has the 'multiple_companies' feature, which it does not"));
        with.ShouldBeEmpty();
    }

    [Fact]
    public void Check_ValuesOutsideTheAllowedOnes_AreFindings()
    {
        // When a status is not one of Freshdesk's, a requester has no identifier, a search query is not quoted and asks
        // for a page size search does not take, and a GitHub label is neither a name nor a label object
        var status = Check("freshdesk", "PUT", "/api/v2/tickets/7", """{"status":6}""");
        var requester = Check("freshdesk", "POST", "/api/v2/tickets", """{"subject":"s","description":"d"}""");
        var search = Check("freshdesk", "GET", "/api/v2/search/tickets?query=tag:x&per_page=100");
        var label = Check("github", "POST", "/api/v3/repos/example-org/infrastructure/issues", """{"title":"t","labels":[7]}""");

        // Then
        status.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("body.status", "enum", "is 6; allowed: 2, 3, 4, 5"));
        requester.ShouldHaveSingleItem().Problem.Kind.ShouldBe("anyOf");
        search.Select(f => (f.Problem.Where, f.Problem.Kind)).ShouldBe([("query parameter 'query'", "pattern"), ("query parameter 'per_page'", "unknown-parameter")], ignoreOrder: true);
        label.ShouldHaveSingleItem().Problem.ShouldBe(new SchemaProblem("body.labels[0]", "oneOf", "matches none of the 2 alternatives of oneOf (1: body.labels[0] is an integer; the description says string; 2: body.labels[0] is an integer; the description says object)"));
    }

    [Fact]
    public void Check_BodyWhereNoneIsTakenOrNoneWhereOneIsRequired_IsAFinding()
    {
        // When
        var extra = Check("hubspot", "PUT", "/crm/v4/objects/2-4711203/11/associations/default/deals/27182818284", "{}");
        var missing = Check("freshdesk", "POST", "/api/v2/tickets/7/notes");
        var notJson = Check("github", "POST", "/api/v3/repos/example-org/infrastructure/issues/4/comments", "body=hello");

        // Then
        extra.ShouldHaveSingleItem().Problem.Kind.ShouldBe("unknown-body");
        missing.ShouldHaveSingleItem().Problem.Kind.ShouldBe("required");
        notJson.ShouldHaveSingleItem().Problem.Kind.ShouldBe("json");
    }

    [Fact]
    public void Check_RequestsAsTheVendorsDescribeThem_Pass()
    {
        // Given one well-formed request of each kind the program makes
        (string Service, string Method, string Target, string? Body)[] requests =
        [
            ("hubspot", "POST", "/crm/v3/objects/2-4711203", """{"properties":{"name":"tidepool","long_name":"Tidepool"},"associations":[]}"""),
            ("hubspot", "GET", "/crm/v3/objects/2-4711203/tidepool?idProperty=name&properties=name,long_name", null),
            ("hubspot", "POST", "/crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"idProperty":"email","id":"ana@tidepool.example.org","properties":{"firstname":"Ana"}}]}"""),
            ("hubspot", "PUT", "/crm/v4/objects/2-4711203/11/associations/contacts/51", """[{"associationCategory":"USER_DEFINED","associationTypeId":7}]"""),
            ("hubspot", "POST", "/crm/v3/objects/notes", """{"properties":{"hs_note_body":"<p>x</p>","hs_timestamp":"2026-11-24T12:00:00.000Z"},"associations":[{"to":{"id":"11"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":202}]}]}"""),
            ("freshdesk", "POST", "/api/v2/tickets/outbound_email", """{"email":"ana@tidepool.example.org","subject":"Your hub","description":"<p>Ready</p>","email_config_id":43000012345,"status":5,"priority":1,"tags":["onboarding-hub-ready"],"cc_emails":[]}"""),
            ("freshdesk", "GET", "/api/v2/tickets?per_page=100&email=ana%2Btest%40tidepool.example.org&updated_since=2026-10-25T12%3A00%3A00Z", null),
            ("freshdesk", "GET", "/api/v2/search/tickets?query=%22tag%3A%27onboarding-missing%27%22&page=2", null),
            ("freshdesk", "POST", "/api/v2/contacts", """{"name":"Ana Ruiz","email":"ana@tidepool.example.org","company_id":43000200001,"tags":[]}"""),
            ("freshdesk", "GET", "/api/v2/companies/autocomplete?name=tidepool", null),
            ("github", "POST", "/api/v3/repos/example-org/infrastructure/issues", """{"title":"New hub: tidepool (prod)","body":"b","labels":["new-hub","phase-1"]}"""),
            ("github", "PATCH", "/api/v3/repos/example-org/infrastructure/issues/4", """{"title":"t","body":"b","state":"closed","milestone":null,"labels":["new-hub"],"assignees":[]}"""),
            ("github", "GET", "/api/v3/repos/example-org/infrastructure/issues?labels=new-hub&state=all&direction=asc&per_page=100&page=1", null),
            ("github", "GET", "/api/v3/repos/example-org/onboarding/contents/communities/tidepool.yaml?ref=main", null),
            ("prometheus", "GET", "/tidepool/api/v1/query_range?query=anything", null),
        ];

        // When
        var findings = requests.SelectMany(r => Check(r.Service, r.Method, r.Target, r.Body)).ToList();

        // Then
        findings.ShouldBeEmpty(string.Join("\n", findings));
    }

    [Fact]
    public void Check_ServiceWithNoDescription_IsAFinding()
    {
        // When
        var findings = Check("slack", "POST", "/api/chat.postMessage", "{}");

        // Then
        findings.ShouldHaveSingleItem().Problem.Rule.ShouldBe("slack has no description to check against");
    }

    [Fact]
    public void Contracts_EverySchemaTheyUse_IsUnderstoodByTheRules()
    {
        // When every operation's parameters and body are walked, references and all
        var contracts = new[] { HubSpotContract.Instance, FreshdeskFacts.Instance, OpenApiContract.Instance.Requests };

        // Then no keyword is one the rules would have to skip, and no reference leads nowhere
        foreach (var contract in contracts)
        {
            contract.Operations.ShouldNotBeEmpty();
            Should.NotThrow(contract.EnsureUnderstood, contract.Vendor);
        }
    }

    [Fact]
    public void Check_GraphQL_FieldArgumentOrVariableGitHubsSchemaLacks_IsAFinding()
    {
        // When GraphQL requests select a field the type lacks, give an argument it does not take, declare a variable
        // of the wrong type, and one is as GitHub's schema says
        static string Body(string query, string variables = "{}") => $$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(query)}},"variables":{{variables}}}""";
        var field = Check("github", "POST", "/api/graphql", Body("query P { organization(login: \"o\") { projectV2(number: 1) { id colour } } }"));
        var argument = Check("github", "POST", "/api/graphql", Body("query { organization(login: \"o\") { projectV2(number: 1, state: OPEN) { id } } }"));
        var variable = Check("github", "POST", "/api/graphql", Body("mutation M($p: String!, $c: ID!) { addProjectV2ItemById(input: {projectId: $p, contentId: $c}) { item { id } } }", """{"p":"PVT_1","c":"I_1"}"""));
        var fine = Check("github", "POST", "/api/graphql", Body("mutation M($p: ID!, $c: ID!) { addProjectV2ItemById(input: {projectId: $p, contentId: $c}) { item { id } } }", """{"p":"PVT_1","c":"I_1"}"""));
        var get = Check("github", "GET", "/api/graphql");

        // Then
        var unknown = field.ShouldHaveSingleItem();
        (unknown.Operation, unknown.Problem.Where, unknown.Problem.Kind, unknown.Problem.Rule).ShouldBe(
            ("POST /api/graphql query P", "query organization.projectV2.colour", "undefinedField", "Field 'colour' doesn't exist on type 'ProjectV2'"));
        argument.ShouldHaveSingleItem().Problem.Kind.ShouldBe("argumentNotAccepted");
        variable.ShouldHaveSingleItem().Problem.Rule.ShouldStartWith("Argument 'input' on Field 'addProjectV2ItemById' has an invalid value: projectId: variable $p is String!");
        fine.ShouldBeEmpty();
        get.ShouldHaveSingleItem().Problem.Rule.ShouldBe("GraphQL takes POST, not GET");
    }

    private static IReadOnlyList<ContractFinding> Check(string service, string method, string target, string? body = null, params string[] features)
    {
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = queryStart < 0 ? (target, "") : (target[..queryStart], target[queryStart..]);
        var entry = new JournalEntry(1, service, method, path, query, body, 200, false, null, FakeClock.TestDay);
        return ContractChecker.ForSandbox(features).Check([entry]);
    }
}
