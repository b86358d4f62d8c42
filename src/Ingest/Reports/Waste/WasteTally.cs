namespace Pontive.Iot.Ingest.Reports.Waste;

/// <summary>The figures of one cell of the waste report, added up deposit by deposit.</summary>
internal sealed class WasteTally
{
    private readonly HashSet<(string Site, string Member)> _members = [];

    public decimal MassKg { get; private set; }

    public int Deposits { get; private set; }

    public long ValueIdr { get; private set; }

    public int VoidedDeposits { get; private set; }

    public decimal VoidedMassKg { get; private set; }

    public long VoidedValueIdr { get; private set; }

    public int Members => _members.Count;

    public void Add(DepositRecord deposit, bool voided)
    {
        if (voided)
        {
            VoidedDeposits++;
            VoidedMassKg += deposit.MassKg;
            VoidedValueIdr += deposit.ValueIdr;
            return;
        }

        Deposits++;
        MassKg += deposit.MassKg;
        ValueIdr += deposit.ValueIdr;
        if (deposit.Member is not null)
        {
            _members.Add((deposit.Site, deposit.Member));
        }
    }
}
