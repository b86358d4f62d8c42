using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>
/// <c>pontive-agent operators add --name siti</c> (asks for the PIN), <c>list</c>, <c>remove --name siti</c>: the
/// bank's operators who may sign in at the kiosk. PINs are stored hashed in the agent's database.
/// </summary>
internal static class OperatorCommands
{
    public static Command Build(Option<FileInfo?> profile)
    {
        var name = new Option<string>("--name") { Description = "The operator's name as shown at sign-in, e.g. siti", Required = true };
        var pin = new Option<string?>("--pin") { Description = "4 to 8 digits; asked for when left out (so it stays out of the shell's history)" };

        var add = new Command("add", "Add an operator, or give one a new PIN") { name, pin, profile };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(parse => WithStore(parse, store =>
        {
            var operatorName = parse.GetValue(name)!;
            var secret = parse.GetValue(pin) ?? AskPin();
            if (!OperatorStore.IsValidName(operatorName) || !OperatorStore.IsValidPin(secret))
            {
                Console.Error.WriteLine("A name is 1 to 32 letters, digits, '.', '_' or '-'; a PIN is 4 to 8 digits.");
                return 2;
            }

            store.Set(operatorName, secret);
            Console.WriteLine($"Operator {operatorName} can sign in at the kiosk.");
            return 0;
        }));

        var list = new Command("list", "List the operators") { profile };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parse => WithStore(parse, store =>
        {
            var names = store.Names();
            Console.WriteLine(names.Count == 0 ? "No operators yet: add one with 'pontive-agent operators add --name …'." : string.Join(Environment.NewLine, names));
            return 0;
        }));

        var remove = new Command("remove", "Remove an operator") { name, profile };
        remove.TreatUnmatchedTokensAsErrors = false;
        remove.SetAction(parse => WithStore(parse, store =>
        {
            var removed = store.Remove(parse.GetValue(name)!);
            Console.WriteLine(removed ? "Removed." : "No such operator.");
            return removed ? 0 : 1;
        }));

        return new Command("operators", "The waste bank's kiosk operators") { add, list, remove };

        int WithStore(ParseResult parse, Func<OperatorStore, int> action)
        {
            // The agent's own configuration decides where its database is (Agent:DataDirectory, from the profile).
            var builder = AgentHost.CreateBuilder([.. parse.UnmatchedTokens], parse.GetValue(profile)?.FullName);
            using var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddSingleton(Options.Create(builder.Configuration.GetSection(Configuration.AgentOptions.Section).Get<Configuration.AgentOptions>() ?? new()))
                .AddSingleton(Options.Create(builder.Configuration.GetSection(Configuration.KioskOptions.Section).Get<Configuration.KioskOptions>() ?? new()))
                .AddSingleton<AgentDatabase>()
                .AddSingleton<OperatorStore>()
                .BuildServiceProvider();
            return action(services.GetRequiredService<OperatorStore>());
        }
    }

    private static string AskPin()
    {
        Console.Write("PIN (4 to 8 digits): ");
        var pin = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return pin.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && pin.Length > 0)
            {
                pin.Length--;
            }
            else if (char.IsDigit(key.KeyChar))
            {
                pin.Append(key.KeyChar);
            }
        }
    }
}
