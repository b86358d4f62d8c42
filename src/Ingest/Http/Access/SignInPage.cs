namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>The small sign-in form for the dashboard: paste the token once, the browser keeps a session cookie.</summary>
internal static class SignInPage
{
    public static string Html(bool error) => $$"""
        <!doctype html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Masuk · Sign in — Pontive.Iot</title>
        <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
        input,button{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box;margin:.4rem 0}
        .error{color:#a40000}</style></head>
        <body><h1>Pontive.Iot</h1>
        <p>Masukkan token akses Anda. <span lang="en">(Enter your access token.)</span></p>
        {{(error ? "<p class=\"error\" role=\"alert\">Token tidak dikenal. <span lang=\"en\">(Unknown token.)</span></p>" : string.Empty)}}
        <form method="post" action="/sign-in">
        <label for="token">Token</label><input id="token" name="token" type="password" autocomplete="current-password" required>
        <input type="hidden" name="ReturnUrl" id="return">
        <button type="submit">Masuk · Sign in</button></form>
        <script>document.getElementById('return').value=new URLSearchParams(location.search).get('ReturnUrl')||'/dashboard';</script>
        </body></html>
        """;
}
