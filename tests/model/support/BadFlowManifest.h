#pragma once

// The manifest of the bad-input suite, tests/data/bad/expected.tsv, shared by TestBadFlows
// (the loader and validator) and TestBadFlowsCli (`evflow validate`).

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

namespace evflow::test {

/// The directory of hand-made broken flow files.
inline const QString kBadFlowDir = QStringLiteral(EVFLOW_TEST_DATA_DIR "/bad");

/// One manifest line: FILE, KIND (load | kept | validation), LINE:COLUMN, MESSAGE SUBSTRING.
struct BadFlowExpectation
{
    QString file;
    QString kind;
    int line = 0;
    int column = 0;
    QString message;
};

/// The manifest's entries, in file order. A malformed line becomes an entry with an empty kind,
/// which the tests reject; a missing manifest gives no entries, which they reject too.
inline QList<BadFlowExpectation> readBadFlowManifest()
{
    QFile in(kBadFlowDir + "/expected.tsv");
    QList<BadFlowExpectation> out;
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text))
        return out;
    while (!in.atEnd()) {
        QString line = QString::fromUtf8(in.readLine());
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList cells = line.split('\t');
        const QStringList place = cells.value(2).split(':');
        BadFlowExpectation e;
        e.file = cells.value(0);
        if (cells.size() == 4 && place.size() == 2) {
            e.kind = cells[1];
            e.line = place[0].toInt();
            e.column = place[1].toInt();
            e.message = cells[3];
        }
        out << e;
    }
    return out;
}

} // namespace evflow::test
