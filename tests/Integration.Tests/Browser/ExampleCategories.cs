namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>A category of deploy/price-table.example.json as the kiosk shows it in Indonesian and English.</summary>
public sealed record PricedCategory(string Code, string NameId, string NameEn, long PricePerKg);

/// <summary>The categories of deploy/price-table.example.json the browser tests weigh.</summary>
public static class ExampleCategories
{
    public static readonly PricedCategory Pet = new("plastic-pet", "Plastik PET (botol bening)", "PET plastic (clear bottles)", 3000);
    public static readonly PricedCategory Cardboard = new("cardboard", "Kardus", "Cardboard", 1500);
    public static readonly PricedCategory Aluminium = new("metal-aluminium", "Kaleng aluminium", "Aluminium cans", 12000);
}
