#pragma once

// Runs the checkers evflow did not write (Node.js scripts with npm packages from
// scripts/npm-tools.sh, Debian's python3 with python3-zmq) from Qt tests.

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace evflow::test {

/// What a finished program said; exitCode -1 when it crashed or did not finish in time.
struct ToolRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// A tool script in tests/tools.
inline QString toolScript(const char *name)
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/tests/tools/") + QLatin1String(name);
}

/// Runs `program` with `args` (and $EVFLOW_NPM_DIR set for Node.js scripts) to its end.
inline ToolRun runTool(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EVFLOW_NPM_DIR"), QStringLiteral(EVFLOW_NPM_DIR));
    p.setProcessEnvironment(env);
    p.start(program, args);
    ToolRun r;
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// Node.js, or empty when it is not installed.
inline QString nodeJs()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

/// A python3 that can `import zmq` (Debian's /usr/bin/python3 with python3-zmq first), or empty.
inline QString pythonWithZmq()
{
    QStringList candidates{QStringLiteral("/usr/bin/python3"),
                           QStandardPaths::findExecutable(QStringLiteral("python3"))};
    for (const QString &python : candidates)
        if (!python.isEmpty() && QFile::exists(python)
            && runTool(python, {QStringLiteral("-c"), QStringLiteral("import zmq")}).exitCode == 0)
            return python;
    return {};
}

} // namespace evflow::test
