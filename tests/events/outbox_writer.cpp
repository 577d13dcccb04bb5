// Queues events in an outbox as fast as it can until it is killed, printing the id of each
// entry once it is safely written. tst_outbox_crash kills it with SIGKILL mid-write.

#include "core/events/event.h"
#include "core/events/outbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: outbox_writer OUTBOX_DIR EVENT_URL TITLE_PREFIX\n");
        return 2;
    }
    Workbench::Outbox outbox(args.at(1));
    const QUrl target(args.at(2));
    // A body of a few KiB, so that a write takes long enough to be cut through.
    const QString filler(3000, u'x');
    for (int i = 0; i < 1000000; ++i) {
        Workbench::Event event;
        event.title = args.at(3) + QString::number(i);
        event.text = filler;
        event.timestamp = QDateTime::currentMSecsSinceEpoch();
        Workbench::OutboxEntry entry;
        entry.target = target;
        entry.body = Workbench::EventCodec::encode(event);
        entry.eventCount = 1;
        entry.title = event.title;
        entry.source = u"writer"_s;
        QString error;
        if (!outbox.enqueue(entry, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("%s\n", qPrintable(entry.id));
        std::fflush(stdout);
    }
    return 0;
}
