using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>What the operator enters for one deposit, with the stable weight the scale gave.</summary>
/// <param name="Member">The member's number (names never travel).</param>
/// <param name="Category">The price table's category code, e.g. <c>plastic-pet</c>.</param>
/// <param name="UnitPriceIdr">Price per kg from the price table in force.</param>
/// <param name="PriceTable">The version of that price table.</param>
/// <param name="Operator">The signed-in operator.</param>
/// <param name="ScaleId">The scale's id.</param>
/// <param name="Scale">The scale's stable sample.</param>
/// <param name="RequestId">The kiosk's id for this Catat, so a Catat sent twice records one deposit.</param>
public sealed record DepositRequest(
    string Member,
    string Category,
    long UnitPriceIdr,
    string PriceTable,
    string Operator,
    string ScaleId,
    ScaleSample Scale,
    string? RequestId = null);
