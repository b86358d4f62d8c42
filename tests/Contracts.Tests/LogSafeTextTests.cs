using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>Names and topics a stranger chose go into the log as one line of readable length.</summary>
public sealed class LogSafeTextTests
{
    [Theory]
    [InlineData("bank-sungai-jawi.scale-01", "bank-sungai-jawi.scale-01")]
    [InlineData("Siti Rahmawati", "Siti Rahmawati")]
    [InlineData("Ibu Ñoño 🌿", "Ibu Ñoño 🌿")]
    [InlineData("a\nb", "a\\u000ab")]
    [InlineData("a\r\nb", "a\\u000d\\u000ab")]
    [InlineData("tab\tand\u001b[31mred", "tab\\u0009and\\u001b[31mred")]
    [InlineData("line\u2028separator", "line\\u2028separator")]
    [InlineData(null, "(none)")]
    public void Printable_text_stays_as_it_is_and_anything_that_could_break_the_line_is_escaped(string? text, string expected)
    {
        Assert.Equal(expected, LogSafeText.Of(text));
    }

    [Fact]
    public void Long_text_is_cut_and_says_how_much_more_there_was()
    {
        Assert.Equal(new string('x', 120) + "… (880 more characters)", LogSafeText.Of(new string('x', 1000)));
        Assert.Equal(new string('x', 120), LogSafeText.Of(new string('x', 120)));
    }

    [Fact]
    public void A_character_is_never_cut_in_two()
    {
        var text = new string('x', 119) + "🌿🌿";

        Assert.Equal(new string('x', 119) + "… (4 more characters)", LogSafeText.Of(text));
    }
}
