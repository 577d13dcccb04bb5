// How long the API's operations take to load from the compiled-in resource (JSON, as the
// generator writes it) against the same document in Qt's binary form (CBOR), to choose the
// resource's form: prints the median of each over many runs.
//
//     build/release/tests/bench/bench_operations_load [RUNS]

#include "core/browse/operationcatalog.h"

#include <QCborValue>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

double medianMs(std::vector<qint64> &nanoseconds)
{
    std::sort(nanoseconds.begin(), nanoseconds.end());
    return double(nanoseconds.at(nanoseconds.size() / 2)) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 101;
    QFile file(u":/api/operations.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_operations_load: the resource is missing\n");
        return 1;
    }
    const QByteArray json = file.readAll();
    const QByteArray cbor = QCborValue::fromJsonValue(QJsonDocument::fromJson(json).object()).toCbor();

    std::vector<qint64> catalogTimes;
    std::vector<qint64> jsonTimes;
    std::vector<qint64> cborTimes;
    qsizetype operations = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto catalog = Browse::OperationCatalog::fromJson(json);
        catalogTimes.push_back(timer.nsecsElapsed());
        operations = catalog.operations().size();

        timer.restart();
        const QJsonDocument document = QJsonDocument::fromJson(json);
        jsonTimes.push_back(timer.nsecsElapsed());

        timer.restart();
        const QCborValue value = QCborValue::fromCbor(cbor);
        cborTimes.push_back(timer.nsecsElapsed());
        if (document.isNull() || value.isInvalid())
            return 1;
    }
    std::printf("operations: %lld, JSON %lld bytes, CBOR %lld bytes, %d runs\n", static_cast<long long>(operations),
                static_cast<long long>(json.size()), static_cast<long long>(cbor.size()), runs);
    std::printf("parse JSON:           median %.2f ms\n", medianMs(jsonTimes));
    std::printf("parse CBOR:           median %.2f ms\n", medianMs(cborTimes));
    std::printf("catalog from JSON:    median %.2f ms (parse and build every Operation)\n", medianMs(catalogTimes));
    return 0;
}
