using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology.Parsing;

public sealed class SentenceSplitterTests
{
    private static List<string> Sentences(string text) => SentenceSplitter.Split(text).ConvertAll(r => text[r]);

    [Fact]
    public void Split_Abbreviations_DoNotEndSentences()
    {
        var text = "On Sept. 3 Gen. Zhang met Mr. Li and Dr. Wu of St. Petersburg. The U.S. Navy and No. 5 Co., Ltd. replied. J. R. Smith agreed.";

        Assert.Equal(
            ["On Sept. 3 Gen. Zhang met Mr. Li and Dr. Wu of St. Petersburg.", "The U.S. Navy and No. 5 Co., Ltd. replied.", "J. R. Smith agreed."],
            Sentences(text));
    }

    [Fact]
    public void Split_CurlyQuoteAfterPeriod_StaysWithSentence()
    {
        var text = "Xi said “it is good.” Putin agreed. “Yes,” he said.";

        Assert.Equal(["Xi said “it is good.”", "Putin agreed.", "“Yes,” he said."], Sentences(text));
    }

    [Fact]
    public void Split_Ellipsis_DoesNotEndSentence()
    {
        var text = "Nonetheless… Saddam Hussein was killed... His grandson was shot. The end";

        Assert.Equal(["Nonetheless… Saddam Hussein was killed... His grandson was shot.", "The end"], Sentences(text));
    }

    [Fact]
    public void Split_LowercaseAfterPeriod_DoesNotSplit()
    {
        Assert.Equal(["It covered IT, agriculture, etc. and more.", "Next one!"], Sentences("It covered IT, agriculture, etc. and more. Next one!"));
    }

    [Fact]
    public void Split_LongRunOfPeriods_IsLinear()
    {
        var text = string.Concat(Enumerable.Repeat("a.", 2_000_000));

        Assert.Single(Sentences(text));
    }
}
