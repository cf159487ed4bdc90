package io.trainstream.consumers.dashboard;

import java.util.List;

/**
 * The HTML pages: small shells whose data the browser script fills in from the JSON API and the
 * streams. The few values written here (run names and ids) are escaped with {@link Html#escape}.
 */
final class Pages {

    /** Where the uPlot WebJar serves its files. */
    static final String UPLOT = "/webjars/uplot/1.6.30/dist/";

    private Pages() {
    }

    static String runs() {
        return page("Runs", "runs", "", """
                <h1>Runs</h1>
                <p class="hint">Select runs to overlay their curves.
                  <button id="compare-button" type="button" disabled>Compare selected</button></p>
                <table id="runs-table" class="data">
                  <thead><tr><th></th><th>Run</th><th>Id</th><th>Status</th><th>Kind</th><th>Started</th>
                    <th>Epoch</th><th>Global step</th><th>Events</th></tr></thead>
                  <tbody></tbody>
                </table>
                <p id="runs-empty" class="hint">No runs yet: waiting for events.</p>
                """);
    }

    static String run(String runId, String runName) {
        String title = runName == null ? runId : runName;
        return page(title, "run", " data-run-id=\"" + Html.escape(runId) + "\"", """
                <h1 id="run-title">%s</h1>
                <p class="hint">Run id <code id="run-id">%s</code> · <span id="run-status" class="status"></span>
                  · <span id="run-progress"></span> · <span id="stream-state">connecting</span></p>
                <section>
                  <h2>Train loss per step</h2>
                  <div id="loss-chart" class="chart" data-points="0"></div>
                </section>
                <section>
                  <h2>Metrics per epoch</h2>
                  <div id="metric-charts" class="charts"></div>
                </section>
                <section class="tables">
                  <div><h2>Config</h2><table id="config-table" class="kv"><tbody></tbody></table></div>
                  <div><h2>Hyperparameters</h2><table id="hyper-table" class="kv"><tbody></tbody></table>
                    <h2>Provenance</h2><table id="provenance-table" class="kv"><tbody></tbody></table></div>
                </section>
                <section>
                  <h2>Recent events</h2>
                  <table id="events-table" class="data">
                    <thead><tr><th>Seq</th><th>Time</th><th>Event</th><th>Epoch</th><th>Global step</th>
                      <th>Step</th><th>Payload</th></tr></thead>
                    <tbody></tbody>
                  </table>
                </section>
                """.formatted(Html.escape(title), Html.escape(runId)));
    }

    static String compare(List<String> runIds) {
        StringBuilder chips = new StringBuilder();
        for (String id : runIds) {
            chips.append("<li><a href=\"/runs/").append(Html.escape(Urls.encodeSegment(id))).append("\">")
                    .append(Html.escape(id)).append("</a></li>");
        }
        return page("Compare runs", "compare", "", """
                <h1>Compare runs</h1>
                <ul id="compare-runs" class="chips">%s</ul>
                <section>
                  <h2>Train loss per step</h2>
                  <div id="compare-loss" class="chart" data-points="0"></div>
                </section>
                <section>
                  <h2>Metrics per epoch</h2>
                  <div id="compare-metrics" class="charts"></div>
                </section>
                """.formatted(chips));
    }

    private static String page(String title, String kind, String bodyAttributes, String main) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · trainstream</title>
                <link rel="stylesheet" href="%suPlot.min.css">
                <link rel="stylesheet" href="/static/dashboard.css">
                <script src="%suPlot.iife.min.js" defer></script>
                <script src="/static/dashboard.js" defer></script>
                </head>
                <body data-page="%s"%s>
                <header><a class="brand" href="/">trainstream</a> <span class="hint">live dashboard</span></header>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(Html.escape(title), UPLOT, UPLOT, kind, bodyAttributes, main);
    }
}
