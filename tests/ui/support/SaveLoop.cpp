// evflow-save-loop: saves flows through DocumentFile and Autosave exactly as the studio does and
// reports on standard output, so that TestCrashSafeSave can kill it with SIGKILL at any moment
// or run it under a file-size limit (a full disk). Usage:
//
//   evflow-save-loop loop PATH                  saves A, B, A, ... to PATH, "saved A|B" after
//                                               each save, until killed (or 20000 saves)
//   evflow-save-loop save PATH A|B              one save: prints "ok" or the failure message
//   evflow-save-loop autosave DIR PATH A|B      claims PATH's recovery file in the recovery
//                                               folder DIR and writes the flow to it: "ok" or
//                                               the failure message
//   evflow-save-loop hold DIR PATH A|B          like autosave, prints "held" and keeps the
//                                               claim until standard input closes (or a kill)
//
// Exit status: 0 done, 1 the save or claim failed, 2 usage.

#include "SaveLoopFlows.h"

#include "ui/Autosave.h"
#include "ui/DocumentFile.h"

#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <iostream>
#include <string>

using evflow::ui::Autosave;
using evflow::ui::DocumentFile;
using evflow::ui::FileResult;
using evflow::ui::testing::saveLoopFlow;

namespace {

constexpr int kMaxSaves = 20000; // an orphaned loop must not write for ever

int usage()
{
    std::fputs("usage: evflow-save-loop loop PATH | save PATH A|B | autosave DIR PATH A|B"
               " | hold DIR PATH A|B\n",
               stderr);
    return 2;
}

/// Prints `line` at once: the test reads it while this process is still running.
void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

int report(const FileResult &result)
{
    say(result.ok ? QStringLiteral("ok") : result.message);
    return result.ok ? 0 : 1;
}

int loop(const QString &path)
{
    const evflow::model::Flow versions[2] = {saveLoopFlow('A'), saveLoopFlow('B')};
    for (int i = 0; i < kMaxSaves; ++i) {
        const FileResult saved = DocumentFile::save(versions[i % 2], path);
        if (!saved.ok)
            return report(saved);
        say(QStringLiteral("saved %1").arg(i % 2 == 0 ? 'A' : 'B'));
    }
    return 0;
}

/// Claims the recovery file of `path` and writes `version` to it; `hold` then keeps the claim
/// until standard input ends.
int autosave(const QString &directory, const QString &path, char version, bool hold)
{
    DocumentFile::setRecoveryDirectory(directory);
    Autosave autosave;
    const FileResult claimed = autosave.claim(path);
    if (!claimed.ok)
        return report(claimed);
    const FileResult written = autosave.write(saveLoopFlow(version));
    if (!hold || !written.ok)
        return report(written);
    say(QStringLiteral("held"));
    for (std::string line; std::getline(std::cin, line);) {
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // The application name goes into the autosave lock file (QLockFile): the default, this
    // executable's name, is what lets another process see that the holder is alive.
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const auto version = [&](int i) { return args.value(i) == QLatin1String("B") ? 'B' : 'A'; };
    if (args.size() == 2 && args[0] == QLatin1String("loop"))
        return loop(args[1]);
    if (args.size() == 3 && args[0] == QLatin1String("save"))
        return report(DocumentFile::save(saveLoopFlow(version(2)), args[1]));
    if (args.size() == 4 && args[0] == QLatin1String("autosave"))
        return autosave(args[1], args[2], version(3), false);
    if (args.size() == 4 && args[0] == QLatin1String("hold"))
        return autosave(args[1], args[2], version(3), true);
    return usage();
}
