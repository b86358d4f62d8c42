using System.Runtime.CompilerServices;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>docs/wire-contract.md quotes the same examples the tests decode, so the page cannot drift from what is accepted.</summary>
public sealed class DocumentationTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { nameof(ContractExamples.Telemetry), ContractExamples.Telemetry },
        { nameof(ContractExamples.Deposit), ContractExamples.Deposit },
        { nameof(ContractExamples.Status), ContractExamples.Status },
        { nameof(ContractExamples.LastWill), ContractExamples.LastWill },
        { nameof(ContractExamples.Ack), ContractExamples.Ack },
        { nameof(ContractExamples.Correction), ContractExamples.Correction },
        { nameof(ContractExamples.Config), ContractExamples.Config },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_device_makers_page_quotes_each_example_verbatim(string name, string example)
    {
        var page = File.ReadAllText(PagePath()).ReplaceLineEndings("\n");
        Assert.True(page.Contains("```json\n" + example.ReplaceLineEndings("\n") + "\n```", StringComparison.Ordinal),
            $"docs/wire-contract.md does not quote ContractExamples.{name} as a json block");
    }

    // The page is found from this source file, not the build output, which may live anywhere (--artifacts-path).
    private static string PagePath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "wire-contract.md"));
}
