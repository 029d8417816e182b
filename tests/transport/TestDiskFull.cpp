// A log or event-store node whose file cannot grow (a full disk; here a file-size limit, so
// write() fails with EFBIG) while the flow runs: the run goes on and ends cleanly, the node
// reports a run error naming the file and the reason and, at the end, how many events the file
// is missing; the file keeps only complete lines (what was in it before, then whole events).
// The limit applies to a whole process, so each run happens in a forked child that reports
// back through a pipe.

#include "model/CloudEventJson.h"
#include "support/FlowBuilders.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <csignal>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace evflow;
using namespace evflow::test::flows;

namespace {

constexpr std::int64_t kEvents = 3000; // a few hundred bytes each: far over the limit
constexpr rlim_t kRoom = 64 * 1024;    // bytes a file may reach
constexpr auto kChildWait = std::chrono::seconds(60);

/// What the child saw: the sink's processed count and every run error.
struct ChildRun
{
    int status = -1; ///< waitpid status
    std::uint64_t processed = 0;
    std::vector<md::RunError> errors;
};

void writeAll(int fd, const std::string &text)
{
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += std::size_t(n);
    }
}

/// The child: runs `flow` to its end under the limit and writes "processed N" and one
/// "node\tkind\tmessage" line per run error to `fd`. Exit 0, or 3 (no start), 4 (no end).
[[noreturn]] void runLimited(const md::Flow &flow, const std::string &sink, int fd)
{
    std::signal(SIGXFSZ, SIG_IGN); // else the first write past the limit kills the process
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = kRoom;
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int code = 0;
    {
        tr::FlowRuntime rt;
        if (!rt.start(flow))
            code = 3;
        const auto deadline = std::chrono::steady_clock::now() + kChildWait;
        while (code == 0 && !rt.finished()) {
            if (std::chrono::steady_clock::now() > deadline)
                code = 4;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        rt.stop();
        const md::RunSnapshot s = rt.snapshot();
        std::string out = "processed " + std::to_string(nodeOf(s, sink).input.processed) + "\n";
        for (const md::RunError &e : s.run.errors)
            out += e.node + '\t' + e.kind + '\t' + e.message + '\n';
        writeAll(fd, out);
    }
    ::close(fd);
    ::_exit(code);
}

ChildRun runInChild(const md::Flow &flow, const std::string &sink)
{
    int pipe[2];
    if (::pipe(pipe) != 0)
        qFatal("pipe: %s", std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(pipe[0]);
        runLimited(flow, sink, pipe[1]);
    }
    ::close(pipe[1]);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, std::size_t(n));
    ::close(pipe[0]);
    ChildRun run;
    ::waitpid(pid, &run.status, 0);
    std::istringstream lines(text);
    std::string line;
    if (std::getline(lines, line) && line.rfind("processed ", 0) == 0)
        run.processed = std::stoull(line.substr(10));
    while (std::getline(lines, line)) {
        const std::size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
        run.errors.push_back(
            {line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return run;
}

/// One valid event line, as an earlier run would have left it.
std::string earlierLine()
{
    md::Event e;
    e.id = "earlier-1";
    e.source = "/earlier";
    e.type = "tick";
    e.time = 1;
    e.data = {{"n", std::int64_t{0}}, {"key", std::string("a")}, {"value", std::int64_t{1}}};
    return md::toCloudEventJson(e) + "\n";
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT
private slots:
    void fileSinkOnFullDiskReportsAndKeepsWholeLines_data();
    void fileSinkOnFullDiskReportsAndKeepsWholeLines();

private:
    QTemporaryDir m_dir;
};

void TestDiskFull::fileSinkOnFullDiskReportsAndKeepsWholeLines_data()
{
    QTest::addColumn<bool>("log");
    QTest::addColumn<QString>("fsync"); // event-store only
    QTest::newRow("event-store, fsync batch") << false << "batch";
    QTest::newRow("event-store, fsync always") << false << "always";
    QTest::newRow("event-store, fsync never") << false << "never";
    QTest::newRow("log, appending") << true << "";
}

void TestDiskFull::fileSinkOnFullDiskReportsAndKeepsWholeLines()
{
    QFETCH(bool, log);
    QFETCH(QString, fsync);
    const std::string path
        = m_dir.filePath(QString("full-%1.jsonl").arg(QTest::currentDataTag())).toStdString();
    const std::string earlier = earlierLine();
    {
        std::ofstream out(path, std::ios::binary);
        out << earlier;
    }
    md::Node sink = node("sink", log ? md::NodeKind::Log : md::NodeKind::EventStore);
    sink.properties["path"] = path;
    if (log)
        sink.properties["append"] = true;
    else
        sink.properties["fsync"] = fsync.toStdString();
    const md::Flow flow = chain(generator("gen", kEvents),
                                channel("bus", md::NodeKind::Queue, "inproc://disk-full"), sink);

    const ChildRun run = runInChild(flow, "sink");
    QVERIFY2(WIFEXITED(run.status), "the run crashed");
    QCOMPARE(WEXITSTATUS(run.status), 0);
    QCOMPARE(run.processed, std::uint64_t(kEvents)); // every event went through the books

    const std::string reason = std::strerror(EFBIG);
    QCOMPARE(run.errors.size(), std::size_t{2});
    QCOMPARE(run.errors[0].node, std::string("sink"));
    QCOMPARE(run.errors[0].kind, std::string("io"));
    QCOMPARE(run.errors[0].message, "cannot write to '" + path + "': " + reason
                                        + " (the file ends at its last complete event; nothing "
                                          "more is written to it)");
    QCOMPARE(run.errors[1].node, std::string("sink"));
    QCOMPARE(run.errors[1].kind, std::string("io"));
    const std::string suffix
        = " events not written to '" + path + "' after the write failure (" + reason + ")";
    const std::string &summary = run.errors[1].message;
    QVERIFY2(summary.size() > suffix.size()
                 && summary.compare(summary.size() - suffix.size(), suffix.size(), suffix) == 0,
             summary.c_str());
    const std::uint64_t lost = std::stoull(summary);

    // The file: the earlier line, then whole events only; together with the lost ones, all.
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() <= qint64(kRoom));
    QVERIFY(bytes.startsWith(QByteArray::fromStdString(earlier)));
    QVERIFY(bytes.endsWith('\n'));
    const std::vector<md::Event> events = readLines(path); // fails on any broken line
    QVERIFY(events.size() > 1);
    QCOMPARE(events.size() - 1 + lost, std::uint64_t(kEvents));
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "TestDiskFull.moc"
