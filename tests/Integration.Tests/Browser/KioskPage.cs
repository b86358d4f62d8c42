using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// The kiosk page in a browser tab, driven as an operator does: by tapping its buttons and keypads (never by filling
/// fields from the test). Locators use the page's data-testid attributes; screenshots go to the test's own folder.
/// </summary>
public sealed class KioskPage
{
    private readonly string _screenshots;
    private readonly List<string> _scriptErrors = [];

    public KioskPage(IPage page, string screenshots, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        Page = page;
        _screenshots = screenshots;
        page.PageError += (_, error) =>
        {
            _scriptErrors.Add(error);
            output.WriteLine($"[page error] {error}");
        };
        page.Console += (_, message) => output.WriteLine($"[console {message.Type}] {message.Text}");
    }

    public IPage Page { get; }

    /// <summary>Uncaught JavaScript errors so far: a test ends by checking there were none.</summary>
    public IReadOnlyList<string> ScriptErrors => _scriptErrors;

    public ILocator this[string testId] => Page.GetByTestId(testId);

    public ILocator DepositRow(string depositId) => Page.Locator($"[data-testid='deposit-row'][data-id='{depositId}']");

    public async Task SignInAsync(string name, string pin, string? screenshotOfPin = null)
    {
        await this[$"operator-{name}"].ClickAsync();
        await Assertions.Expect(this["pin-title"]).ToContainTextAsync(name);
        foreach (var digit in pin)
        {
            await this[$"pin-key-{digit}"].ClickAsync();
        }

        if (screenshotOfPin is not null)
        {
            await ScreenshotAsync(screenshotOfPin);
        }

        await this["signin-submit"].ClickAsync();
    }

    public async Task PickCategoryAsync(string code)
    {
        await this[$"category-{code}"].ClickAsync();
        await Assertions.Expect(this[$"category-{code}"]).ToHaveAttributeAsync("aria-checked", "true");
    }

    /// <summary>Types a member number on the on-screen keypad, switching to letters (ABC) and back as needed.</summary>
    public async Task EnterMemberAsync(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var letters = false;
        foreach (var c in member)
        {
            var needsLetters = char.IsAsciiLetter(c) || c == '.';
            var inBoth = c == '-';
            if (!inBoth && needsLetters != letters)
            {
                await this[letters ? "member-key-digits" : "member-key-letters"].ClickAsync();
                letters = needsLetters;
            }

            await this[$"member-key-{KeyId(c)}"].ClickAsync();
        }

        if (letters)
        {
            await this["member-key-digits"].ClickAsync();
        }

        await Assertions.Expect(this["member-input"]).ToHaveValueAsync(member);
    }

    /// <summary>Waits until the live weight on screen is within 5 g of <paramref name="kg"/> and marked stable.</summary>
    public async Task WeightSettledAtAsync(double kg)
    {
        await Page.WaitForFunctionAsync(
            """
            (kg) => {
              const number = document.querySelector('[data-testid="weight-number"]')?.textContent ?? '';
              const shown = Number(number.replace(/\./g, '').replace(',', '.'));
              const stable = document.querySelector('[data-testid="stability"]')?.dataset.state === 'stable';
              return stable && Number.isFinite(shown) && Math.abs(shown - kg) <= 0.005;
            }
            """,
            kg);
        await Assertions.Expect(this["stability"]).ToHaveTextAsync("STABIL");
    }

    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, $"{name}.png"), FullPage = true });
    }

    private static string KeyId(char c) => c switch
    {
        '-' => "dash",
        '/' => "slash",
        '.' => "dot",
        _ => char.ToUpperInvariant(c).ToString(CultureInfo.InvariantCulture),
    };
}
