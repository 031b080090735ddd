package dev.godwit.cli;

import dev.godwit.drift.SchemaDrift;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.plan.State;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code godwit report --html}: one static page with its styles and its one small script inline. A
 * Content-Security-Policy of {@code default-src 'none'} keeps it from loading anything from anywhere.
 */
final class ReportPage {
    /** What the page shows. */
    record Data(String database, String generatedAt, Status status, List<AppliedMigration> history,
                LintReport lint, Optional<SchemaDrift> drift, String driftNote) {
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1d2330;padding:0 1rem}
            h1{margin-bottom:.2rem}header p{margin:.2rem 0;color:#555}
            .summary span{display:inline-block;margin-right:1rem}
            ol#timeline{list-style:none;padding:0;border-left:3px solid #c9d1e0;margin-left:.6rem}
            #timeline li{position:relative;margin:0 0 .7rem 0;padding:.35rem .7rem .35rem 1.2rem}
            #timeline li::before{content:"";position:absolute;left:-.55rem;top:.7rem;width:.7rem;height:.7rem;
              border-radius:50%;background:#3b7d3b}
            #timeline li.failed{background:#fde8e8;border:1px solid #e0a0a0}
            #timeline li.failed::before{background:#c0392b}
            #timeline li.pending,#timeline li.out_of_order{background:#fff6dd;border:1px dashed #d8b54a}
            #timeline li.pending::before,#timeline li.out_of_order::before{background:#d8b54a}
            #timeline li.changed,#timeline li.missing{background:#f3e8fd;border:1px solid #b793d6}
            .state{font-weight:600;text-transform:uppercase;font-size:.75rem;margin-left:.5rem}
            .meta{color:#555;font-size:.85rem}.note{color:#8a2b20;font-size:.85rem}
            .bar{height:.4rem;background:#5b8fd6;border-radius:.2rem;margin-top:.25rem;min-width:2px}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e6ee;padding:.3rem .5rem;
              text-align:left;vertical-align:top}
            .error{color:#b3261e;font-weight:600}.warning{color:#946200;font-weight:600}.info{color:#35618f}
            .ok{color:#3b7d3b}.drifted{color:#b3261e}
            """;

    private static final String SCRIPT = """
            (function () {
              var list = document.getElementById('timeline');
              var items = list ? list.querySelectorAll('li') : [];
              if (list) { list.setAttribute('data-rendered', String(items.length)); }
              var box = document.getElementById('problems-only');
              if (box) {
                box.addEventListener('change', function () {
                  for (var i = 0; i < items.length; i++) {
                    var plain = items[i].classList.contains('applied') || items[i].classList.contains('baseline');
                    items[i].style.display = box.checked && plain ? 'none' : '';
                  }
                });
              }
            })();
            """;

    private ReportPage() {
    }

    static String render(Data d) {
        Map<String, AppliedMigration> rows = new HashMap<>();
        d.history().forEach(a -> rows.put(a.version().text(), a));
        long longest = Math.max(1, d.status().entries().stream()
                .mapToLong(e -> e.executionMs() == null ? 0 : e.executionMs()).max().orElse(1));
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Godwit report: ").append(esc(d.database())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n<header><h1>Godwit report</h1>")
                .append("<p>Database: <code>").append(esc(d.database())).append("</code></p>")
                .append("<p>Generated at ").append(esc(d.generatedAt())).append(" UTC</p>");
        Status s = d.status();
        long failed = s.count(State.FAILED);
        long pending = s.toApply();
        b.append("<p class=\"summary\"><span>current version: <b id=\"current\">")
                .append(s.current() == null ? "none" : esc(s.current().text())).append("</b></span>")
                .append("<span>applied: ").append(Json.appliedCount(s)).append("</span>")
                .append("<span>pending: ").append(pending).append("</span>")
                .append("<span>failed: ").append(failed).append("</span></p></header>\n");

        b.append("<section id=\"history\"><h2>History</h2>")
                .append("<label><input type=\"checkbox\" id=\"problems-only\"> only failed, pending and changed")
                .append("</label><ol id=\"timeline\">\n");
        for (StatusEntry e : s.entries()) {
            AppliedMigration row = rows.get(e.version().text());
            String state = e.state().label();
            b.append("<li class=\"").append(esc(state)).append("\" data-version=\"").append(esc(e.version().text()))
                    .append("\" data-state=\"").append(esc(state)).append("\"><b>").append(esc(e.version().text()))
                    .append("</b> ").append(esc(e.description())).append("<span class=\"state\">").append(esc(state))
                    .append("</span><div class=\"meta\">").append(esc(e.script()));
            if (e.appliedAt() != null) {
                b.append(" · applied ").append(esc(e.appliedAt()));
            }
            if (row != null && row.appliedBy() != null) {
                b.append(" · by <span class=\"by\">").append(esc(row.appliedBy())).append("</span>");
            }
            if (e.executionMs() != null) {
                b.append(" · <span class=\"duration\">").append(e.executionMs()).append(" ms</span>");
            }
            b.append("</div>");
            if (e.executionMs() != null) {
                double pct = Math.max(0.5, 100.0 * e.executionMs() / longest);
                b.append("<div class=\"bar\" style=\"width:").append(String.format(java.util.Locale.ROOT, "%.1f",
                        pct)).append("%\"></div>");
            }
            if (e.note() != null) {
                b.append("<div class=\"note\">").append(esc(e.note())).append("</div>");
            }
            b.append("</li>\n");
        }
        b.append("</ol></section>\n");

        LintReport lint = d.lint();
        b.append("<section id=\"lint\"><h2>Lint findings</h2><p>").append(esc(LintOutput.summary(lint)))
                .append("</p>");
        if (!lint.findings().isEmpty()) {
            b.append("<table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Finding</th></tr></thead>")
                    .append("<tbody>");
            for (Finding f : lint.findings()) {
                b.append("<tr class=\"finding\"><td class=\"").append(f.severity().label()).append("\">")
                        .append(f.severity().label()).append("</td><td>").append(esc(f.rule().id()))
                        .append("</td><td>").append(esc(f.file())).append(':').append(f.line()).append("</td><td>")
                        .append(esc(f.message())).append("<div class=\"meta\">fix: ").append(esc(f.fix()))
                        .append("</div></td></tr>\n");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>\n<section id=\"drift\"><h2>Drift</h2>");
        if (d.driftNote() != null) {
            b.append("<p>").append(esc(d.driftNote())).append("</p>");
        } else if (d.drift().isEmpty()) {
            b.append("<p>no schema fingerprint recorded yet: the next <code>godwit up</code> records one</p>");
        } else if (!d.drift().get().drifted()) {
            b.append("<p class=\"ok\">no drift since the run recorded at ")
                    .append(esc(d.drift().get().recorded().recordedAt())).append("</p>");
        } else {
            b.append("<p class=\"drifted\">").append(d.drift().get().size())
                    .append(" object(s) changed outside migrations:</p><ul>");
            for (String line : d.drift().get().describe()) {
                b.append("<li>").append(esc(line)).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</section>\n<script>").append(SCRIPT).append("</script></body></html>\n");
        return b.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
