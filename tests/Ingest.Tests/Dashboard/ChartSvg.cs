using System.Globalization;
using System.Xml.Linq;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>A chart's SVG parsed as XML, with the helpers the chart tests read it through.</summary>
internal sealed class ChartSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public ChartSvg(string markup) => Root = XElement.Parse(markup);

    public XElement Root { get; }

    public IEnumerable<XElement> WithClass(string name, string element = "*") =>
        Root.Descendants().Where(e => (element == "*" || e.Name == Svg + element) && ((string?)e.Attribute("class"))?.Split(' ').Contains(name) == true);

    public string Title => Root.Element(Svg + "title")!.Value;

    public string Description => Root.Element(Svg + "desc")!.Value;

    public static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
