namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>
/// The page's stylesheet, inline so the page needs nothing from anywhere else (no CDN, no web fonts: the system's own
/// sans-serif). The print part gives A4 pages an analyst can paste from: no controls, black on white, charts whole,
/// tables not split across pages.
/// </summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root { --ink: #1a1a1a; --muted: #555; --line: #d0d0d0; --band: #f4f6f8; --accent: #0b5394; --silent: #fde2e0; --silent-ink: #8a1c10; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; line-height: 1.4; }
        header.top { background: var(--band); border-bottom: 1px solid var(--line); padding: 1rem 1.5rem; display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-end; justify-content: space-between; }
        h1 { font-size: 1.5rem; margin: 0; }
        h2 { font-size: 1.25rem; margin: 0 0 .25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 0; }
        .en { color: var(--muted); font-weight: normal; font-size: .85em; }
        .en::before { content: "· "; }
        body.id-only .en { display: none; }
        .period { margin: .25rem 0 0; color: var(--muted); }
        main { padding: 0 1.5rem 2rem; max-width: 1600px; }
        section { margin-top: 1.5rem; }
        .note { color: var(--muted); margin: .25rem 0 .75rem; max-width: 70rem; }
        .problem { background: #fff4ce; border: 1px solid #e0b400; padding: .5rem .75rem; border-radius: 4px; }
        .error { background: var(--silent); border: 1px solid #d93a2b; color: var(--silent-ink); padding: .5rem .75rem; border-radius: 4px; }
        form.controls, .sensor-controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
        label { display: flex; flex-direction: column; font-size: .9rem; gap: .15rem; }
        input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid #8a8a8a; border-radius: 4px; background: #fff; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        button .en { color: #dde8f5; }
        nav.sections a { color: var(--accent); margin-right: .75rem; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; flex: 1 1 620px; max-width: 800px; }
        figure svg { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
        figcaption { font-size: .85rem; color: var(--muted); margin-top: .25rem; }
        figcaption a, footer a { color: var(--accent); }
        .banks { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
        table { border-collapse: collapse; font-size: .92rem; }
        caption { text-align: left; font-weight: 600; font-size: 1.05rem; padding: .25rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: var(--band); border-bottom: 2px solid #999; font-size: .85rem; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tfoot th, tfoot td { font-weight: 600; border-top: 2px solid #999; }
        tr.silent td, tr.silent th { background: var(--silent); }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; letter-spacing: .02em; }
        .badge.silent { background: #d93a2b; color: #fff; }
        .badge.ok { background: #2e9e44; color: #fff; }
        .low { color: var(--silent-ink); font-weight: 600; }
        .city-total { margin: .5rem 0 0; }
        footer { border-top: 1px solid var(--line); margin-top: 2rem; padding: 1rem 1.5rem; color: var(--muted); font-size: .85rem; }
        .print-only { display: none; }
        @media (max-width: 700px) { header.top, main { padding-left: .75rem; padding-right: .75rem; } }
        @media print {
          @page { size: A4; margin: 14mm 12mm; }
          body { font-size: 10pt; }
          header.top { background: none; border-bottom: 1px solid #000; padding: 0 0 .3rem; }
          form.controls, .sensor-controls, nav.sections, .no-print { display: none !important; }
          .print-only { display: block; }
          main { padding: 0; max-width: none; }
          section { break-inside: auto; margin-top: .8rem; }
          h2 { break-after: avoid; border-bottom-color: #000; }
          figure, table, .bank-block { break-inside: avoid; }
          figure { flex-basis: 100%; max-width: 100%; }
          figure svg { border: none; max-height: 9.5cm; }
          thead th { background: none; }
          tr.silent td, tr.silent th { background: none; font-weight: 600; }
          .badge.silent { background: none; color: #000; border: 1px solid #000; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
