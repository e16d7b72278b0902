using Onboarding.Core.Text;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

public sealed class IssueTemplateRendererTests
{
    private const string Marker = "<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=2 -->";

    [Fact]
    public void Render_Form_BodyAsGitHubWritesASubmittedForm()
    {
        // Given
        var template = Templates.Parse("small.yaml", IssueTemplateReaderTests.SmallForm);
        var answers = new TemplateAnswers
        {
            Placeholders = new Dictionary<string, string> { ["community_name"] = "tidepool" },
            Fields = new Dictionary<string, FieldAnswer>
            {
                ["status"] = FieldAnswer.Choose("READY"),
                ["cluster"] = FieldAnswer.Text("tidepool"),
                ["checks"] = FieldAnswer.Choose("Deal signed"),
            },
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then the markdown field is left out, the empty optional textarea reads _No response_
        issue.Body.ShouldBe("""
            ### Status

            READY

            ### Cluster

            tidepool

            ### Context

            _No response_

            ### Checks

            - [X] Deal signed
            - [ ] Contacts known

            """);
        issue.Unanswered.ShouldBeEmpty();
        issue.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Render_Form_ReadsBackAsTheAnswersGiven()
    {
        // Given
        var template = Templates.Parse("small.yaml", IssueTemplateReaderTests.SmallForm);
        var answers = new TemplateAnswers
        {
            Fields = new Dictionary<string, FieldAnswer>
            {
                ["status"] = FieldAnswer.Text("not ready"),
                ["cluster"] = FieldAnswer.Text("heliolab"),
                ["context"] = FieldAnswer.Text("Ocean data.\nTwo workshops a year."),
                ["checks"] = FieldAnswer.Choose("Deal signed", "Contacts known"),
            },
        };
        var labels = template.Fields.Where(f => f.Type != FormFieldType.Markdown).Select(f => f.Label).ToList();

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);
        var read = IssueFormBody.Parse(issue.Body, labels);

        // Then the answers come back through the same reader the program uses for submitted forms
        read.Answer("Status").ShouldBe("NOT READY");
        read.Answer("Cluster").ShouldBe("heliolab");
        read.Lines("Context").ShouldBe(["Ocean data.", "Two workshops a year."]);
        read.Ticked("Checks").ShouldBe(["Deal signed", "Contacts known"]);
    }

    [Fact]
    public void Render_TitleAndLabels_FromTheTemplatePlusConfigured()
    {
        // Given
        var template = Templates.Sample("03_new-hub_phase-1.yaml") with { Labels = ["new-hub"] };
        var answers = new TemplateAnswers
        {
            Placeholders = new Dictionary<string, string> { ["community_name"] = "tide\npool" },
            Labels = ["New-Hub", "phase-1", " ", "community:tidepool"],
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Title.ShouldBe("[New Hub] [Phase 1] Cloud Account Setup - tide pool");
        issue.Labels.ShouldBe(["new-hub", "phase-1", "community:tidepool"]);
    }

    [Fact]
    public void Render_TitlePlaceholders_AnySpellingUnknownOnesListed()
    {
        // Given "[Decommission Hub][{{ deadline }}] {{ HUB NAME }}"
        var template = Templates.Sample("06_decommission-hub.md");
        var answers = new TemplateAnswers { Placeholders = new Dictionary<string, string> { ["hub_name"] = "staging" } };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Title.ShouldBe("[Decommission Hub][{{ deadline }}] staging");
        issue.Unanswered.ShouldBe([new UnansweredQuestion("{{ deadline }}", "title", Reason: "no value is given for this placeholder")]);
    }

    [Fact]
    public void Render_LongTitle_CutToWhatGitHubTakes()
    {
        // Given
        var template = Templates.Sample("04_new-hub_phase-2.yaml");
        var answers = new TemplateAnswers { Placeholders = new Dictionary<string, string> { ["community_name"] = new string('x', 400) } };

        // When
        var title = IssueTemplateRenderer.Render(template, answers).Title;

        // Then
        title.Length.ShouldBe(IssueTemplateRenderer.MaxTitleLength);
        title.ShouldEndWith("x…");
    }

    [Fact]
    public void Render_Marker_FirstLineAboveTheForm()
    {
        // Given
        var template = Templates.Sample("04_new-hub_phase-2.yaml");

        // When
        var issue = IssueTemplateRenderer.Render(template, new TemplateAnswers { Marker = Marker });

        // Then
        issue.Body.ShouldStartWith(Marker + "\n\n### Is this phase ready to be worked on?\n\nNOT READY\n\n### ");
        TurnupMarker.Parse(issue.Body).ShouldNotBeNull().Line.ShouldBe(Marker);
    }

    [Theory]
    [InlineData("onboarding:turnup community=x hub=y phase=1")]
    [InlineData("<!-- two -->\n<!-- lines -->")]
    [InlineData("<!-- ends --> early -->")]
    public void Render_MarkerNotOneHiddenLine_Refused(string marker)
    {
        // Given
        var template = Templates.Sample("04_new-hub_phase-2.yaml");

        // When
        var render = () => IssueTemplateRenderer.Render(template, new TemplateAnswers { Marker = marker });

        // Then
        render.ShouldThrow<ArgumentException>();
    }

    [Fact]
    public void Render_TableRows_AnsweredByQuestionOthersAsTheTemplateHasThem()
    {
        // Given answers to two of the three questions of phase 2, the region assumed
        var template = Templates.Sample("04_new-hub_phase-2.yaml");
        var answers = new TemplateAnswers
        {
            Fields = new Dictionary<string, FieldAnswer> { ["status"] = FieldAnswer.Text("READY") },
            Questions = new Dictionary<string, TableAnswer>
            {
                ["Region/Zone of the cluster"] = TableAnswer.Of("us-west-2", assumed: true),
                ["Name of the cluster"] = TableAnswer.Of("tidepool", "The community's machine name"),
            },
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Body.ShouldContain("""
            ### Is this phase ready to be worked on?

            READY

            ### What we need to know to set up a cluster for one community or for several.

            By now the engineers can reach the cloud account.
            """);
        issue.Body.ShouldContain("""
            | Question | Answer | Notes |
            | :--- | :--- | :--- |
            | Region/Zone of the cluster | us-west-2 | Assumed default; change after deployment if needed |
            | Name of the cluster | tidepool | The community's machine name |
            | Are GPUs required? | `Yes/No` | |

            How-to guides:
            - https://example.org/runbooks/phase-2
            """);
        issue.Unanswered.Where(u => u.Where != "title").ShouldBe([new UnansweredQuestion("Are GPUs required?", "What we need to know to set up a cluster for one community or for several.")]);
    }

    [Fact]
    public void Render_Questions_MatchedByWhatAReaderSees()
    {
        // Given questions written without the link address, code marks, case or spacing of the template's
        var template = Templates.Sample("03_new-hub_phase-1.yaml");
        var answers = new TemplateAnswers
        {
            Questions = new Dictionary<string, TableAnswer>
            {
                ["have the technical contacts  been added to the AirTable?"] = TableAnswer.Of("Yes"),
                ["Hubspot Deal URL"] = new(CellText.Link("31415926535", "https://app.hubspot.com/contacts/1/record/0-3/31415926535"), CellText.Text("Contract Admin")),
            },
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Body.ShouldContain("| Have the Technical Contacts been added to the [AirTable](https://airtable.com/)? | Yes | |\n");
        issue.Body.ShouldContain("| Hubspot Deal URL | [31415926535](https://app.hubspot.com/contacts/1/record/0-3/31415926535) | Contract Admin |");
        issue.Unanswered.Select(u => u.Question).ShouldNotContain("Hubspot Deal URL");
    }

    [Fact]
    public void Render_TemplateNotes_KeptWhenTheAnswerHasNone()
    {
        // Given a row whose Notes carry the template's own hint
        var template = Templates.Sample("05_new-hub_phase-3.yaml");
        var answers = new TemplateAnswers
        {
            Hubs =
            [
                new HubAnswers("prod", true, new Dictionary<string, TableAnswer>
                {
                    ["Allow users to specify any image they want to use?"] = TableAnswer.Of("No"),
                    ["Allow multiple concurrent servers per user?"] = TableAnswer.Of("No", "Not in the Hub Configurator"),
                }),
            ],
        };

        // When
        var body = IssueTemplateRenderer.Render(template, answers).Body;

        // Then
        body.ShouldContain("| Allow users to specify any image they want to use? | No | Yes means `unlisted_choice` is on. |");
        body.ShouldContain("| Allow multiple concurrent servers per user? | No | Not in the Hub Configurator |");
    }

    [Fact]
    public void Render_Phase3_PerHubSectionRepeatedForEveryHub()
    {
        // Given two hubs, each with its own answers
        var template = Templates.Sample("05_new-hub_phase-3.yaml");
        var answers = new TemplateAnswers
        {
            Placeholders = new Dictionary<string, string> { ["community_url"] = "https://tidepool.example.org" },
            Fields = new Dictionary<string, FieldAnswer>
            {
                ["context"] = FieldAnswer.Markdown("Coastal **ocean** data."),
                ["hub-num"] = FieldAnswer.Text("2"),
                ["cluster"] = FieldAnswer.Text("tidepool"),
            },
            Hubs =
            [
                new HubAnswers("staging", true, new Dictionary<string, TableAnswer> { ["Name of the hub"] = TableAnswer.Of("staging") }),
                new HubAnswers("prod", false, new Dictionary<string, TableAnswer> { ["Name of the hub"] = TableAnswer.Of("prod"), ["Dask gateway?"] = TableAnswer.Of("Yes") }),
            ],
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Title.ShouldBe("[New Hub] [Phase 3] Hub Setup - https://tidepool.example.org");
        var body = issue.Body;
        body.ShouldStartWith("""
            ### Context

            > Coastal **ocean** data.

            ### How many hubs will be deployed?

            2

            ### Which cluster will the hub(s) be deployed on?

            tidepool

            ### Hub Setup Information

            Give every hub its own copy of the tables below.
            """);
        body.ShouldContain("""
            How-to guides:
            - https://example.org/runbooks/phase-3

            ### Hub 1: staging (READY)

            #### Phase 3.1: First deployment

            | Question | Answer | Notes |
            | :--- | :--- | :--- |
            | Name of the hub | staging | |
            | Dask gateway? | `Yes/No` | |
            """);
        body.ShouldContain("""
            | Custom image to be default? | `Yes/No` | |

            ### Hub 2: prod (NOT READY)

            #### Phase 3.1: First deployment

            | Question | Answer | Notes |
            | :--- | :--- | :--- |
            | Name of the hub | prod | |
            | Dask gateway? | Yes | |
            """);
        body.ShouldEndWith("| Custom image to be default? | `Yes/No` | |\n");
        body.Split('\n').Count(l => l.StartsWith("#### Phase 3.1:", StringComparison.Ordinal)).ShouldBe(2);
        body.ShouldNotContain("{{hub_name}}");
        issue.Unanswered.Count(u => u.Hub == "staging").ShouldBe(SampleTemplatesTests.PerHubQuestions.Count - 1);
        issue.Unanswered.Count(u => u.Hub == "prod").ShouldBe(SampleTemplatesTests.PerHubQuestions.Count - 2);
        issue.Unanswered.ShouldAllBe(u => u.Where == "Hub Setup Information");
        issue.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Render_HubsForATemplateWithoutPerHubSection_Problem()
    {
        // Given
        var template = Templates.Sample("04_new-hub_phase-2.yaml");
        var answers = new TemplateAnswers { Hubs = [new HubAnswers("prod", true, new Dictionary<string, TableAnswer>())] };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Problems.Select(p => p.ToString()).ShouldBe(
            ["04_new-hub_phase-2.yaml:1:1: error: body: The template has no per-hub section (a line \"### Hub 1: ...\" in its text), so the 1 hub(s) asked for cannot each get their tables."]);
    }

    [Fact]
    public void Render_DropdownAnswerNotAnOption_DefaultKeptAndListed()
    {
        // Given
        var template = Templates.Sample("03_new-hub_phase-1.yaml");
        var answers = new TemplateAnswers { Fields = new Dictionary<string, FieldAnswer> { ["status"] = FieldAnswer.Text("Almost") } };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Body.ShouldStartWith("### Is this phase ready to be worked on?\n\nNOT READY\n\n");
        issue.Unanswered.First(u => u.Where != "title").ShouldBe(new UnansweredQuestion("Is this phase ready to be worked on?", "Is this phase ready to be worked on?",
            Reason: "\"Almost\" is not one of its options (NOT READY, READY)"));
    }

    [Fact]
    public void Render_RequiredFieldWithoutAnswer_NoResponseAndListed()
    {
        // Given
        var template = Templates.Sample("05_new-hub_phase-3.yaml");

        // When
        var issue = IssueTemplateRenderer.Render(template, new TemplateAnswers());

        // Then
        issue.Body.ShouldStartWith("### Context\n\n_No response_\n\n### How many hubs will be deployed?\n\n_No response_\n\n");
        issue.Unanswered.Where(u => u.Where != "title").Take(2).Select(u => u.Question).ShouldBe(["How many hubs will be deployed?", "Which cluster will the hub(s) be deployed on?"]);
    }

    [Fact]
    public void Render_MarkdownTemplate_BodyWithItsTaskLists()
    {
        // Given
        var template = Templates.Sample("02_new-hub_phase-0.md");
        var answers = new TemplateAnswers
        {
            Marker = "<!-- onboarding:turnup community=tidepool hub=prod phase=0 -->",
            Placeholders = new Dictionary<string, string> { ["community_name"] = "tidepool", ["date"] = "2026-12-04" },
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        issue.Title.ShouldBe("[New Hub] [Due by: 2026-12-04] [Spike: 30mins] Requirements sync before the turnup phases - tidepool");
        issue.Body.ShouldBe(answers.Marker + "\n\n" + template.Body + "\n");
        issue.Unanswered.ShouldBeEmpty();
    }

    [Fact]
    public void Render_Appendix_AfterTheTemplatesTextBeforeTheHubSections_AndEachHubsAfterItsTables()
    {
        // Given what the program adds to the issue and to each hub's section
        var template = Templates.Sample("05_new-hub_phase-3.yaml");
        var answers = new TemplateAnswers
        {
            Appendix = AppendixText.Join(AppendixText.Heading("Missing information"), AppendixText.Bullets([CellText.Text("Who administers prod?")])),
            Hubs =
            [
                new HubAnswers("staging", true, new Dictionary<string, TableAnswer>()) { Appendix = AppendixText.Code("deployer generate hub-asset", "bash") },
                new HubAnswers("prod", false, new Dictionary<string, TableAnswer>()),
            ],
        };

        // When
        var body = IssueTemplateRenderer.Render(template, answers).Body;

        // Then
        var missing = body.IndexOf("\n\n#### Missing information\n\n- Who administers prod?\n\n### Hub 1: staging", StringComparison.Ordinal);
        missing.ShouldBeGreaterThan(body.IndexOf("https://example.org/runbooks/phase-3", StringComparison.Ordinal));
        body.Split("#### Missing information").Length.ShouldBe(2);
        var code = body.IndexOf("| Custom image to be default? | `Yes/No` | |\n\n```bash\ndeployer generate hub-asset\n```\n\n### Hub 2: prod", StringComparison.Ordinal);
        code.ShouldBeGreaterThan(missing);
        body.ShouldEndWith("| Custom image to be default? | `Yes/No` | |\n");
    }

    [Fact]
    public void Render_AppendixOfAMarkdownTemplate_AtTheEndOfTheBody()
    {
        // Given
        var template = Templates.Sample("06_decommission-hub.md");

        // When
        var body = IssueTemplateRenderer.Render(template, new TemplateAnswers { Appendix = AppendixText.Heading("The hub") }).Body;

        // Then
        body.ShouldBe(template.Body!.Trim('\n') + "\n\n#### The hub\n");
    }

    [Fact]
    public void Render_AppendixWhereNoFieldHasTheTemplatesText_AtTheEndOfTheBody()
    {
        // Given a form whose fields have no text of their own
        var template = Templates.Parse("small.yaml", IssueTemplateReaderTests.SmallForm);

        // When
        var body = IssueTemplateRenderer.Render(template, new TemplateAnswers { Appendix = AppendixText.Heading("Added") }).Body;

        // Then
        body.ShouldEndWith("- [ ] Contacts known\n\n#### Added\n");
    }

    [Fact]
    public void Render_TableInACodeBlockOrWithoutQuestionColumn_LeftAlone()
    {
        // Given
        var template = Templates.Parse("t.md", """
            ---
            name: T
            about: T
            ---
            ```
            | Question | Answer | Notes |
            | --- | --- | --- |
            | Name of the hub | | |
            ```

            | Item | Value |
            | --- | --- |
            | Name of the hub | |

            | Question | Answer |
            | - | - |
            | Name of the hub | |
            """);
        var answers = new TemplateAnswers { Questions = new Dictionary<string, TableAnswer> { ["Name of the hub"] = TableAnswer.Of("prod", assumed: true) } };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then only the last table is a question table; without a Notes column the assumption goes beside the answer
        issue.Body.ShouldBe(template.Body!.Replace(
            "| - | - |\n| Name of the hub | |",
            "| - | - |\n| Name of the hub | prod (Assumed default; change after deployment if needed) |",
            StringComparison.Ordinal) + "\n");
    }

    [Fact]
    public void Render_TextareaWithRender_AnswerInACodeBlock()
    {
        // Given
        var template = Templates.Parse("r.yaml", """
            name: R
            description: R
            body:
            - type: textarea
              id: logs
              attributes:
                label: Logs
                render: shell
            """);
        var answers = new TemplateAnswers { Fields = new Dictionary<string, FieldAnswer> { ["logs"] = FieldAnswer.Text("```\n<script>") } };

        // When
        var body = IssueTemplateRenderer.Render(template, answers).Body;

        // Then
        body.ShouldBe("### Logs\n\n````shell\n```\n<script>\n````\n");
    }

    [Fact]
    public void Render_BodyLongerThanGitHubTakes_Problem()
    {
        // Given
        var template = Templates.Sample("05_new-hub_phase-3.yaml");
        var hubs = Enumerable.Range(0, 40).Select(i => new HubAnswers($"hub{i}", true, new Dictionary<string, TableAnswer>())).ToList();

        // When
        var issue = IssueTemplateRenderer.Render(template, new TemplateAnswers { Hubs = hubs });

        // Then
        issue.Body.Length.ShouldBeGreaterThan(IssueTemplateRenderer.MaxBodyLength);
        issue.Problems.ShouldHaveSingleItem().Message.ShouldStartWith("Filled in, the issue would be ");
    }

    [Fact]
    public void Render_TwoAnswersForOneQuestion_Refused()
    {
        // Given
        var template = Templates.Sample("04_new-hub_phase-2.yaml");
        var answers = new TemplateAnswers
        {
            Questions = new Dictionary<string, TableAnswer> { ["Name of the cluster"] = TableAnswer.Of("a"), ["name of the  cluster"] = TableAnswer.Of("b") },
        };

        // When
        var render = () => IssueTemplateRenderer.Render(template, answers);

        // Then
        render.ShouldThrow<ArgumentException>();
    }

    [Theory]
    [MemberData(nameof(TurnupInjectionTests.Payloads), MemberType = typeof(TurnupInjectionTests))]
    public void Render_HostileTextInEveryAnswer_NothingActive(string name, string payload)
    {
        // Given the payload in every answer, note, field, placeholder and hub name of phase 3
        _ = name;
        var template = Templates.Sample("05_new-hub_phase-3.yaml");
        var everyRow = SampleTemplatesTests.PerHubQuestions.ToDictionary(q => q, _ => new TableAnswer(
            CellText.Join("; ", [CellText.Text(payload), CellText.Url(payload), CellText.Link(payload, payload)]), CellText.Text(payload), Assumed: true));
        var answers = new TemplateAnswers
        {
            Marker = Marker,
            Placeholders = new Dictionary<string, string> { ["community_url"] = payload },
            Fields = new Dictionary<string, FieldAnswer>
            {
                ["context"] = FieldAnswer.Markdown(payload),
                ["hub-num"] = FieldAnswer.Text(payload),
                ["cluster"] = FieldAnswer.Choose(payload, payload),
            },
            Hubs = [new HubAnswers(payload, true, everyRow), new HubAnswers(payload, false, everyRow)],
        };

        // When
        var issue = IssueTemplateRenderer.Render(template, answers);

        // Then
        Inertness.OfMarkdown(issue.Body, allowedHtmlFirstLine: Marker, tableColumns: 3).ShouldBeEmpty();
        issue.Title.ShouldNotContain("\n");
        issue.Title.ShouldNotContain("\u202E");
        issue.Unanswered.ShouldNotContain(u => u.Hub != null);
    }
}
