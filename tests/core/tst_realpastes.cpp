// SPDX-License-Identifier: GPL-3.0-or-later
// What admins really paste, read as a person would read it: log lines of five MTAs, SMTP
// transcripts, bare fragments, Chinese pastes with forum chrome, pasted bounce text and whole
// provider NDRs, each a real text quoted from a public source (tests/data/pastes/, the source
// beside every record). Every record is a row; the score by form and by field is printed and
// held to the bar: at least 90 % fully right, no form below 80 %.
#include "bounce/BounceReader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace bd;

namespace {

// One failed or delayed recipient as a mail admin reads it; "-" in the file is empty here.
struct Expected
{
    QString recipient;
    QString category;
    QString listing;
    QString ip;
    bool masked = false;
    QString code;
    QString status;
    bool permanent = true;
};

struct Record
{
    QString id;
    QString file;
    QString form;
    QString source;
    bool noRefusal = false; // "expect: none"
    QList<Expected> expected;
    QString text;
};

QString dash(const QString &v)
{
    return v == u"-" ? QString() : v;
}

QList<Record> loadCorpus()
{
    QList<Record> records;
    const QDir dir(QStringLiteral(BD_TEST_DATA "/pastes"));
    for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
        Record r;
        bool inText = false;
        QStringList text;
        const auto flush = [&] {
            if (r.id.isEmpty())
                return;
            while (!text.isEmpty() && text.last().trimmed().isEmpty())
                text.removeLast();
            r.text = text.join(u'\n');
            records << r;
        };
        for (const QString &line : lines) {
            if (line.startsWith(u"=== ")) {
                flush();
                r = Record();
                r.id = line.mid(4).trimmed();
                r.file = name;
                text.clear();
                inText = false;
                continue;
            }
            if (inText) {
                // A text line that itself begins "=== " (swaks) is written "\=== ".
                text << (line.startsWith(u"\\=== ") ? line.mid(1) : line);
                continue;
            }
            if (line == u"---") {
                inText = true;
            } else if (line.startsWith(u"form:")) {
                r.form = line.mid(5).trimmed();
            } else if (line.startsWith(u"source:")) {
                r.source = line.mid(7).trimmed();
            } else if (line.startsWith(u"expect:")) {
                const QString rest = line.mid(7).trimmed();
                if (rest == u"none") {
                    r.noRefusal = true;
                    continue;
                }
                QHash<QString, QString> v;
                static const QRegularExpression pair(QStringLiteral(R"((\w+)=(\S+))"));
                for (auto it = pair.globalMatch(rest); it.hasNext();) {
                    const auto m = it.next();
                    v.insert(m.captured(1), m.captured(2));
                }
                Expected e;
                e.recipient = dash(v.value(u"recipient"_qs));
                e.category = v.value(u"category"_qs);
                e.listing = dash(v.value(u"listing"_qs));
                e.ip = dash(v.value(u"ip"_qs));
                e.masked = v.value(u"masked"_qs) == u"yes";
                e.code = dash(v.value(u"code"_qs));
                e.status = dash(v.value(u"status"_qs));
                e.permanent = v.value(u"permanent"_qs) == u"yes";
                r.expected << e;
            }
        }
        flush();
    }
    return records;
}

// Rows the reader gets wrong today, each with why; a row that starts passing fails the test
// until it is taken off the list.
QHash<QString, QString> knownMisses()
{
    QHash<QString, QString> misses;
    QFile f(QStringLiteral(BD_TEST_DATA "/pastes/known-misses.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return misses;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u'#') || !line.contains(u'\t'))
            continue;
        misses.insert(line.section(u'\t', 0, 0), line.section(u'\t', 1));
    }
    return misses;
}

const QStringList fields {QStringLiteral("recipient"), QStringLiteral("category"),
        QStringLiteral("listing"), QStringLiteral("ip"), QStringLiteral("code"),
        QStringLiteral("status"), QStringLiteral("permanent")};

// Field by field: what differs between what was read and what was expected.
QStringList compare(const Expected &e, const RecipientReport &r)
{
    QStringList wrong;
    const auto check = [&](const QString &field, const QString &got, const QString &want) {
        if (got.compare(want, Qt::CaseInsensitive) != 0)
            wrong << QStringLiteral("%1: got '%2', want '%3'").arg(field, got, want);
    };
    check(fields[0], r.recipient, e.recipient);
    check(fields[1], categoryId(r.category), e.category);
    check(fields[2], r.listing, e.listing);
    QString ip = r.blockedIp;
    QString wantIp = e.ip;
    if (!e.ip.isEmpty()) {
        ip += r.blockedIpMasked ? QStringLiteral(" (masked)") : QString();
        wantIp += e.masked ? QStringLiteral(" (masked)") : QString();
    }
    check(fields[3], ip, wantIp);
    check(fields[4], r.replyCode ? QString::number(*r.replyCode) : QString(), e.code);
    check(fields[5], r.status, e.status);
    check(fields[6], r.permanent ? QStringLiteral("yes") : QStringLiteral("no"),
            e.permanent ? QStringLiteral("yes") : QStringLiteral("no"));
    return wrong;
}

struct Outcome
{
    bool fullyRight = false;
    QStringList problems;
    QHash<QString, int> fieldRight; // per field, over the expected recipients
    int recipients = 0;
};

Outcome judge(const Record &rec, const BounceReader &reader)
{
    Outcome o;
    const MessageReport report = reader.readText(rec.id, rec.text);
    if (rec.noRefusal) {
        o.fullyRight = !report.isBounce || report.recipients.isEmpty();
        if (!o.fullyRight)
            o.problems << QStringLiteral("read as a refusal, but it is none");
        return o;
    }
    o.recipients = int(rec.expected.size());
    if (report.recipients.size() != rec.expected.size())
        o.problems << QStringLiteral("%1 recipients read, %2 expected")
                              .arg(report.recipients.size())
                              .arg(rec.expected.size());
    for (qsizetype i = 0; i < rec.expected.size(); ++i) {
        const Expected &e = rec.expected[i];
        // Match by address where one is expected, else by position.
        const RecipientReport *got = nullptr;
        for (const RecipientReport &r : report.recipients) {
            if (!e.recipient.isEmpty()
                    && r.recipient.compare(e.recipient, Qt::CaseInsensitive) == 0)
                got = &r;
        }
        if (!got && i < report.recipients.size())
            got = &report.recipients[i];
        if (!got) {
            o.problems << QStringLiteral("recipient %1 not read").arg(e.recipient);
            continue;
        }
        const QStringList wrong = compare(e, *got);
        for (const QString &f : fields) {
            if (!std::any_of(wrong.cbegin(), wrong.cend(),
                        [&](const QString &w) { return w.startsWith(f + u':'); }))
                ++o.fieldRight[f];
        }
        for (const QString &w : wrong)
            o.problems << (e.recipient.isEmpty() ? QString() : e.recipient + QStringLiteral(": "))
                            + w;
    }
    o.fullyRight = o.problems.isEmpty();
    return o;
}

} // namespace

class TstRealPastes : public QObject
{
    Q_OBJECT
private slots:
    void corpusIsWellFormed()
    {
        const QList<Record> records = loadCorpus();
        QVERIFY2(records.size() >= 150, qPrintable(QString::number(records.size())));
        QSet<QString> ids;
        for (const Record &r : records) {
            QVERIFY2(!ids.contains(r.id), qPrintable(u"duplicate id "_qs + r.id));
            ids.insert(r.id);
            QVERIFY2(r.source.contains(u"http") || r.source.contains(u'/'),
                    qPrintable(r.id + u": no source"_qs));
            QVERIFY2(r.noRefusal || !r.expected.isEmpty(), qPrintable(r.id + u": no expect"_qs));
            QVERIFY2(!r.text.trimmed().isEmpty(), qPrintable(r.id + u": no text"_qs));
            static const QStringList forms {
                    u"log"_qs, u"transcript"_qs, u"fragment"_qs, u"pasted"_qs, u"message"_qs};
            QVERIFY2(forms.contains(r.form), qPrintable(r.id + u": form "_qs + r.form));
            for (const Expected &e : r.expected)
                QVERIFY2(categoryFromId(e.category).has_value(),
                        qPrintable(r.id + u": category "_qs + e.category));
        }
        for (const QString &id : knownMisses().keys())
            QVERIFY2(ids.contains(id), qPrintable(u"known-misses.tsv names no record "_qs + id));
    }

    void eachPaste_data()
    {
        QTest::addColumn<QString>("id");
        for (const Record &r : loadCorpus())
            QTest::newRow(qPrintable(r.file.section(u'.', 0, 0) + u'/' + r.id)) << r.id;
    }
    void eachPaste()
    {
        QFETCH(QString, id);
        static const QList<Record> records = loadCorpus();
        static const BounceReader reader;
        const auto rec = std::find_if(
                records.cbegin(), records.cend(), [&](const Record &r) { return r.id == id; });
        QVERIFY(rec != records.cend());
        const Outcome o = judge(*rec, reader);
        static const QHash<QString, QString> misses = knownMisses();
        if (misses.contains(id))
            QEXPECT_FAIL("", qPrintable(misses.value(id)), Continue);
        QVERIFY2(o.fullyRight, qPrintable(o.problems.join(QStringLiteral("; "))));
    }

    // The score, by form and by field, and the bar it is held to.
    void score()
    {
        const BounceReader reader;
        struct Tally
        {
            int records = 0;
            int right = 0;
            int recipients = 0;
            QHash<QString, int> fieldRight;
        };
        QMap<QString, Tally> byForm;
        Tally all;
        for (const Record &r : loadCorpus()) {
            const Outcome o = judge(r, reader);
            for (Tally *t : {&byForm[r.form], &all}) {
                ++t->records;
                t->right += o.fullyRight ? 1 : 0;
                t->recipients += o.recipients;
                for (auto it = o.fieldRight.cbegin(); it != o.fieldRight.cend(); ++it)
                    t->fieldRight[it.key()] += it.value();
            }
        }
        const auto line = [](const QString &name, const Tally &t) {
            QString s = QStringLiteral("%1 %2/%3 fully right (%4 %)")
                                .arg(name.leftJustified(11))
                                .arg(t.right, 3)
                                .arg(t.records, 3)
                                .arg(100.0 * t.right / qMax(1, t.records), 5, 'f', 1);
            for (const QString &f : fields)
                s += QStringLiteral("  %1 %2").arg(f).arg(
                        100.0 * t.fieldRight.value(f) / qMax(1, t.recipients), 0, 'f', 0);
            return s;
        };
        for (auto it = byForm.cbegin(); it != byForm.cend(); ++it)
            qInfo().noquote() << line(it.key(), it.value());
        qInfo().noquote() << line(QStringLiteral("all"), all);
        QVERIFY2(all.right >= 0.9 * all.records, "under 90 % fully right");
        for (auto it = byForm.cbegin(); it != byForm.cend(); ++it)
            QVERIFY2(it->right >= 0.8 * it->records, qPrintable(it.key() + u" under 80 %"_qs));
    }
};

QTEST_GUILESS_MAIN(TstRealPastes)
#include "tst_realpastes.moc"
