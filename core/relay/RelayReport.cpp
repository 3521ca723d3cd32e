// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayReport.h"

#include "relay/RelayKnowledge.h"
#include "util/Localized.h"

namespace bd {
namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

QString RelayReport::configText(const RelayConfig &config, Language lang)
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    const Punctuation &p = Punctuation::of(lang);
    QString out;
    const auto comment = [&out](const QString &why) {
        for (const QString &line : why.split(u'\n'))
            out += QStringLiteral("# ") + line + u'\n';
    };
    for (const QString &w : config.warnings)
        out += QStringLiteral("!! ") + w + u'\n';
    if (!config.warnings.isEmpty())
        out += u'\n';
    for (const ConfigSetting &s : config.clientSettings) {
        out += s.key + QStringLiteral(": ") + s.value + u'\n';
        comment(s.why);
    }
    for (const ConfigFile &f : config.files) {
        // The mode's name is the JSON's; the heading says it in the reader's language.
        out += QStringLiteral("==== %1%2%3%4%5\n")
                       .arg(f.path, p.openParen,
                               k.text(QStringLiteral("heading.file.")
                                               + ConfigFile::modeName(f.mode),
                                       lang),
                               f.permissions.isEmpty() ? QString()
                                                       : p.comma
                                               + k.text(QStringLiteral("heading.file.mode"), lang,
                                                       {{QStringLiteral("mode"), f.permissions}}),
                               p.closeParen);
        comment(f.why);
        for (const ConfigSetting &s : f.settings) {
            comment(s.why);
            out += f.line(s) + u'\n';
        }
        out += f.content;
        out += u'\n';
    }
    if (!config.commands.isEmpty())
        out += QStringLiteral("==== ") + k.text(QStringLiteral("heading.commands"), lang) + u'\n';
    for (const ConfigCommand &c : config.commands) {
        comment(c.why);
        out += c.command + u'\n';
    }
    if (!config.notes.isEmpty())
        out += QStringLiteral("\n==== ") + k.text(QStringLiteral("heading.notes"), lang) + u'\n';
    for (const QString &n : config.notes)
        out += QStringLiteral("- ") + n + u'\n';
    return out;
}

QString RelayReport::configHtml(const RelayConfig &config, Language lang)
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    const Punctuation &p = Punctuation::of(lang);
    const RelayConfig c = config.masked();
    QString html;
    for (const QString &w : c.warnings)
        html += QStringLiteral("<p style=\"background:#fff3cd;color:#5c4400;padding:4px\">⚠ %1</p>")
                        .arg(esc(w));
    if (!c.clientSettings.isEmpty()) {
        html += QStringLiteral("<table cellpadding=\"3\">");
        for (const ConfigSetting &s : c.clientSettings)
            html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td><td>%3</td></tr>")
                            .arg(esc(s.key), esc(s.value), esc(s.why));
        html += QStringLiteral("</table>");
    }
    for (const ConfigFile &f : c.files) {
        QString mode = k.text(QStringLiteral("view.file.") + ConfigFile::modeName(f.mode), lang);
        if (!f.permissions.isEmpty())
            mode += p.comma
                    + k.text(QStringLiteral("heading.file.mode"), lang,
                            {{QStringLiteral("mode"), f.permissions}});
        // The space before an ASCII bracket goes outside the <small>.
        const QString open = p.openParen.trimmed();
        html += QStringLiteral("<h3><code>") + esc(f.path) + QStringLiteral("</code>")
                + p.openParen.left(p.openParen.size() - open.size()) + QStringLiteral("<small>")
                + open + esc(mode) + p.closeParen + QStringLiteral("</small></h3><p>") + esc(f.why)
                + QStringLiteral("</p>");
        if (!f.settings.isEmpty()) {
            html += QStringLiteral("<table cellpadding=\"3\">");
            for (const ConfigSetting &s : f.settings)
                html += QStringLiteral("<tr><td><code>%1%2%3</code></td><td>%4</td></tr>")
                                .arg(esc(s.key),
                                        QString(f.assignment)
                                                .replace(u' ', QStringLiteral("&nbsp;")),
                                        esc(s.value), esc(s.why));
            html += QStringLiteral("</table>");
        }
        if (!f.content.isEmpty())
            html += QStringLiteral("<pre>%1</pre>").arg(esc(f.content));
    }
    if (!c.commands.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3>")
                        .arg(esc(k.text(QStringLiteral("view.commands"), lang)));
        for (const ConfigCommand &cmd : c.commands)
            html += QStringLiteral("<pre>%1</pre><p style=\"margin-left:1em\">%2</p>")
                            .arg(esc(cmd.command), esc(cmd.why));
    }
    if (!c.notes.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>")
                        .arg(esc(k.text(QStringLiteral("view.notes"), lang)));
        for (const QString &n : c.notes)
            html += QStringLiteral("<li>%1</li>").arg(esc(n));
        html += QStringLiteral("</ul>");
    }
    return html;
}

QString RelayReport::testHtml(const RelayTestResult &r, Language lang)
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    QString html = QStringLiteral("<p><b>%1 %2</b></p>")
                           .arg(r.ok() ? QStringLiteral("✔") : QStringLiteral("✘"), esc(r.title));
    if (!r.ok() && !r.explanation.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(esc(r.explanation));
    if (!r.tlsProtocol.isEmpty())
        html += QStringLiteral("<p>%1</p>")
                        .arg(esc(k.text(QStringLiteral("view.test.encrypted"), lang,
                                {{QStringLiteral("protocol"), r.tlsProtocol},
                                        {QStringLiteral("cipher"), r.tlsCipher},
                                        {QStringLiteral("certificate"),
                                                k.text(r.peerVerified
                                                                ? QStringLiteral(
                                                                        "view.test.verified")
                                                                : QStringLiteral(
                                                                        "view.test.not_verified"),
                                                        lang)}})));
    return html;
}

} // namespace bd
