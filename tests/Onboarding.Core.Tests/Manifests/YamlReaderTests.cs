using System.Text;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Tests.Manifests;

public sealed class YamlReaderTests
{
    private const string File = "communities/alpha.yaml";

    [Fact]
    public void Validate_EmptyFile_SaysEmptyAtLineOne()
    {
        // Given an empty file
        // When it is validated
        var result = Validate.Files((File, ""));

        // Then one located sentence says so
        result.Errors().ShouldBe([$"{File}:1:1: error: The file is empty. A manifest needs at least name, long_name, representatives, deals and hubs."]);
    }

    [Fact]
    public void Validate_VerbatimTagThatIsNotAUri_LocatedSentence()
    {
        // Given a verbatim tag YamlDotNet cannot even construct (found by the fuzz benchmark)
        var text = "name: alpha\nlong_name: x\nhubs:\n  - name: !<tag:yaml[[[[\n    domain: a.example.org\n";

        // When
        var result = Validate.Files((File, text));

        // Then a sentence on a line of the file, not an exception
        var error = result.Errors().ShouldHaveSingleItem();
        error.ShouldStartWith($"{File}:");
        error.ShouldContain("is not well-formed");
    }

    [Fact]
    public void Validate_RootIsAScalarAfterADirective_LocatedWithinTheFile()
    {
        // Given a document that is only a directive and a truncated comment (found by the fuzz benchmark)
        var text = "%TAG ! tag:evil.example,2026:\n---\n# yaml-language-server: $schema";

        // When
        var result = Validate.Files((File, text));

        // Then the problem points at a line the file has
        result.Problems.ShouldAllBe(p => p.Location.Line >= 1 && p.Location.Line <= 3);
    }

    [Fact]
    public void Validate_OnlyComments_IsEmpty()
    {
        var result = Validate.Files((File, "# nothing here\n# yet\n"));

        result.Errors().Single().ShouldContain("The file is empty");
    }

    [Fact]
    public void Validate_FileOver256KiB_RefusedWithSize()
    {
        // Given a 300 KiB file, of which the reader loaded only the head
        var head = new byte[YamlReader.MaxBytes + 1];
        Array.Fill(head, (byte)'a');

        // When
        var result = new Onboarding.Core.Validation.ManifestValidator().Validate([new SourceFile(File, head, 300 * 1024)], Validate.Today);

        // Then
        result.Errors().ShouldBe([$"{File}:1:1: error: The file is 300 KiB; a manifest may be at most 256 KiB. Is this the right file?"]);
    }

    [Fact]
    public void Validate_NulByte_ReportedAsBinaryAtItsPlace()
    {
        var result = Validate.Bytes(File, [.. "name: a\nlo"u8, 0, .. "x\n"u8]);

        result.Errors().ShouldBe([$"{File}:2:3: error: The file contains binary data (a NUL byte); a manifest is a text file."]);
    }

    [Fact]
    public void Validate_InvalidUtf8_ReportedAtTheByte()
    {
        // Given Latin-1 "é" on line 3
        var result = Validate.Bytes(File, [.. "name: a\nlong_name: x\nwebsite: caf"u8, 0xE9, .. "\n"u8]);

        result.Errors().ShouldBe([$"{File}:3:13: error: The file is not UTF-8 text here (an invalid byte); save it as UTF-8."]);
    }

    [Fact]
    public void Validate_Utf16_AskedToSaveAsUtf8()
    {
        var result = Validate.Bytes(File, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("name: a")]);

        result.Errors().Single().ShouldContain("saved as UTF-16; save it as UTF-8");
    }

    [Fact]
    public void Validate_Utf8Bom_Accepted()
    {
        var result = Validate.Bytes(File, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Onboarding.Testing.ManifestText.Valid())]);

        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_SyntaxError_HasLineAndColumnAndNoStackTrace()
    {
        // Given a value indented under a scalar
        var result = Validate.Files((File, "name: alpha\n  long_name: x\n"));

        // Then the sentence names the place, in words
        result.Errors().ShouldBe([$"{File}:2:12: error: The YAML is not well-formed here: While scanning a plain scalar value, found invalid mapping. Check the indentation and quoting on this line and the one before."]);
    }

    [Fact]
    public void Validate_UnclosedBracket_LocatedWhereTheListStarts()
    {
        var result = Validate.Files((File, "name: alpha\nhubs: [a, b\nlong_name: x\n"));

        result.Errors().ShouldBe([$"{File}:2:9: error: The YAML is not well-formed after this point. Check brackets, quotes and indentation from here on."]);
    }

    [Fact]
    public void Validate_TabIndentation_IsASyntaxErrorOnItsLine()
    {
        var result = Validate.Files((File, "name: alpha\nhubs:\n\t- name: x\n"));

        result.Problems.Single().Location.ShouldBe(new SourceLocation(3, 1));
    }

    [Fact]
    public void Validate_DuplicateKey_PointsAtTheSecondAndNamesTheFirst()
    {
        var text = Onboarding.Testing.ManifestText.Valid().Replace("long_name: The alpha community\n", "long_name: The alpha community\nname: beta\n", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:4:1: error: name: \"name\" appears twice here (first on line 2); keep only one."]);
    }

    [Fact]
    public void Validate_SecondDocument_Refused()
    {
        var text = Onboarding.Testing.ManifestText.Valid() + "---\nname: beta\n";

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:22:1: error: The file holds more than one YAML document (a second \"---\"); a manifest is exactly one document."]);
    }

    [Fact]
    public void Validate_AnchorAndAlias_BothRefusedWhereTheyAre()
    {
        var text = Onboarding.Testing.ManifestText.Valid()
            .Replace("long_name: The alpha community", "long_name: &ln The alpha community", StringComparison.Ordinal)
            .Replace("website: https://alpha.example.org", "notes: *ln", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([
            $"{File}:3:12: error: long_name: The anchor \"&ln\" is not allowed; manifests do not use anchors or aliases. Remove it and write values out in full.",
            $"{File}:4:8: error: notes: The alias \"*ln\" repeats another part of the file; manifests do not allow anchors or aliases. Write the value out in full.",
        ]);
    }

    [Fact]
    public void Validate_AliasBomb_RefusedQuickly()
    {
        // Given the classic "billion laughs" shape
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 0; i < 9; i++)
            bomb.Append((char)('b' + i)).Append(": &").Append((char)('b' + i)).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i), 9))).Append("]\n");

        // When
        var result = Validate.Files((File, bomb.ToString()));

        // Then every anchor is an error and nothing was expanded
        result.Problems.Count(p => p.Message.StartsWith("The anchor", StringComparison.Ordinal)).ShouldBe(10);
        result.Problems.Count(p => p.Message.StartsWith("The alias", StringComparison.Ordinal)).ShouldBe(81);
    }

    [Fact]
    public void Validate_YamlTag_Refused()
    {
        var text = Onboarding.Testing.ManifestText.Valid().Replace("long_name: The alpha community", "long_name: !!python/object:os.system echo", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldContain($"{File}:3:12: error: long_name: The YAML tag \"tag:yaml.org,2002:python/object:os.system\" is not allowed; write the plain value without it.");
    }

    [Fact]
    public void Validate_DeepNesting_RefusedWithoutCrashing()
    {
        var text = "name: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = Validate.Files((File, text));

        result.Errors().Single().ShouldContain("nested more than 20 levels");
    }

    [Fact]
    public void Validate_TopLevelList_AsksForFields()
    {
        var result = Validate.Files((File, "- name: alpha\n"));

        result.Errors().ShouldBe([$"{File}:1:1: error: The file must be a list of fields such as \"name: tidepool\", one per line, not a single value or a list."]);
    }
}
