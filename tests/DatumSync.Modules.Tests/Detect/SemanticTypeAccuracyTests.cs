using System.Globalization;
using System.Text;
using DatumSync.Modules.Detect;
using Xunit.Abstractions;

namespace DatumSync.Modules.Tests.Detect;

public class SemanticTypeAccuracyTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Precision and recall per type over the labelled fixtures; the table is also written next to the test binary.</summary>
    [Fact]
    public void Every_semantic_type_reaches_ninety_percent_precision_and_recall_on_the_labelled_fixtures()
    {
        var fixtures = SemanticFixtures.All();
        var predictions = fixtures.Select(f => (f.Label, Predicted: SemanticTypeClassifier.Classify(f.Sample), f.Description)).ToList();
        var misses = predictions.Where(p => p.Predicted.Type != p.Label)
            .Select(p => $"{p.Description}: got {p.Predicted.Type} ({p.Predicted.Confidence:0.00}) {string.Join("; ", p.Predicted.Evidence)}").ToList();
        foreach (var miss in misses)
            output.WriteLine("MISS " + miss);

        var table = new StringBuilder();
        table.AppendLine("| semantic type | columns | predicted | correct | precision | recall |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        var failures = new List<string>();
        foreach (var type in SemanticTypes.All)
        {
            var actual = predictions.Count(p => p.Label == type);
            var predicted = predictions.Count(p => p.Predicted.Type == type);
            if (actual == 0 && predicted == 0)
                continue;
            var correct = predictions.Count(p => p.Label == type && p.Predicted.Type == type);
            var precision = predicted == 0 ? 0 : correct / (double)predicted;
            var recall = actual == 0 ? 0 : correct / (double)actual;
            table.AppendLine(Inv, $"| {type} | {actual} | {predicted} | {correct} | {precision:0.00} | {recall:0.00} |");
            if (precision < 0.9 || recall < 0.9)
                failures.Add($"{type}: precision {precision:0.00}, recall {recall:0.00}");
        }
        var overall = predictions.Count(p => p.Predicted.Type == p.Label) / (double)predictions.Count;
        table.AppendLine(Inv, $"\n{predictions.Count} labelled columns, {overall:P1} classified correctly.");
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "detect-accuracy.md"), table.ToString());

        failures.Should().BeEmpty("every type needs precision and recall of at least 0.9; misses:\n" + string.Join("\n", misses));
    }

    [Fact]
    public void Every_semantic_type_has_labelled_fixtures()
    {
        var labels = SemanticFixtures.All(valuesPerColumn: 20).Select(f => f.Label).ToHashSet();
        labels.Should().BeEquivalentTo(SemanticTypes.All);
    }

    [Fact]
    public void Pii_types_are_flagged_and_others_are_not()
    {
        foreach (var f in SemanticFixtures.All())
        {
            var result = SemanticTypeClassifier.Classify(f.Sample);
            if (result.Type != f.Label)
                continue;
            var expected = SemanticTypes.Pii.Contains(f.Label) || f.Sample.Name == "birth_date";
            result.IsPii.Should().Be(expected, f.Description);
        }
    }

    [Fact]
    public void Confidence_and_share_are_between_zero_and_one_and_evidence_is_given()
    {
        foreach (var f in SemanticFixtures.All(valuesPerColumn: 200))
        {
            var result = SemanticTypeClassifier.Classify(f.Sample);
            result.Confidence.Should().BeInRange(0, 1, f.Description);
            result.ConformingShare.Should().BeInRange(0, 1, f.Description);
            result.Evidence.Should().NotBeEmpty(f.Description);
            result.NonConforming.Count.Should().BeLessThanOrEqualTo(5);
        }
    }
}
